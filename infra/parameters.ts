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
import {
  EmailSchema,
  LogRetentionSchema,
  listOf,
  ScheduleSchema,
  SlackIdSchema,
  VpcIdSchema,
  wholeNumber,
} from './context-values.js';

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

const CONTEXT_HELP = 'CDK context: infra/cdk.json "context" or -c key=value';

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
