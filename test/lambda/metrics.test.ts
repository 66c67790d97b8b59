import { describe, expect, it } from 'vitest';
import { runMetrics } from '../../lib/lambda/metrics.js';
import type { PublishOutcome } from '../../lib/publish/publish.js';
import { makeFinding, makeReport } from '../report/report-factory.js';

const report = makeReport({
  findings: [
    makeFinding({
      ruleId: 'eni-orphaned',
      resourceType: 'network-interface',
      resourceId: 'eni-1',
      severity: 'high',
    }),
    makeFinding({
      ruleId: 'eni-orphaned',
      resourceType: 'network-interface',
      resourceId: 'eni-2',
      severity: 'high',
    }),
    makeFinding({
      ruleId: 'subnet-eni-capacity',
      resourceType: 'subnet',
      resourceId: 'subnet-a',
      severity: 'high',
    }),
    makeFinding({ ruleId: 'subnet-eni-utilisation', resourceType: 'subnet', resourceId: 'subnet-a' }),
    makeFinding({
      resourceType: 'subnet',
      resourceId: 'subnet-b',
      status: 'unknown',
      message: 'Cannot check.',
    }),
  ],
  incomplete: { reason: 'The time budget ran out.' },
});

const metric = (metrics: ReturnType<typeof runMetrics>, name: string) =>
  metrics.find((m) => m.name === name)?.value;

describe('runMetrics', () => {
  it('counts failed checks by severity, orphaned ENIs and subnets at risk (distinct, failed only), and the run', () => {
    const metrics = runMetrics(report, 12_345, undefined);
    expect(metric(metrics, 'FailedChecksHigh')).toBe(3);
    expect(metric(metrics, 'FailedChecksMedium')).toBe(1);
    expect(metric(metrics, 'UnknownChecks')).toBe(1);
    expect(metric(metrics, 'OrphanedEnis')).toBe(2);
    expect(metric(metrics, 'SubnetsAtRisk')).toBe(1);
    expect(metric(metrics, 'IncompleteRuns')).toBe(1);
    expect(metrics.find((m) => m.name === 'AuditDuration')).toEqual({
      name: 'AuditDuration',
      unit: 'Milliseconds',
      value: 12_345,
    });
    expect(metric(metrics, 'AlertsSent')).toBeUndefined();
  });

  it('counts a failure of each configured publishing target, and leaves the others out', () => {
    const outcome: PublishOutcome = {
      s3: { status: 'failed', error: 'AccessDenied' },
      sns: { status: 'sent', messageId: 'm', reasons: [], listed: 1, listable: 1, bytes: 10 },
      slack: { status: 'not-configured' },
      securityHub: { status: 'imported', imported: 1, failed: 1, errors: ['x'] },
    };
    const metrics = runMetrics(report, 1, outcome);
    expect(metric(metrics, 'S3PublishFailures')).toBe(1);
    expect(metric(metrics, 'SnsPublishFailures')).toBe(0);
    expect(metric(metrics, 'SlackPublishFailures')).toBeUndefined();
    expect(metric(metrics, 'SecurityHubPublishFailures')).toBe(1);
    expect(metric(metrics, 'AlertsSent')).toBe(1);
  });
});
