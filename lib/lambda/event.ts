import * as z from 'zod/mini';
import { describeIssues, FormatSchema, RegionSchema } from '../config.js';
import { ConfigError } from '../errors.js';
import type { CleanupMode } from '../model/cleanup.js';
import type { ReportFormat } from '../report/render.js';

/**
 * The two events the handler accepts: EventBridge's scheduled event (the nightly run) and a direct-invoke
 * payload (on demand). A payload is validated strictly: a misspelt field is an error, never ignored.
 */

export interface AuditRequest {
  trigger: 'schedule' | 'invoke';
  /** The schedule's event id: the run id derives from it, so a retried delivery writes the same keys. */
  eventId?: string;
  /** The scheduled time (EventBridge `time`). */
  scheduledAt?: Date;
  functions?: string[];
  publish: boolean;
  /** The report rendered in this format is returned in the response too. */
  format?: ReportFormat;
  /** Overrides the function's ENI_CLEANUP for this run, never beyond it. */
  cleanup?: 'off' | CleanupMode;
}

const PAYLOAD_FIELDS = ['regions', 'functions', 'publish', 'format', 'cleanup'] as const;

/** What each ENI_CLEANUP setting lets a payload ask for: never more than the function is configured for. */
const CLEANUP_ALLOWED: Record<'off' | CleanupMode, readonly string[]> = {
  off: ['off'],
  'dry-run': ['off', 'dry-run'],
  apply: ['off', 'dry-run', 'apply'],
};
const MAX_FUNCTION_PATTERNS = 100;

const ScheduledEventSchema = z.looseObject({
  'detail-type': z.literal('Scheduled Event'),
  source: z.literal('aws.events'),
  id: z.string().check(z.minLength(1)),
  time: z.string().check(z.refine((value) => !Number.isNaN(Date.parse(value)))),
});

export const FunctionPatternSchema = z.string({ error: 'must be a string' }).check(
  z.refine((value) => /^[A-Za-z0-9_:*?$.-]{1,256}$/.test(value), {
    error: (issue) =>
      `"${String(issue.input)}" is not a function name or ARN pattern (letters, digits, - _ : . $ and the wildcards * ?, up to 256 characters)`,
  }),
);

function payloadSchema(ownRegion: string, cleanupCeiling: 'off' | CleanupMode) {
  const allowed = CLEANUP_ALLOWED[cleanupCeiling];
  const cleanup = z
    .enum(['off', 'dry-run', 'apply'], {
      error: (issue) => `"${String(issue.input)}" is not a cleanup mode (off, dry-run or apply)`,
    })
    .check(
      z.refine((mode) => allowed.includes(mode), {
        error: (issue) =>
          `"${String(issue.input)}" is beyond this function's ENI_CLEANUP (${cleanupCeiling}); allowed: ${allowed.join(', ')}`,
      }),
    );
  const ownRegionOnly = RegionSchema.check(
    z.refine((region) => region === ownRegion, {
      error: (issue) =>
        `"${String(issue.input)}" cannot be audited from this function: only its own region (${ownRegion}) ` +
        'is supported until multi-region fan-out lands',
    }),
  );
  return z.strictObject(
    {
      regions: z.optional(
        z
          .array(ownRegionOnly, { error: 'must be a list of region names' })
          .check(z.minLength(1, { error: 'must name at least one region' })),
      ),
      functions: z.optional(
        z.array(FunctionPatternSchema, { error: 'must be a list of function names or ARN patterns' }).check(
          z.minLength(1, {
            error: 'must name at least one function (leave it out to audit every function)',
          }),
          z.maxLength(MAX_FUNCTION_PATTERNS, { error: `at most ${MAX_FUNCTION_PATTERNS} patterns` }),
        ),
      ),
      publish: z.optional(z.boolean({ error: 'must be true or false' })),
      format: z.optional(FormatSchema),
      cleanup: z.optional(cleanup),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => `"${key}"`).join(', ')} ` +
            `(allowed: ${PAYLOAD_FIELDS.join(', ')})`
          : 'the invoke payload must be a JSON object',
    },
  );
}

/**
 * The request an event asks for, or a ConfigError naming each wrong field. An empty or null payload (an
 * invoke without one) audits everything and publishes, like the schedule.
 */
export function parseAuditEvent(
  event: unknown,
  ownRegion: string,
  cleanupCeiling: 'off' | CleanupMode = 'off',
): AuditRequest {
  const scheduled = z.safeParse(ScheduledEventSchema, event);
  if (scheduled.success) {
    return {
      trigger: 'schedule',
      eventId: scheduled.data.id,
      scheduledAt: new Date(scheduled.data.time),
      publish: true,
    };
  }
  const result = z.safeParse(payloadSchema(ownRegion, cleanupCeiling), event ?? {});
  if (!result.success)
    throw new ConfigError(`Invalid invoke payload:\n${describeIssues(result.error, '  ')}`);
  const payload = result.data;
  return {
    trigger: 'invoke',
    publish: payload.publish ?? true,
    ...(payload.functions === undefined ? {} : { functions: payload.functions }),
    ...(payload.format === undefined ? {} : { format: payload.format }),
    ...(payload.cleanup === undefined ? {} : { cleanup: payload.cleanup }),
  };
}
