import { SEVERITIES, type Severity } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { failedTargets, type PublishOutcome, type PublishTarget } from '../publish/publish.js';

/** The run's CloudWatch metrics (EMF through Powertools Metrics). Pure: the handler adds them. */
export interface RunMetric {
  name: string;
  unit: 'Count' | 'Milliseconds';
  value: number;
}

const SEVERITY_METRIC: Record<Severity, string> = {
  critical: 'FailedChecksCritical',
  high: 'FailedChecksHigh',
  medium: 'FailedChecksMedium',
  low: 'FailedChecksLow',
  info: 'FailedChecksInfo',
};

const TARGET_METRIC: Record<PublishTarget, string> = {
  s3: 'S3PublishFailures',
  sns: 'SnsPublishFailures',
  slack: 'SlackPublishFailures',
  securityHub: 'SecurityHubPublishFailures',
};

function distinctFailed(report: Report, resourceType: 'network-interface' | 'subnet'): number {
  return new Set(
    report.findings
      .filter((finding) => finding.status === 'fail' && finding.resourceType === resourceType)
      .map((finding) => finding.resourceId),
  ).size;
}

/**
 * Counts to alarm on. Orphaned ENIs and subnets at risk are the distinct ENIs and subnets with a failed
 * check. Publishing failures are 0 or 1 per configured target, so an alarm can treat missing data as fine.
 */
export function runMetrics(
  report: Report,
  durationMs: number,
  publish: PublishOutcome | undefined,
): RunMetric[] {
  const count = (name: string, value: number): RunMetric => ({ name, unit: 'Count', value });
  const metrics: RunMetric[] = [
    ...SEVERITIES.map((severity) => count(SEVERITY_METRIC[severity], report.summary.bySeverity[severity])),
    count('UnknownChecks', report.summary.unknown),
    count('FunctionsAudited', report.summary.functionsAudited),
    count('VpcFunctions', report.summary.vpcFunctions),
    count('OrphanedEnis', distinctFailed(report, 'network-interface')),
    count('SubnetsAtRisk', distinctFailed(report, 'subnet')),
    count('CoverageGaps', report.summary.coverageGaps),
    count('IncompleteRuns', report.incomplete ? 1 : 0),
    { name: 'AuditDuration', unit: 'Milliseconds', value: durationMs },
  ];
  if (report.changes?.status === 'compared') {
    metrics.push(
      count('NewFailedChecks', report.changes.new),
      count('ResolvedChecks', report.changes.resolved.length),
    );
  } else if (report.changes?.status === 'unavailable' && report.functionFilter === undefined) {
    metrics.push(count('BaselineUnavailable', 1));
  }
  if (publish) {
    const failed = new Set(failedTargets(publish));
    for (const target of Object.keys(TARGET_METRIC) as PublishTarget[]) {
      if (publish[target].status !== 'not-configured')
        metrics.push(count(TARGET_METRIC[target], failed.has(target) ? 1 : 0));
    }
    if (publish.sns.status !== 'not-configured')
      metrics.push(count('AlertsSent', publish.sns.status === 'sent' ? 1 : 0));
  }
  return metrics;
}
