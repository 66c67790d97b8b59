import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Report } from '../model/report.js';
import type { UnauditedTarget } from '../model/rollup.js';
import { failedTargets, type PublishOutcome } from '../publish/publish.js';
import { runMetrics } from './metrics.js';
import type { Powertools } from './powertools.js';
import { changesOf } from './response.js';

/** What an invocation logs and counts: counts, ids and outcomes only, never the report, the event or a secret. */

export function recordAudit(
  { logger, metrics }: Powertools,
  report: Report,
  published: PublishOutcome | undefined,
  durationMs: number,
): void {
  if (report.changes?.status === 'unavailable') {
    logger.warn('Not compared with the previous report', { reason: report.changes.reason });
  }
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

export function recordUnaudited({ logger, metrics }: Powertools, outcome: UnauditedTarget): void {
  logger.warn('Target not audited', { status: outcome.status, code: outcome.error.code });
  metrics.addMetric('TargetsNotAudited', MetricUnit.Count, 1);
}
