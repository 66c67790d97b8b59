import { SETTING_VARIABLES } from '../lib/lambda/env-config.js';
import { DEFAULT_METRICS_NAMESPACE } from '../lib/lambda/powertools.js';
import { TOOL } from '../lib/version.js';
import type { DeployParameters } from './parameters.js';

/**
 * The function's environment: the variables lib/lambda/env-config.ts reads (validated there at cold start) and
 * Powertools' own. A test feeds the synthesized environment to `loadEnvConfig`, so a name or format the
 * handler does not accept fails the build, not the first night.
 */

/** The Powertools service name: the `service` dimension of every metric the alarms watch. */
export const SERVICE_NAME = TOOL.name;
/** The fan-out's own service name: the main stack's alarms watch `service = lambda-vpc-auditor` alone. */
export const FANOUT_SERVICE_NAME = `${SERVICE_NAME}-fanout`;
export const METRICS_NAMESPACE = DEFAULT_METRICS_NAMESPACE;

export interface EnvironmentTargets {
  bucketName: string;
  topicArn: string;
}

export function functionEnvironment(params: DeployParameters, t: EnvironmentTargets): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [variable, key] of Object.entries(SETTING_VARIABLES)) {
    const value = params.settings[key];
    if (value !== undefined) settings[variable] = value;
  }
  return {
    REPORT_BUCKET: t.bucketName,
    REPORT_PREFIX: params.reportPrefix,
    TOPIC_ARN: t.topicArn,
    ALERT_THRESHOLD: params.alertThreshold,
    ALERT_MODE: params.alertMode,
    SECURITY_HUB_EXPORT: String(params.securityHub),
    ...(params.slackWebhook ? { SLACK_WEBHOOK_PARAMETER: params.slackWebhook.text } : {}),
    ...(params.lookbackDays === undefined ? {} : { LOOKBACK_DAYS: String(params.lookbackDays) }),
    ...(params.cleanup === 'off'
      ? {}
      : { ENI_CLEANUP: params.cleanup, ENI_CLEANUP_MIN_AGE_HOURS: String(params.cleanupMinAgeHours) }),
    ...settings,
    POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    POWERTOOLS_LOG_LEVEL: 'INFO',
    POWERTOOLS_TRACE_ENABLED: String(params.tracing),
    // Stack traces point into handlers/ and lib/ rather than the minified bundle (about +0.1 s at cold start).
    NODE_OPTIONS: '--enable-source-maps',
  };
}
