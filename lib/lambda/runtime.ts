import { RULES } from '../analyze/registry.js';
import { type AuditDeps, collectWith } from '../audit.js';
import { createClients } from '../aws/clients.js';
import { createAccountAccess } from '../collect/account-access.js';
import { readSnapshotFile } from '../collect/snapshot-file.js';
import { createPublishClients } from '../publish/clients.js';
import { topicRegion } from '../publish/config.js';
import { createWebhookUrlReader } from '../publish/slack-webhook.js';
import { loadEnvConfig } from './env-config.js';
import type { HandlerDeps } from './invocation.js';
import { createPowertools } from './powertools.js';

/**
 * Everything the handler needs, built once per execution environment (cold start): the validated
 * configuration, Powertools, and SDK clients traced by X-Ray and reused by every warm invocation.
 */
export function createRuntime(env: Readonly<Record<string, string | undefined>>): HandlerDeps {
  const config = loadEnvConfig(env);
  const powertools = createPowertools(env);
  const instrument = (client: object) => powertools.tracer.captureAWSv3Client(client);
  const clients = createClients({ region: config.region, instrument });
  const topicArn = config.publish.topicArn;
  const publishClients = createPublishClients({
    region: config.region,
    instrument,
    ...(topicArn === undefined ? {} : { snsRegion: topicRegion(topicArn) }),
  });
  const audit: AuditDeps = {
    readSnapshot: readSnapshotFile,
    // The warm clients for the function's own account and region; new ones for a fan-out target or region.
    collect: collectWith((source) =>
      source.region === config.region && source.credentials === undefined
        ? clients
        : createClients({ region: source.region, credentials: source.credentials, instrument }),
    ),
    rules: RULES,
    // Cleanup runs in the function's own account and region (never for a fan-out target): its warm, traced client.
    cleanupClient: (source) =>
      source.region === config.region
        ? clients.ec2
        : createClients({ region: source.region, instrument }).ec2,
  };
  const webhook = config.publish.slackWebhook;
  return {
    config,
    powertools,
    audit,
    publish: {
      clients: publishClients,
      ...(webhook === undefined ? {} : { webhookUrl: createWebhookUrlReader(webhook, publishClients) }),
    },
    now: () => new Date(),
    discovery: (runId) => createAccountAccess({ homeRegion: config.region, runId, instrument }),
  };
}
