import type { Report } from '../model/report.js';
import { renderSlackWebhookPayload } from '../report/render/alert/chatbot.js';
import type { ReportLink } from '../report/render/alert/email.js';
import { renderSnsAlert } from '../report/render/alert/sns-message.js';
import { renderAsff } from '../report/render/asff.js';
import { readAlertLedger, writeAlertLedger } from './alert-ledger.js';
import { type AlertDecision, decideAlert } from './alert-policy.js';
import type { PublishClients } from './clients.js';
import type { PublishConfig } from './config.js';
import {
  type AlertOutcome,
  attemptTarget,
  type Failed,
  linkTo,
  type NotConfigured,
  type Quiet,
  sentAlert,
  whenAlerting,
  whenConfigured,
} from './outcome.js';
import { type StoredReport, storeReport } from './s3.js';
import { postToWebhook, type WebhookUrlReader } from './slack-webhook.js';
import { publishAlert } from './sns.js';

/**
 * Publishes one run to every configured target. Each target fails on its own: a failed SNS publish never
 * loses the stored report, a failed S3 write still sends the alert (with the findings inline). Every
 * outcome is returned, for the invoke response, the CLI and the metrics.
 */

export type StoreOutcome = ({ status: 'stored' } & StoredReport) | Failed | NotConfigured;
export type SlackOutcome =
  | { status: 'sent'; reasons: string[] }
  | { status: 'already-sent' }
  | Quiet
  | Failed
  | NotConfigured;
export type SecurityHubOutcome =
  | { status: 'imported'; imported: number; failed: number; errors: string[] }
  | Failed
  | NotConfigured;

export interface PublishOutcome {
  s3: StoreOutcome;
  sns: AlertOutcome;
  slack: SlackOutcome;
  securityHub: SecurityHubOutcome;
}

export type PublishTarget = keyof PublishOutcome;

export interface PublishDeps {
  clients: Pick<PublishClients, 's3' | 'sns' | 'securityHub'>;
  /** Reads the webhook URL (lib/publish/slack-webhook.ts); required when a webhook is configured. */
  webhookUrl?: WebhookUrlReader;
  fetch?: typeof fetch;
}

/** Targets that failed, including Security Hub findings it refused. */
export function failedTargets(outcome: PublishOutcome): PublishTarget[] {
  const targets: PublishTarget[] = [];
  if (outcome.s3.status === 'failed') targets.push('s3');
  if (outcome.sns.status === 'failed') targets.push('sns');
  if (outcome.slack.status === 'failed') targets.push('slack');
  const hub = outcome.securityHub;
  if (hub.status === 'failed' || (hub.status === 'imported' && hub.failed > 0)) targets.push('securityHub');
  return targets;
}

function store(report: Report, config: PublishConfig, deps: PublishDeps): Promise<StoreOutcome> {
  return whenConfigured(config.store, async (target) => ({
    status: 'stored' as const,
    ...(await storeReport(deps.clients.s3, target, report)),
  }));
}

function alert(
  report: Report,
  config: PublishConfig,
  deps: PublishDeps,
  decision: AlertDecision,
  link: ReportLink,
): Promise<AlertOutcome> {
  return whenAlerting(config.topicArn, decision, async (topicArn, reasons) => {
    const message = renderSnsAlert(report, link);
    return sentAlert(await publishAlert(deps.clients.sns, topicArn, message), message, reasons);
  });
}

function slack(
  report: Report,
  deps: PublishDeps,
  decision: AlertDecision,
  link: ReportLink,
): Promise<SlackOutcome> {
  return whenAlerting(deps.webhookUrl, decision, async (readUrl, reasons) => {
    const payload = renderSlackWebhookPayload(report, link.kind === 'stored' ? link.consoleUrl : undefined);
    await postToWebhook(await readUrl(), payload, deps.fetch);
    return { status: 'sent' as const, reasons };
  });
}

async function securityHub(
  report: Report,
  config: PublishConfig,
  deps: PublishDeps,
): Promise<SecurityHubOutcome> {
  if (!config.securityHub) return { status: 'not-configured' };
  return attemptTarget(async () => {
    // Loaded on use: most deployments never export, and the module carries the Security Hub SDK.
    const { importFindings } = await import('./securityhub.js');
    const client = await deps.clients.securityHub();
    return { status: 'imported' as const, ...(await importFindings(client, renderAsff(report))) };
  });
}

/**
 * S3 first (the alert links to it), then the alert, Slack and Security Hub side by side. A notification this
 * run already sent (a retried invocation: same run id) is not sent again; the ledger beside the report says so.
 */
export async function publishReport(
  report: Report,
  config: PublishConfig,
  deps: PublishDeps,
): Promise<PublishOutcome> {
  const s3 = await store(report, config, deps);
  const decision = decideAlert(report, config.alert, s3.status === 'failed');
  const link = linkTo(s3);
  // Only where this attempt could store the report: with S3 failing, the ledger could not be read either.
  const ledgerStore = s3.status === 'stored' ? config.store : undefined;
  const before = ledgerStore ? await readAlertLedger(deps.clients.s3, ledgerStore, report) : undefined;
  const [sns, slackOutcome, hub] = await Promise.all([
    before?.sns
      ? { status: 'already-sent' as const, messageId: before.sns.messageId }
      : alert(report, config, deps, decision, link),
    before?.slack ? { status: 'already-sent' as const } : slack(report, deps, decision, link),
    securityHub(report, config, deps),
  ]);
  if (ledgerStore && (sns.status === 'sent' || slackOutcome.status === 'sent')) {
    await writeAlertLedger(deps.clients.s3, ledgerStore, report, {
      runId: report.runId,
      ...(sns.status === 'sent' || sns.status === 'already-sent'
        ? { sns: { messageId: sns.messageId } }
        : {}),
      ...(slackOutcome.status === 'sent' || slackOutcome.status === 'already-sent'
        ? { slack: { sent: true as const } }
        : {}),
    });
  }
  return { s3, sns, slack: slackOutcome, securityHub: hub };
}
