import { Buffer } from 'node:buffer';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { type AuditDeps, runAudit } from '../audit.js';
import type { AccountAccess } from '../collect/account-access.js';
import { createAccountAccess } from '../collect/account-access.js';
import type { LambdaConfig } from '../env-config.js';
import { AuditorError, ConfigError, PublishError } from '../errors.js';
import type { CleanupReport } from '../model/cleanup.js';
import type { Report, ReportChanges, ReportSummary } from '../model/report.js';
import type { TargetOutcome, UnauditedTarget } from '../model/rollup.js';
import { undeliveredReason } from '../publish/delivery.js';
import { failedTargets, type PublishDeps, type PublishOutcome, publishReport } from '../publish/publish.js';
import { readBaseline } from '../publish/s3.js';
import type { CleanupOptions } from '../remediate/options.js';
import { renderReport } from '../report/render/render.js';
import { runIdFor } from '../run-id.js';
import { type AuditRequest, parseAuditEvent } from './event.js';
import { runMetrics } from './metrics.js';
import { type Powertools, traced } from './powertools.js';
import { auditRegions, type RegionsRollup } from './regions.js';
import { accessFor, auditedOutcome, failedTarget, targetPublishConfig } from './target.js';

/**
 * The Lambda entry behind both triggers. Thin: parse the event, run the one pipeline with a deadline taken
 * from the remaining time, publish, return the summary. Logs never carry the event, the report or a secret:
 * only counts, ids and outcomes.
 */

export interface HandlerDeps {
  config: LambdaConfig;
  powertools: Powertools;
  audit: AuditDeps;
  publish: PublishDeps;
  now: () => Date;
  /** STS for the fan-out's member roles and the own account id; built on first use from the config when absent. */
  discovery?: (runId: string) => AccountAccess;
}

/** What an invocation returns; a sync invoke's caller reads it. */
export type AuditResponse =
  | {
      ok: true;
      runId: string;
      trigger: AuditRequest['trigger'];
      accountId: string;
      region: string;
      incomplete?: string;
      summary: ReportSummary;
      changes?:
        | { status: 'compared'; new: number; open: number; resolved: number; unconfirmed: number }
        | { status: 'unavailable'; reason: string };
      /** What the ENI cleanup did, when it ran. */
      cleanup?: CleanupReport['summary'];
      /** Where the report was stored. */
      report?: { bucket: string; json: string; html: string; md: string; consoleUrl: string };
      publish?: PublishOutcome;
      /** Patterns of `functions` that matched no function. */
      unmatchedFunctions?: string[];
      /** The report in the requested `format`. */
      rendered?: string;
      renderedOmitted?: string;
      /** A fan-out target's line of the roll-up (lib/model/rollup.ts). */
      outcome?: TargetOutcome;
      /** A several-region run (`regions`): every region's line; `summary` adds up the audited ones. */
      rollup?: RegionsRollup;
    }
  | {
      ok: false;
      error: { type: string; message: string };
      /** A fan-out target that could not be audited (its role not assumable, its region unreachable). */
      outcome?: UnauditedTarget;
    };

/** A synchronous invoke response is limited to 6 MB; the rendered report stays well under it. */
export const MAX_RENDERED_BYTES = 5_000_000;

/** Collection stops this far ahead of the Lambda timeout, so analysis and publishing still have time. */
export function collectionDeadline(now: Date, remainingMs: number, reserveMs: number): Date {
  // A short timeout would leave nothing to collect with a fixed reserve: keep at least half for collection.
  const reserve = Math.min(reserveMs, remainingMs / 2);
  return new Date(now.getTime() + remainingMs - reserve);
}

function changesOf(changes: ReportChanges) {
  return changes.status === 'compared'
    ? {
        status: changes.status,
        new: changes.new,
        open: changes.open,
        resolved: changes.resolved.length,
        unconfirmed: changes.unconfirmed.length,
      }
    : changes;
}

/** The function's cleanup setting, or the payload's lower one (`off` turns it off for the run). */
function cleanupFor(request: AuditRequest, config: LambdaConfig): { cleanup?: CleanupOptions } {
  const configured = config.cleanup;
  if (configured === undefined || request.cleanup === 'off') return {};
  return { cleanup: request.cleanup === undefined ? configured : { ...configured, mode: request.cleanup } };
}

/** Where the report went and the report itself in the requested format, for the invoke response. */
function responseFor(
  request: AuditRequest,
  runId: string,
  result: { report: Report; unmatchedFunctions: string[] },
  published: PublishOutcome | undefined,
): Extract<AuditResponse, { ok: true }> {
  const { report, unmatchedFunctions } = result;
  const stored = published?.s3.status === 'stored' ? published.s3 : undefined;
  const rendered = request.format ? renderReport(report, request.format, { color: false }) : undefined;
  const fits = rendered !== undefined && Buffer.byteLength(rendered, 'utf8') <= MAX_RENDERED_BYTES;
  return {
    ok: true,
    runId,
    trigger: request.trigger,
    accountId: report.accountId,
    region: report.region,
    ...(report.incomplete ? { incomplete: report.incomplete.reason } : {}),
    summary: report.summary,
    ...(report.changes ? { changes: changesOf(report.changes) } : {}),
    ...(report.cleanup ? { cleanup: report.cleanup.summary } : {}),
    ...(stored
      ? {
          report: {
            bucket: stored.bucket,
            json: stored.keys.json,
            html: stored.keys.html,
            md: stored.keys.md,
            consoleUrl: stored.consoleUrl,
          },
        }
      : {}),
    ...(published ? { publish: published } : {}),
    ...(unmatchedFunctions.length > 0 ? { unmatchedFunctions } : {}),
    ...(rendered !== undefined && fits ? { rendered } : {}),
    ...(rendered !== undefined && !fits
      ? {
          renderedOmitted: `The ${request.format} report is over ${MAX_RENDERED_BYTES} bytes; read it from S3.`,
        }
      : {}),
  };
}

export function createAuditHandler(deps: HandlerDeps) {
  const { config, powertools } = deps;
  const { logger, metrics, tracer } = powertools;

  /** Counts and outcomes only: never the report, the event or a secret. */
  function record(report: Report, published: PublishOutcome | undefined, durationMs: number): void {
    for (const target of published ? failedTargets(published) : []) {
      const outcome = published?.[target];
      logger.error('Publishing failed', {
        target,
        error: outcome && 'error' in outcome ? outcome.error : 'some findings were refused',
      });
    }
    for (const metric of runMetrics(report, durationMs, published)) {
      const unit = metric.unit === 'Count' ? MetricUnit.Count : MetricUnit.Milliseconds;
      metrics.addMetric(metric.name, unit, metric.value);
    }
    logger.info('Audit finished', {
      durationMs,
      failed: report.summary.failed,
      unknown: report.summary.unknown,
      coverageGaps: report.summary.coverageGaps,
      incomplete: report.incomplete !== undefined,
      changes: report.changes ? changesOf(report.changes) : undefined,
      publish: published
        ? Object.fromEntries(Object.entries(published).map(([target, outcome]) => [target, outcome.status]))
        : undefined,
    });
  }

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

    const deadline = collectionDeadline(started, context.getRemainingTimeInMillis(), config.timeReserveMs);
    const discovery = (
      deps.discovery ?? ((id) => createAccountAccess({ homeRegion: config.region, runId: id }))
    )(runId);
    if (request.regions) {
      const regions = request.regions;
      return auditRegions({ request, regions, runId, started, deadline }, { ...deps, discovery });
    }
    const { target } = request;
    const access = target ? await accessFor(target, discovery) : {};
    if ('unaudited' in access) return unaudited(access.unaudited);
    const store = config.publish.store;
    const result = await runAudit(
      {
        source: {
          kind: 'aws',
          region: target?.region ?? config.region,
          deadline,
          ...(access.credentials ? { credentials: access.credentials } : {}),
          ...(config.lookbackDays === undefined ? {} : { lookbackDays: config.lookbackDays }),
          ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
        },
        settings: config.settings,
        runId,
        now: started,
        ...(request.functions ? { functions: request.functions } : {}),
        // A fan-out target is read-only: its role may be another account's.
        ...(target ? {} : cleanupFor(request, config)),
        ...(store
          ? {
              baseline: (meta) =>
                readBaseline(deps.publish.clients.s3, store, meta.accountId, meta.region, runId),
            }
          : {}),
      },
      deps.audit,
    ).catch((error: unknown) => {
      // A target that cannot be collected at all is a failed line of the roll-up, not a failed invocation.
      if (!target || !(error instanceof AuditorError)) throw error;
      return failedTarget(target, error);
    });
    if (!('report' in result)) return unaudited(result);
    if (target && result.report.accountId !== target.accountId) {
      const wrong = `The credentials audited account ${result.report.accountId}, not ${target.accountId}.`;
      return unaudited(failedTarget(target, new AuditorError(wrong)));
    }
    const { report } = result;
    if (report.changes?.status === 'unavailable') {
      logger.warn('Not compared with the previous report', { reason: report.changes.reason });
    }
    // A fan-out target stores its report and leaves the one alert to the roll-up.
    const published = !request.publish
      ? undefined
      : target
        ? await publishReport(report, targetPublishConfig(config.publish), { clients: deps.publish.clients })
        : await publishReport(report, config.publish, deps.publish);
    record(report, published, deps.now().getTime() - started.getTime());
    // A nightly run that delivered nothing fails, so Lambda retries it (the ledger keeps a retry from alerting twice).
    const undelivered = request.trigger === 'schedule' && published ? undeliveredReason(published) : null;
    if (undelivered !== null) throw new PublishError(`Run ${runId} is not delivered: ${undelivered}.`);
    const response = responseFor(request, runId, result, published);
    return target
      ? { ...response, outcome: auditedOutcome(target, report, config.publish, published) }
      : response;
  }

  /** A fan-out target that was not audited: an answer the roll-up reads, not an error to retry. */
  function unaudited(outcome: UnauditedTarget): AuditResponse {
    logger.warn('Target not audited', { status: outcome.status, code: outcome.error.code });
    metrics.addMetric('TargetsNotAudited', MetricUnit.Count, 1);
    return {
      ok: false,
      error: { type: outcome.status, message: `${outcome.error.code}: ${outcome.error.message}` },
      outcome,
    };
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
