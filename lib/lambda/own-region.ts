import { runAudit } from '../audit.js';
import { PublishError } from '../errors.js';
import { undeliveredReason } from '../publish/delivery.js';
import { publishReport } from '../publish/publish.js';
import { baselineFrom } from '../publish/s3.js';
import type { CleanupOptions } from '../remediate/options.js';
import type { LambdaConfig } from './env-config.js';
import type { AuditRequest } from './event.js';
import { collectionOf, type HandlerDeps, type Invocation } from './invocation.js';
import { recordAudit } from './record.js';
import { type AuditedResponse, auditedResponse } from './response.js';

/**
 * The function's own account and region (the nightly schedule and most invokes): one audit, the opt-in ENI
 * cleanup, and every configured publishing target (S3, the alert, Slack, Security Hub).
 */

/** The function's cleanup setting, or the payload's lower one (`off` turns it off for the run). */
function cleanupFor(request: AuditRequest, config: LambdaConfig): { cleanup?: CleanupOptions } {
  const configured = config.cleanup;
  if (configured === undefined || request.cleanup === 'off') return {};
  return { cleanup: request.cleanup === undefined ? configured : { ...configured, mode: request.cleanup } };
}

export async function auditOwnRegion(invocation: Invocation, deps: HandlerDeps): Promise<AuditedResponse> {
  const { request, runId, started } = invocation;
  const { config } = deps;
  const store = config.publish.store;
  const result = await runAudit(
    {
      source: { kind: 'aws', region: config.region, ...collectionOf(invocation, config) },
      settings: config.settings,
      runId,
      now: started,
      ...(request.functions ? { functions: request.functions } : {}),
      ...cleanupFor(request, config),
      ...(store ? { baseline: baselineFrom(deps.publish.clients.s3, store, runId) } : {}),
    },
    deps.audit,
  );
  const published = request.publish
    ? await publishReport(result.report, config.publish, deps.publish)
    : undefined;
  recordAudit(deps.powertools, result.report, published, deps.now().getTime() - started.getTime());
  // A nightly run that delivered nothing fails, so Lambda retries it (the ledger keeps a retry from alerting twice).
  const undelivered = request.trigger === 'schedule' && published ? undeliveredReason(published) : null;
  if (undelivered !== null) throw new PublishError(`Run ${runId} is not delivered: ${undelivered}.`);
  return auditedResponse(request, runId, result, published);
}
