import * as z from 'zod/mini';
import { ConfigError, errorMessage } from '../errors.js';
import type { AnalysisSettings } from '../model/settings.js';
import { describeIssues, parseOrThrow } from '../model/validation.js';
import type { PublishConfig } from '../publish/config.js';
import type { CleanupOptions } from '../remediate/options.js';
import {
  type AnalysisSettingsInput,
  AnalysisSettingsInputSchema,
  analysisSettings,
} from '../settings/analysis.js';
import { CleanupSettingSchema, minOrphanAgeHours } from '../settings/cleanup.js';
import {
  DEFAULT_TIME_RESERVE_SECONDS,
  LookbackDaysSchema,
  RegionSchema,
  TimeReserveSecondsSchema,
} from '../settings/collection.js';
import {
  AlertModeSchema,
  BucketSchema,
  DEFAULT_ALERT_POLICY,
  DEFAULT_PREFIX,
  KmsKeySchema,
  PrefixSchema,
  TopicArnSchema,
  WebhookSourceSchema,
} from '../settings/publish.js';
import { SeveritySchema } from '../settings/report.js';
import { BooleanTextSchema } from '../settings/values.js';

/**
 * The Lambda function's configuration, from its environment variables, validated once at cold start: a bad
 * value fails the init with one line per wrong variable, before any invocation runs on a wrong setting.
 * An empty value counts as unset (templates often write "" for "not configured"). Each value is parsed by
 * its setting's module (lib/settings/); this file only names the variables.
 */

/** Environment variable -> analysis setting. */
export const SETTING_VARIABLES = {
  MIN_AZS: 'minAvailabilityZones',
  HEADROOM: 'headroom',
  LEGACY_DIVISOR_GB: 'legacyDivisorGb',
  SUBNET_UTILISATION_THRESHOLD: 'subnetUtilisationThreshold',
  QUOTA_UTILISATION_THRESHOLD: 'quotaUtilisationThreshold',
  INTERNET_TAG_KEY: 'internetTagKey',
  FORECAST_HORIZON_DAYS: 'forecastHorizonDays',
  FORECAST_MIN_DAYS: 'forecastMinDays',
} as const satisfies Record<string, keyof AnalysisSettingsInput>;

const EnvSchema = z.object({
  AWS_REGION: z.pipe(
    z.string({ error: 'is not set: it names the region to audit (Lambda sets it)' }),
    RegionSchema,
  ),
  AWS_ENDPOINT_URL: z.optional(z.string()),
  REPORT_BUCKET: z.optional(BucketSchema),
  REPORT_PREFIX: z.optional(PrefixSchema),
  REPORT_KMS_KEY_ID: z.optional(KmsKeySchema),
  TOPIC_ARN: z.optional(TopicArnSchema),
  ALERT_THRESHOLD: z.optional(SeveritySchema),
  ALERT_MODE: z.optional(AlertModeSchema),
  SLACK_WEBHOOK_PARAMETER: z.optional(WebhookSourceSchema),
  SECURITY_HUB_EXPORT: z.optional(BooleanTextSchema),
  LOOKBACK_DAYS: z.optional(LookbackDaysSchema),
  TIME_RESERVE_SECONDS: z.optional(TimeReserveSecondsSchema),
});

export interface LambdaConfig {
  /** The function's own region: the one it audits. */
  region: string;
  /** AWS_ENDPOINT_URL: the AWS-compatible endpoint the SDK calls instead of AWS (an emulator); each snapshot records it. */
  endpoint?: string;
  settings: AnalysisSettings;
  lookbackDays?: number;
  publish: PublishConfig;
  /** Kept back from the remaining time for analysis and publishing (ms). */
  timeReserveMs: number;
  /** ENI_CLEANUP / ENI_CLEANUP_MIN_AGE_HOURS; absent when off. */
  cleanup?: CleanupOptions;
}

function present(env: Readonly<Record<string, string | undefined>>, names: readonly string[]) {
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') values[name] = value.trim();
  }
  return values;
}

/**
 * Cleanup as the Lambda handler enables it: `ENI_CLEANUP` = `off` (default), `dry-run` or `apply`, and
 * `ENI_CLEANUP_MIN_AGE_HOURS` (read only when on). Undefined when off.
 */
export function cleanupOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): CleanupOptions | undefined {
  const mode = parseOrThrow(CleanupSettingSchema, env.ENI_CLEANUP ?? 'off', 'ENI_CLEANUP');
  if (mode === 'off') return undefined;
  return {
    mode,
    minOrphanAgeHours: minOrphanAgeHours(env.ENI_CLEANUP_MIN_AGE_HOURS, 'ENI_CLEANUP_MIN_AGE_HOURS'),
  };
}

/** The cleanup settings, or the problem with them as one more line of the init error. */
function cleanupFrom(env: Readonly<Record<string, string | undefined>>, problems: string[]) {
  try {
    return cleanupOptionsFromEnv(present(env, ['ENI_CLEANUP', 'ENI_CLEANUP_MIN_AGE_HOURS']));
  } catch (error) {
    problems.push(
      `  ${errorMessage(error)
        .replace(/^Invalid /, '')
        .replace(/\n\s*/g, ' ')}`,
    );
    return undefined;
  }
}

/** Parses the environment or throws one ConfigError naming every wrong variable. */
export function loadEnvConfig(env: Readonly<Record<string, string | undefined>>): LambdaConfig {
  const problems: string[] = [];
  const parsed = z.safeParse(EnvSchema, present(env, Object.keys(EnvSchema.shape)));
  if (!parsed.success) problems.push(describeIssues(parsed.error, '  '));

  const settingsInput = Object.fromEntries(
    Object.entries(present(env, Object.keys(SETTING_VARIABLES))).map(([name, value]) => [
      SETTING_VARIABLES[name as keyof typeof SETTING_VARIABLES],
      value,
    ]),
  );
  const settings = z.safeParse(AnalysisSettingsInputSchema, settingsInput);
  if (!settings.success) {
    const variableOf = new Map<string, string>(
      Object.entries(SETTING_VARIABLES).map(([name, key]) => [key, name]),
    );
    for (const issue of settings.error.issues) {
      const key = String(issue.path[0] ?? '');
      problems.push(`  ${variableOf.get(key) ?? key}: ${issue.message}`);
    }
  }
  const cleanup = cleanupFrom(env, problems);
  if (!parsed.success || !settings.success || problems.length > 0) {
    throw new ConfigError(`Invalid environment configuration:\n${problems.join('\n')}`);
  }

  const e = parsed.data;
  const publish: PublishConfig = {
    alert: {
      threshold: e.ALERT_THRESHOLD ?? DEFAULT_ALERT_POLICY.threshold,
      mode: e.ALERT_MODE ?? DEFAULT_ALERT_POLICY.mode,
    },
    securityHub: e.SECURITY_HUB_EXPORT ?? false,
    ...(e.REPORT_BUCKET === undefined
      ? {}
      : {
          store: {
            bucket: e.REPORT_BUCKET,
            prefix: e.REPORT_PREFIX ?? DEFAULT_PREFIX,
            ...(e.REPORT_KMS_KEY_ID === undefined ? {} : { kmsKeyId: e.REPORT_KMS_KEY_ID }),
          },
        }),
    ...(e.TOPIC_ARN === undefined ? {} : { topicArn: e.TOPIC_ARN }),
    ...(e.SLACK_WEBHOOK_PARAMETER === undefined ? {} : { slackWebhook: e.SLACK_WEBHOOK_PARAMETER }),
  };
  return {
    region: e.AWS_REGION,
    ...(e.AWS_ENDPOINT_URL === undefined ? {} : { endpoint: e.AWS_ENDPOINT_URL }),
    settings: analysisSettings(settings.data),
    ...(e.LOOKBACK_DAYS === undefined ? {} : { lookbackDays: e.LOOKBACK_DAYS }),
    publish,
    timeReserveMs: (e.TIME_RESERVE_SECONDS ?? DEFAULT_TIME_RESERVE_SECONDS) * 1000,
    ...(cleanup === undefined ? {} : { cleanup }),
  };
}
