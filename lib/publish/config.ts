import type { Severity } from '../model/finding.js';

/**
 * Where and how a run is published. The values come from the Lambda environment (lib/lambda/env-config.ts) or the
 * CLI's `--publish` flags, validated by lib/settings/publish.ts.
 */

export interface ReportStore {
  bucket: string;
  /** Without leading or trailing slash; may be empty. */
  prefix: string;
  /** SSE-KMS with this key; SSE-S3 (AES256) without. */
  kmsKeyId?: string;
}

/** `always`: one message every run, changed or not. */
export type AlertMode = 'changes' | 'always';

export interface AlertPolicy {
  /** New (or resolved) failed findings at or above this send an alert. */
  threshold: Severity;
  mode: AlertMode;
}

/** Where the Slack incoming-webhook URL is kept; the URL itself is a secret and is never configured directly. */
export type WebhookSource = { kind: 'ssm'; name: string } | { kind: 'secretsmanager'; id: string };

/** Everything a run may publish to; each target is optional. */
export interface PublishConfig {
  store?: ReportStore;
  topicArn?: string;
  alert: AlertPolicy;
  slackWebhook?: WebhookSource;
  securityHub: boolean;
}

/** The topic's region: SNS must be called in the region the topic lives in. */
export function topicRegion(topicArn: string): string {
  return topicArn.split(':')[3] ?? '';
}
