import type { S3Client } from '@aws-sdk/client-s3';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { Rollup, TargetOutcome } from '../model/rollup.js';
import { renderRollupSnsAlert } from '../report/render/alert/rollup.js';
import { renderRollupMarkdown } from '../report/render/markdown/rollup.js';
import { renderRollupJson } from '../report/render/rollup.js';
import type { PublishConfig, ReportStore } from './config.js';
import {
  type AlertOutcome,
  type Failed,
  linkTo,
  type NotConfigured,
  sentAlert,
  whenAlerting,
  whenConfigured,
} from './outcome.js';
import { decideRollupAlert } from './rollup-alert-policy.js';
import { type RollupKeys, rollupKeys } from './rollup-keys.js';
import { put } from './s3.js';
import { objectLocation } from './s3-keys.js';
import { publishAlert } from './sns.js';

/**
 * Publishes a multi-target run's roll-up: its JSON and Markdown to S3 (and `rollup/latest.json`), then the
 * run's ONE alert. The per-target reports were stored by each target's audit, without alerts of their own.
 * Each target fails on its own, as in lib/publish/publish.ts.
 */

export type RollupStoreOutcome =
  | { status: 'stored'; bucket: string; keys: RollupKeys; uri: string; consoleUrl: string }
  | Failed
  | NotConfigured;

export interface RollupPublishOutcome {
  s3: RollupStoreOutcome;
  sns: AlertOutcome;
}

export interface RollupPublishDeps {
  clients: { s3: S3Client; sns: SNSClient };
}

const JSON_TYPE = 'application/json; charset=utf-8';

async function storeRollup(s3: S3Client, store: ReportStore, rollup: Rollup, region: string) {
  const keys = rollupKeys(store, rollup.runId, rollup.generatedAt);
  const json = renderRollupJson(rollup);
  await Promise.all([
    put(s3, store, keys.json, json, JSON_TYPE),
    put(s3, store, keys.md, renderRollupMarkdown(rollup), 'text/markdown; charset=utf-8'),
  ]);
  // Last, so latest.json never names a roll-up whose objects are missing.
  await put(s3, store, keys.latest, json, JSON_TYPE);
  return { bucket: store.bucket, keys, ...objectLocation(store.bucket, keys.md, region) };
}

/** `region`: the auditor's, for the console link. */
export async function publishRollup(
  rollup: Rollup,
  outcomes: readonly TargetOutcome[],
  config: PublishConfig,
  deps: RollupPublishDeps,
  region: string,
): Promise<RollupPublishOutcome> {
  const s3: RollupStoreOutcome = await whenConfigured(config.store, async (store) => ({
    status: 'stored' as const,
    ...(await storeRollup(deps.clients.s3, store, rollup, region)),
  }));
  const decision = decideRollupAlert(rollup, outcomes, config.alert, s3.status === 'failed');
  const link = linkTo(s3);
  const sns = await whenAlerting(config.topicArn, decision, async (topicArn, reasons) => {
    const message = renderRollupSnsAlert(rollup, link, reasons);
    return sentAlert(await publishAlert(deps.clients.sns, topicArn, message), message, reasons);
  });
  return { s3, sns };
}
