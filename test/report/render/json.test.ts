import { describe, expect, it } from 'vitest';
import type { Report } from '../../../lib/model/report.js';
import { renderJson } from '../../../lib/report/render/json.js';
import { makeCoverageGap, makeFinding, makeReport, threeFindings } from '../report-factory.js';

describe('renderJson', () => {
  it('round-trips the report', () => {
    const report = makeReport({
      findings: [...threeFindings(), makeFinding({ status: 'unknown', resourceId: 'billing-api' })],
      coverage: [makeCoverageGap({ resource: 'orders-api' })],
      incomplete: { reason: 'throttled' },
      lambdaEnis: null,
    });
    expect(JSON.parse(renderJson(report))).toEqual(report);
  });

  it('is indented with two spaces and ends with a newline', () => {
    const json = renderJson(makeReport());
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.split('\n')[1]).toBe('  "reportVersion": 1,');
  });

  it('writes keys in the order of the model whatever order the object was built in', () => {
    const report = makeReport({ findings: [makeFinding()] });
    const finding = report.findings[0];
    if (!finding) throw new Error('factory made no finding');
    const { summary, findings, tool, reportVersion, ...rest } = report;
    const { remediation, key, ...findingRest } = finding;
    const shuffled: Report = {
      ...rest,
      findings: [{ ...findingRest, remediation, key }],
      summary: { ...summary, bySeverity: { info: 0, low: 0, medium: 1, high: 0, critical: 0 } },
      tool,
      reportVersion,
    };

    const parsed = JSON.parse(renderJson(shuffled));

    expect(renderJson(shuffled)).toBe(renderJson(report));
    expect(Object.keys(parsed).slice(0, 3)).toEqual(['reportVersion', 'tool', 'runId']);
    expect(Object.keys(parsed.findings[0])[0]).toBe('key');
    expect(Object.keys(parsed.summary.bySeverity)).toEqual(['critical', 'high', 'medium', 'low', 'info']);
  });
});
