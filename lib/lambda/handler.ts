import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { createAccountAccess } from '../collect/account-access.js';
import { ConfigError } from '../errors.js';
import { runIdFor } from '../run-id.js';
import { type AuditRequest, parseAuditEvent } from './event.js';
import type { HandlerDeps, Invocation } from './invocation.js';
import { auditOwnRegion } from './own-region.js';
import { traced } from './powertools.js';
import { auditRegions } from './regions.js';
import type { AuditResponse } from './response.js';
import { auditFanOutTarget } from './target.js';

/**
 * The Lambda entry behind both triggers. Thin: parse the event, give collection a deadline from the remaining
 * time, and run the audit the request asks for: the function's own region (lib/lambda/own-region.ts), several
 * regions (regions.ts) or one Step Functions target (target.ts). Logs never carry the event, the report or a
 * secret: only counts, ids and outcomes.
 */

/** Collection stops this far ahead of the Lambda timeout, so analysis and publishing still have time. */
export function collectionDeadline(now: Date, remainingMs: number, reserveMs: number): Date {
  // A short timeout would leave nothing to collect with a fixed reserve: keep at least half for collection.
  const reserve = Math.min(reserveMs, remainingMs / 2);
  return new Date(now.getTime() + remainingMs - reserve);
}

export function createAuditHandler(deps: HandlerDeps) {
  const { config, powertools } = deps;
  const { logger, metrics, tracer } = powertools;
  const discoveryFor =
    deps.discovery ?? ((runId: string) => createAccountAccess({ homeRegion: config.region, runId }));

  async function run(event: unknown, context: Context): Promise<AuditResponse> {
    const started = deps.now();
    let request: AuditRequest;
    try {
      request = parseAuditEvent(event, config.region, config.cleanup?.mode ?? 'off');
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // Nothing is collected or published; retrying the same payload cannot help, so it is not thrown.
      logger.warn('Invalid invoke payload', { error: error.message });
      metrics.addMetric('InvalidPayloads', MetricUnit.Count, 1);
      return { ok: false, error: { type: error.name, message: error.message } };
    }

    const runId =
      request.runId ?? runIdFor(request.scheduledAt ?? started, request.eventId ?? context.awsRequestId);
    logger.setCorrelationId(runId);
    logger.info('Audit started', {
      trigger: request.trigger,
      publish: request.publish,
      functionPatterns: request.functions?.length ?? 0,
    });
    const invocation: Invocation = {
      request,
      runId,
      started,
      deadline: collectionDeadline(started, context.getRemainingTimeInMillis(), config.timeReserveMs),
      discovery: discoveryFor(runId),
    };
    if (request.regions) return auditRegions(invocation, request.regions, deps);
    if (request.target) return auditFanOutTarget(invocation, request.target, deps);
    return auditOwnRegion(invocation, deps);
  }

  return async function handler(event: unknown, context: Context): Promise<AuditResponse> {
    logger.addContext(context);
    metrics.captureColdStartMetric();
    try {
      return await traced(tracer, () => run(event, context));
    } catch (error) {
      logger.error('Audit failed', { error: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      metrics.publishStoredMetrics();
      logger.resetKeys();
    }
  };
}
