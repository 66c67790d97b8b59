import type { AuditDeps } from '../audit.js';
import type { AccountAccess } from '../collect/account-access.js';
import { alertSink, storeSink } from '../fanout/sinks.js';
import type { FanOutRun } from '../fanout/target-audit.js';
import type { PublishDeps } from '../publish/publish.js';
import { baselineFrom } from '../publish/s3.js';
import type { LambdaConfig } from './env-config.js';
import type { AuditRequest } from './event.js';
import type { Powertools } from './powertools.js';

/** What the handler is built with: lib/lambda/runtime.ts builds it once per execution environment. */
export interface HandlerDeps {
  config: LambdaConfig;
  powertools: Powertools;
  audit: AuditDeps;
  publish: PublishDeps;
  now: () => Date;
  /** STS for the fan-out's member roles and the own account id; built on first use from the config when absent. */
  discovery?: (runId: string) => AccountAccess;
}

/** One accepted invocation, as each kind of audit (its own region, several regions, a fan-out target) runs it. */
export interface Invocation {
  request: AuditRequest;
  runId: string;
  /** When the invocation started: the reports' time. */
  started: Date;
  /** Collection stops here, ahead of the function's timeout. */
  deadline: Date;
  discovery: AccountAccess;
}

/** The function's own collection settings for any source it audits: the deadline, the lookback, the endpoint. */
export function collectionOf(invocation: Invocation, config: LambdaConfig): FanOutRun['collection'] {
  return {
    deadline: invocation.deadline,
    ...(config.lookbackDays === undefined ? {} : { lookbackDays: config.lookbackDays }),
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
  };
}

/**
 * A run over targets other than the function's own audit (several regions, a Step Functions target): each
 * report compared with its previous one and, when publishing, stored; the alert is the roll-up's.
 */
export function fanOutRunOf(invocation: Invocation, deps: HandlerDeps): FanOutRun {
  const { request } = invocation;
  const { config } = deps;
  const store = config.publish.store;
  const s3 = deps.publish.clients.s3;
  return {
    runId: invocation.runId,
    now: invocation.started,
    settings: config.settings,
    collection: collectionOf(invocation, config),
    ...(request.functions ? { functions: request.functions } : {}),
    ...(store ? { baseline: baselineFrom(s3, store, invocation.runId) } : {}),
    sinks: [...(request.publish && store ? [storeSink(s3, store)] : []), alertSink(config.publish.alert)],
  };
}
