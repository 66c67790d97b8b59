import * as z from 'zod/mini';
import { ConfigError } from '../lib/errors.js';
import type { Severity } from '../lib/model/finding.js';
import type { AnalysisSettings } from '../lib/model/settings.js';
import { describeIssues } from '../lib/model/validation.js';
import type { AlertMode, WebhookSource } from '../lib/publish/config.js';
import { ANALYSIS_SETTING_KEYS, AnalysisSettingsInputSchema } from '../lib/settings/analysis.js';
import {
  type CleanupSetting,
  CleanupSettingSchema,
  DEFAULT_MIN_ORPHAN_AGE_HOURS,
  MinOrphanAgeHoursSchema,
} from '../lib/settings/cleanup.js';
import { LookbackDaysSchema, RegionSchema } from '../lib/settings/collection.js';
import {
  AlertModeSchema,
  DEFAULT_ALERT_POLICY,
  DEFAULT_PREFIX,
  PrefixSchema,
  WebhookSourceSchema,
} from '../lib/settings/publish.js';
import { SeveritySchema } from '../lib/settings/report.js';
import { BooleanTextSchema } from '../lib/settings/values.js';

/**
 * The deploy-time parameters, from CDK context (`cdk.json` or `-c key=value`), validated before anything is
 * built: a wrong value stops `cdk synth` with one line per wrong key. Values from `-c` arrive as strings, values
 * from cdk.json may be numbers, booleans or lists; both are accepted. The handler's own schemas validate what
 * ends up in its environment, so a value accepted here is one the function accepts at cold start. Every setting
 * the function has too is parsed by its module in lib/settings/.
 */

export interface DeployParameters {
  /** EventBridge schedule expression of the nightly run. */
  schedule: string;
  /** One stack per region; empty: one stack in the region the CDK CLI deploys to. */
  regions: string[];
  /** Addresses subscribed to the alert topic (each confirms by email). */
  emails: string[];
  alertThreshold: Severity;
  alertMode: AlertMode;
  /** Report objects expire after this many days. */
  retentionDays: number;
  /** CloudWatch Logs retention of the function's log group (one of the values CloudWatch Logs accepts). */
  logRetentionDays: number;
  cleanup: CleanupSetting;
  cleanupMinAgeHours: number;
  /** VPC ids ENI cleanup is confined to (IAM condition `ec2:Vpc`); empty: any VPC of the account and region. */
  cleanupVpcs: string[];
  /** Key prefix of the report objects, without leading or trailing slash. */
  reportPrefix: string;
  lookbackDays?: number;
  memoryMb: number;
  timeoutMinutes: number;
  /** Where the Slack incoming-webhook URL is kept, as the SLACK_WEBHOOK_PARAMETER text and parsed. */
  slackWebhook?: { text: string; source: WebhookSource };
  /** AWS Chatbot (Amazon Q Developer in chat applications) Slack channel subscribed to the topic. */
  chatbot?: { workspaceId: string; channelId: string };
  securityHub: boolean;
  tracing: boolean;
  /** Analysis settings as given (the handler parses them again from its environment, the same way). */
  settings: Partial<Record<keyof AnalysisSettings, string>>;
}

/** Nightly at 03:00 UTC: after most deployments, before the working day in Europe and the Americas. */
export const DEFAULT_SCHEDULE = 'cron(0 3 * * ? *)';
/** Reports are kept 13 months: a year-on-year comparison still finds last year's report. */
export const DEFAULT_RETENTION_DAYS = 400;
export const DEFAULT_LOG_RETENTION_DAYS = 90;
/**
 * 2 GB. Measured (tsx, synthetic accounts, peak RSS of collect-free analyze + report + JSON/HTML/Markdown
 * rendering): 2,000 functions and 1,000 ENIs 334 MB; 5,000 and 2,000 604 MB; 10,000 and 4,000 1,014 MB. The
 * rendered JSON report is the largest allocation. 2 GB leaves room for the largest accounts and gives the
 * analysis a little over one vCPU; a nightly run of a few minutes costs well under a cent.
 */
export const DEFAULT_MEMORY_MB = 2048;
/** The longest Lambda allows: the handler stops collecting ahead of it and reports what it could not read. */
export const DEFAULT_TIMEOUT_MINUTES = 15;

/** The values CloudWatch Logs accepts for a retention period, in days. */
export const LOG_RETENTION_VALUES = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const CONTEXT_HELP = 'CDK context: infra/cdk.json "context" or -c key=value';

function wholeNumber(min: number, max: number) {
  return z.pipe(
    z.union([z.number(), z.string()]),
    z.transform((value, ctx) => {
      const n = typeof value === 'number' ? value : Number(value.trim() === '' ? Number.NaN : value);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.issues.push({
          code: 'custom',
          input: value,
          message: `must be a whole number from ${min} to ${max}, got "${String(value)}"`,
        });
        return z.NEVER;
      }
      return n;
    }),
  );
}

/** A list from cdk.json, or comma-separated from `-c key=a,b`. */
function listOf(item: z.ZodMiniType<string, string>) {
  return z.pipe(
    z.union([z.array(z.string()), z.string()], {
      error: 'must be a list of strings or a comma-separated string',
    }),
    z.pipe(
      z.transform((value: string | string[]) =>
        (typeof value === 'string' ? value.split(',') : value).map((s) => s.trim()).filter((s) => s !== ''),
      ),
      z.array(item),
    ),
  );
}

/**
 * EventBridge rule expressions: `cron(min hour day-of-month month day-of-week year)` with `?` in exactly one of
 * the two day fields, or `rate(n unit)` no more often than hourly (a run takes up to the timeout, and reserved
 * concurrency 1 would only queue more frequent runs).
 */
const ScheduleSchema = z.string().check(
  z.refine(
    (value) => {
      const cron = /^cron\(([^)]*)\)$/.exec(value);
      if (cron) {
        const fields = (cron[1] ?? '').trim().split(/\s+/);
        return (
          fields.length === 6 &&
          fields.every((field) => /^[0-9A-Za-z*?,/#-]+$/.test(field)) &&
          (fields[2] === '?') !== (fields[4] === '?')
        );
      }
      const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(value);
      if (!rate) return false;
      const amount = Number(rate[1]);
      const unit = rate[2] ?? '';
      const singular = !unit.endsWith('s');
      return amount >= 1 && singular === (amount === 1) && (unit.startsWith('minute') ? amount >= 60 : true);
    },
    {
      error: (issue) =>
        `"${String(issue.input)}" is not an EventBridge schedule: use cron(minute hour day-of-month month ` +
        'day-of-week year) with ? in exactly one day field, e.g. cron(0 3 * * ? *), or rate(n hours|days), at most hourly',
    },
  ),
);

const EmailSchema = z.string().check(
  z.regex(/^[^@\s,]+@[^@\s,]+\.[^@\s,]+$/, {
    error: (issue) => `"${String(issue.input)}" is not an email address`,
  }),
);

const VpcIdSchema = z.string().check(
  z.regex(/^vpc-[0-9a-f]{8,17}$/, {
    error: (issue) => `"${String(issue.input)}" is not a VPC id (vpc-...)`,
  }),
);

const LogRetentionSchema = z.pipe(
  z.union([z.number(), z.string()]),
  z.transform((value, ctx) => {
    const n = Number(value);
    if (!(LOG_RETENTION_VALUES as readonly number[]).includes(n)) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `must be one of the retention periods CloudWatch Logs accepts (${LOG_RETENTION_VALUES.join(', ')}), got "${String(value)}"`,
      });
      return z.NEVER;
    }
    return n;
  }),
);

/** Chatbot's Slack ids: the workspace (team) id and the channel id, as CloudFormation accepts them. */
const SlackIdSchema = z.string().check(
  z.regex(/^[0-9A-Za-z]{1,255}$/, {
    error: (issue) => `"${String(issue.input)}" is not a Slack id (letters and digits, like T07EA123LEP)`,
  }),
);

const ContextSchema = z.strictObject(
  {
    schedule: z.optional(ScheduleSchema),
    regions: z.optional(listOf(RegionSchema)),
    emails: z.optional(listOf(EmailSchema)),
    alertThreshold: z.optional(SeveritySchema),
    alertMode: z.optional(AlertModeSchema),
    retentionDays: z.optional(wholeNumber(1, 36_500)),
    logRetentionDays: z.optional(LogRetentionSchema),
    cleanup: z.optional(CleanupSettingSchema),
    cleanupMinAgeHours: z.optional(MinOrphanAgeHoursSchema),
    cleanupVpcs: z.optional(listOf(VpcIdSchema)),
    reportPrefix: z.optional(PrefixSchema),
    lookbackDays: z.optional(LookbackDaysSchema),
    memoryMb: z.optional(wholeNumber(128, 10_240)),
    timeoutMinutes: z.optional(wholeNumber(1, 15)),
    slackWebhook: z.optional(z.string()),
    slackWorkspaceId: z.optional(SlackIdSchema),
    slackChannelId: z.optional(SlackIdSchema),
    securityHub: z.optional(BooleanTextSchema),
    tracing: z.optional(BooleanTextSchema),
    ...AnalysisSettingsInputSchema.shape,
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown context key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => `"${key}"`).join(', ')}`
        : 'the context must be an object',
  },
);

/** The context keys this app reads: every other camelCase key is a typo, not a CDK setting. */
export const CONTEXT_KEYS: readonly string[] = Object.keys(ContextSchema.shape);

/** CDK's own context keys contain `:`, `/`, `@` or `-` (feature flags, lookups, cli-telemetry); ours are camelCase. */
function isOurs(key: string): boolean {
  return /^[a-z][A-Za-z0-9]*$/.test(key);
}

function problemsWithCombinations(input: z.infer<typeof ContextSchema>): string[] {
  const problems: string[] = [];
  if ((input.slackWorkspaceId === undefined) !== (input.slackChannelId === undefined)) {
    problems.push(
      `  ${input.slackWorkspaceId === undefined ? 'slackWorkspaceId' : 'slackChannelId'}: needed with ` +
        `${input.slackWorkspaceId === undefined ? 'slackChannelId' : 'slackWorkspaceId'} to subscribe a Slack channel through AWS Chatbot`,
    );
  }
  const cleanupOff = (input.cleanup ?? 'off') === 'off';
  if (cleanupOff && input.cleanupVpcs !== undefined && input.cleanupVpcs.length > 0) {
    problems.push('  cleanupVpcs: only applies with cleanup dry-run or apply (cleanup is off)');
  }
  if (cleanupOff && input.cleanupMinAgeHours !== undefined) {
    problems.push('  cleanupMinAgeHours: only applies with cleanup dry-run or apply (cleanup is off)');
  }
  return problems;
}

function webhookOf(text: string | undefined, problems: string[]): DeployParameters['slackWebhook'] {
  if (text === undefined) return undefined;
  const parsed = z.safeParse(WebhookSourceSchema, text.trim());
  if (!parsed.success) {
    problems.push(describeIssues(parsed.error, '  slackWebhook: '));
    return undefined;
  }
  return { text: text.trim(), source: parsed.data };
}

/**
 * The parameters from the app's context entries, or a ConfigError naming every wrong key. `context` is every
 * entry the app sees (`app.node.getAllContext()`); CDK's own entries are left alone.
 */
export function parseDeployParameters(context: Readonly<Record<string, unknown>>): DeployParameters {
  const ours = Object.fromEntries(Object.entries(context).filter(([key]) => isOurs(key)));
  const problems: string[] = [];
  const parsed = z.safeParse(ContextSchema, ours);
  if (!parsed.success) problems.push(describeIssues(parsed.error, '  '));
  const input = parsed.success ? parsed.data : undefined;
  const slackWebhook = webhookOf(
    typeof ours.slackWebhook === 'string' ? ours.slackWebhook : undefined,
    problems,
  );
  if (input) problems.push(...problemsWithCombinations(input));
  if (!input || problems.length > 0) {
    throw new ConfigError(`Invalid deploy parameters (${CONTEXT_HELP}):\n${problems.join('\n')}`);
  }

  const settings: DeployParameters['settings'] = {};
  for (const key of ANALYSIS_SETTING_KEYS) {
    const given = ours[key];
    if (given !== undefined) settings[key] = String(given).trim();
  }
  const cleanup = input.cleanup ?? 'off';
  return {
    schedule: input.schedule ?? DEFAULT_SCHEDULE,
    regions: [...new Set(input.regions ?? [])],
    emails: [...new Set(input.emails ?? [])],
    alertThreshold: input.alertThreshold ?? DEFAULT_ALERT_POLICY.threshold,
    alertMode: input.alertMode ?? DEFAULT_ALERT_POLICY.mode,
    retentionDays: input.retentionDays ?? DEFAULT_RETENTION_DAYS,
    logRetentionDays: input.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
    cleanup,
    cleanupMinAgeHours: input.cleanupMinAgeHours ?? DEFAULT_MIN_ORPHAN_AGE_HOURS,
    cleanupVpcs: [...new Set(input.cleanupVpcs ?? [])],
    reportPrefix: input.reportPrefix ?? DEFAULT_PREFIX,
    ...(input.lookbackDays === undefined ? {} : { lookbackDays: input.lookbackDays }),
    memoryMb: input.memoryMb ?? DEFAULT_MEMORY_MB,
    timeoutMinutes: input.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES,
    ...(slackWebhook === undefined ? {} : { slackWebhook }),
    ...(input.slackWorkspaceId !== undefined && input.slackChannelId !== undefined
      ? { chatbot: { workspaceId: input.slackWorkspaceId, channelId: input.slackChannelId } }
      : {}),
    securityHub: input.securityHub ?? false,
    tracing: input.tracing ?? false,
    settings,
  };
}
