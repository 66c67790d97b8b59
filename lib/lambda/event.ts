import * as z from 'zod/mini';
import { ConfigError } from '../errors.js';
import { describeIssues } from '../model/validation.js';
import type { ReportFormat } from '../report/render/render.js';
import { type CleanupSetting, CleanupSettingSchema } from '../settings/cleanup.js';
import { RegionSchema } from '../settings/collection.js';
import { AccountIdSchema, accountOfRoleArn, RoleArnSchema } from '../settings/fanout.js';
import { FormatSchema } from '../settings/report.js';

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
  cleanup?: CleanupSetting;
  /** Regions of the function's own account, each audited with its own report, plus a roll-up and one alert. */
  regions?: string[];
  /** Exactly one account and region (the Step Functions fan-out's item); the role is assumed when given. */
  target?: AuditTargetRequest;
  /** The fan-out run this invocation belongs to: every target's report carries it. */
  runId?: string;
}

export interface AuditTargetRequest {
  accountId: string;
  region: string;
  roleArn?: string;
  accountName?: string;
}

const PAYLOAD_FIELDS = ['regions', 'target', 'runId', 'functions', 'publish', 'format', 'cleanup'] as const;

/** What each ENI_CLEANUP setting lets a payload ask for: never more than the function is configured for. */
const CLEANUP_ALLOWED: Record<CleanupSetting, readonly string[]> = {
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

const TargetSchema = z.strictObject(
  {
    accountId: AccountIdSchema,
    region: RegionSchema,
    roleArn: z.optional(RoleArnSchema),
    accountName: z.optional(z.string().check(z.maxLength(256))),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => `"${key}"`).join(', ')} ` +
          '(allowed: accountId, region, roleArn, accountName)'
        : 'must be an object { "accountId", "region", "roleArn"? }',
  },
);

/** lib/run-id.ts's shape: the fan-out's run id, so every target's report keys carry the same one. */
const RunIdSchema = z.string().check(
  z.regex(/^\d{8}T\d{6}Z-[0-9a-f]{8}$/, {
    error: (issue) => `"${String(issue.input)}" is not a run id (like 20261124T030000Z-1a2b3c4d)`,
  }),
);

/** Combinations each field allows alone but not together: one line each, like the schema's own issues. */
function conflicts(payload: { regions?: string[]; target?: AuditTargetRequest; cleanup?: string }): string[] {
  const problems: string[] = [];
  const target = payload.target;
  if (target && payload.regions) problems.push('  regions: a target names its one region; leave regions out');
  if (target && payload.cleanup !== undefined && payload.cleanup !== 'off') {
    problems.push(
      '  cleanup: a fan-out target is audited read-only; cleanup runs in the function’s own audits',
    );
  }
  if (target?.roleArn && accountOfRoleArn(target.roleArn) !== target.accountId) {
    problems.push(`  target.roleArn: "${target.roleArn}" is not a role of account ${target.accountId}`);
  }
  return problems;
}

function payloadSchema(cleanupCeiling: CleanupSetting) {
  const allowed = CLEANUP_ALLOWED[cleanupCeiling];
  const cleanup = CleanupSettingSchema.check(
    z.refine((mode) => allowed.includes(mode), {
      error: (issue) =>
        `"${String(issue.input)}" is beyond this function's ENI_CLEANUP (${cleanupCeiling}); allowed: ${allowed.join(', ')}`,
    }),
  );
  return z.strictObject(
    {
      regions: z.optional(
        z
          .array(RegionSchema, { error: 'must be a list of region names' })
          .check(z.minLength(1, { error: 'must name at least one region' })),
      ),
      target: z.optional(TargetSchema),
      runId: z.optional(RunIdSchema),
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
  cleanupCeiling: CleanupSetting = 'off',
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
  const result = z.safeParse(payloadSchema(cleanupCeiling), event ?? {});
  if (!result.success)
    throw new ConfigError(`Invalid invoke payload:\n${describeIssues(result.error, '  ')}`);
  const payload = result.data;
  const problems = conflicts(payload);
  if (problems.length > 0) throw new ConfigError(`Invalid invoke payload:\n${problems.join('\n')}`);
  // The function's own region alone is the audit it always made: no roll-up for one report.
  const regions = [...new Set(payload.regions ?? [])];
  const onlyOwn = regions.length === 1 && regions[0] === ownRegion;
  if (regions.length > 0 && !onlyOwn && payload.cleanup !== undefined && payload.cleanup !== 'off') {
    throw new ConfigError(
      'Invalid invoke payload:\n  cleanup: runs in single-region audits only; leave it out with several regions',
    );
  }
  return {
    trigger: 'invoke',
    publish: payload.publish ?? true,
    ...(payload.functions === undefined ? {} : { functions: payload.functions }),
    ...(payload.format === undefined ? {} : { format: payload.format }),
    ...(payload.cleanup === undefined ? {} : { cleanup: payload.cleanup }),
    ...(regions.length === 0 || onlyOwn ? {} : { regions }),
    ...(payload.target === undefined ? {} : { target: payload.target }),
    ...(payload.runId === undefined ? {} : { runId: payload.runId }),
  };
}
