import { describe, expect, it } from 'vitest';
import { AUDIT_METRICS } from '../../infra/alarms.js';
import { runMetrics } from '../../lib/lambda/metrics.js';
import { makeFinding, makeReport } from '../report/report-factory.js';

/** The alarms watch metrics by name: the handler must keep emitting exactly these. */
describe('the metrics the alarms watch', () => {
  const value = (report: Parameters<typeof runMetrics>[0], name: string) =>
    runMetrics(report, 1000, undefined).find((m) => m.name === name)?.value;

  it('count the orphaned ENIs of a run', () => {
    const report = makeReport({
      findings: [
        makeFinding({ ruleId: 'eni-orphaned', resourceType: 'network-interface', resourceId: 'eni-1' }),
        makeFinding({ ruleId: 'eni-orphaned', resourceType: 'network-interface', resourceId: 'eni-2' }),
      ],
    });
    expect(value(report, AUDIT_METRICS.orphanedEnis)).toBe(2);
    expect(value(makeReport({ findings: [] }), AUDIT_METRICS.orphanedEnis)).toBe(0);
  });

  it('say whether a run was incomplete', () => {
    expect(
      value(makeReport({ incomplete: { reason: 'The time budget ran out.' } }), AUDIT_METRICS.incomplete),
    ).toBe(1);
    expect(value(makeReport({}), AUDIT_METRICS.incomplete)).toBe(0);
  });
});
