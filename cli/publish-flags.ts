import type { Command } from 'commander';
import { ConfigError } from '../lib/errors.js';
import type { Report } from '../lib/model/report.js';
import { parseOrThrow } from '../lib/model/validation.js';
import { createPublishClients, type PublishClients } from '../lib/publish/clients.js';
import { type PublishConfig, topicRegion } from '../lib/publish/config.js';
import { failedTargets, type PublishOutcome } from '../lib/publish/publish.js';
import { createWebhookUrlReader } from '../lib/publish/slack-webhook.js';
import {
  ALERT_THRESHOLD_HELP,
  BucketSchema,
  DEFAULT_ALERT_POLICY,
  DEFAULT_PREFIX,
  KmsKeySchema,
  PREFIX_HELP,
  PrefixSchema,
  TopicArnSchema,
  WebhookSourceSchema,
} from '../lib/settings/publish.js';
import { SeveritySchema } from '../lib/settings/report.js';

/**
 * `audit --publish --bucket B --topic T`: the Lambda function's publishing (S3 report, diff against
 * `latest.json`, one SNS alert, optional Slack webhook and Security Hub), run locally with the CLI's
 * credentials.
 */

/** Commander's parsed options; the ones read here are named in `addPublishOptions`. */
export type PublishFlags = Readonly<Record<string, string | boolean | undefined>>;

/** Builds the publishing clients; tests pass one that answers from a local server or a mock. */
export type PublishClientFactory = (options: {
  region: string;
  profile?: string | undefined;
  snsRegion?: string | undefined;
}) => PublishClients;

export const defaultPublishClients: PublishClientFactory = (options) => createPublishClients(options);

export function addPublishOptions(command: Command): Command {
  return command
    .option(
      '--publish',
      'publish like the Lambda function: S3 report, diff, SNS alert (needs --bucket or --topic)',
    )
    .option('--bucket <name>', 'with --publish: S3 bucket for the report (JSON, HTML, Markdown, latest.json)')
    .option('--prefix <prefix>', `with --publish: ${PREFIX_HELP}`)
    .option('--kms-key <id>', 'with --publish: SSE-KMS key for the report objects (default SSE-S3)')
    .option('--topic <arn>', 'with --publish: SNS topic for the alert')
    .option('--alert-threshold <severity>', `with --publish: ${ALERT_THRESHOLD_HELP}`)
    .option('--alert-always', 'with --publish: send the alert every run, changed or not')
    .option(
      '--slack-webhook-parameter <where>',
      'with --publish: SSM parameter or secret holding a Slack webhook URL',
    )
    .option('--security-hub', 'with --publish: import the findings into Security Hub');
}

const PUBLISH_ONLY = [
  'bucket',
  'prefix',
  'kmsKey',
  'topic',
  'alertThreshold',
  'alertAlways',
  'slackWebhookParameter',
  'securityHub',
];

function text(flags: PublishFlags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** The publishing configuration the flags ask for; undefined without `--publish`. */
export function publishFromFlags(flags: PublishFlags): PublishConfig | undefined {
  if (flags.publish !== true) {
    const stray = PUBLISH_ONLY.find((name) => flags[name] !== undefined);
    if (stray !== undefined) {
      const flag = `--${stray.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      throw new ConfigError(`${flag} applies to --publish.`);
    }
    return undefined;
  }
  const bucket = text(flags, 'bucket');
  const topic = text(flags, 'topic');
  if (bucket === undefined && topic === undefined) {
    throw new ConfigError('--publish needs somewhere to publish: --bucket B, --topic T, or both.');
  }
  const prefix = text(flags, 'prefix');
  const kmsKey = text(flags, 'kmsKey');
  const threshold = text(flags, 'alertThreshold');
  const webhook = text(flags, 'slackWebhookParameter');
  return {
    alert: {
      threshold:
        threshold === undefined
          ? DEFAULT_ALERT_POLICY.threshold
          : parseOrThrow(SeveritySchema, threshold, '--alert-threshold'),
      mode: flags.alertAlways === true ? 'always' : DEFAULT_ALERT_POLICY.mode,
    },
    securityHub: flags.securityHub === true,
    ...(bucket === undefined
      ? {}
      : {
          store: {
            bucket: parseOrThrow(BucketSchema, bucket, '--bucket'),
            prefix: prefix === undefined ? DEFAULT_PREFIX : parseOrThrow(PrefixSchema, prefix, '--prefix'),
            ...(kmsKey === undefined ? {} : { kmsKeyId: parseOrThrow(KmsKeySchema, kmsKey, '--kms-key') }),
          },
        }),
    ...(topic === undefined ? {} : { topicArn: parseOrThrow(TopicArnSchema, topic, '--topic') }),
    ...(webhook === undefined
      ? {}
      : { slackWebhook: parseOrThrow(WebhookSourceSchema, webhook, '--slack-webhook-parameter') }),
  };
}

/** The clients, built once, in the audited region (S3 follows a bucket's redirect; SNS uses the topic's region). */
export function lazyPublishClients(
  config: PublishConfig,
  profile: string | undefined,
  factory: PublishClientFactory,
): (region: string) => PublishClients {
  let clients: PublishClients | undefined;
  return (region) => {
    clients ??= factory({
      region,
      profile,
      ...(config.topicArn === undefined ? {} : { snsRegion: topicRegion(config.topicArn) }),
    });
    return clients;
  };
}

export function webhookReaderFor(config: PublishConfig, clients: PublishClients) {
  return config.slackWebhook === undefined ? undefined : createWebhookUrlReader(config.slackWebhook, clients);
}

/** One line per target, for stderr. */
export function describePublishOutcome(report: Report, outcome: PublishOutcome): string {
  const lines: string[] = [];
  const { s3, sns, slack, securityHub } = outcome;
  if (s3.status === 'stored') {
    lines.push(
      `Report stored: ${s3.uri} (${s3.consoleUrl})${s3.latestUpdated ? '' : '; latest.json kept (this run is not a baseline)'}`,
    );
  } else if (s3.status === 'failed') lines.push(`Report NOT stored: ${s3.error}`);
  if (report.changes?.status === 'compared' && report.changes.previous === null) {
    lines.push(`Changes: no earlier report stored; all ${report.changes.new} failed checks are new.`);
  } else if (report.changes?.status === 'compared') {
    lines.push(
      `Changes: ${report.changes.new} new, ${report.changes.open} still open, ${report.changes.resolved.length} resolved.`,
    );
  } else if (report.changes?.status === 'unavailable') lines.push(`Not compared: ${report.changes.reason}`);
  if (sns.status === 'sent') lines.push(`Alert sent (${sns.reasons.join('; ')}), message ${sns.messageId}.`);
  else if (sns.status === 'quiet') lines.push(`No alert: ${sns.reason}.`);
  else if (sns.status === 'failed') lines.push(`Alert NOT sent: ${sns.error}`);
  if (slack.status === 'sent') lines.push('Slack webhook notified.');
  else if (slack.status === 'failed') lines.push(`Slack webhook failed: ${slack.error}`);
  if (securityHub.status === 'imported') {
    lines.push(`Security Hub: ${securityHub.imported} imported, ${securityHub.failed} refused.`);
  } else if (securityHub.status === 'failed') lines.push(`Security Hub export failed: ${securityHub.error}`);
  return `${lines.join('\n')}\n`;
}

export function publishFailed(outcome: PublishOutcome): boolean {
  return failedTargets(outcome).length > 0;
}
