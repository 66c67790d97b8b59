import { describe, expect, it } from 'vitest';
import type { Report } from '../../../lib/model/report.js';
import { applyBaseline } from '../../../lib/report/assemble/diff.js';
import { renderHtml } from '../../../lib/report/render/html/html.js';
import { renderReport } from '../../../lib/report/render/render.js';
import {
  makeCoverageGap,
  makeFinding,
  makeInventoryFunction,
  makeReport,
  threeFindings,
} from '../report-factory.js';

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>';

describe('renderHtml', () => {
  it('is one self-contained page: inline style, no script, nothing loaded from elsewhere', () => {
    const html = renderHtml(makeReport({ findings: threeFindings() }));
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    );
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|<img|\ssrc=|url\(/i);
    expect(html).not.toMatch(/href="https?:/);
  });

  it('shows the summary, the findings by severity with their remediation, and the inventory', () => {
    const html = renderHtml(makeReport({ findings: threeFindings(), coverage: [makeCoverageGap()] }));
    expect(html).toContain('Lambda VPC audit: 123456789012 / eu-west-1');
    expect(html).toContain('id="verdict"');
    expect(html).toContain('3 checks failed (1 critical, 1 medium, 1 low)');
    expect(html).toContain('<span class="sev critical">Critical</span> 1');
    expect(html).toContain('VPC function execution role is missing <code>function-role-exists</code>');
    expect(html).toContain('<strong>Remediation:</strong> Recreate the role');
    expect(html).toContain('payments-worker');
    expect(html).toContain('Coverage gaps (1)');
    expect(html).toContain('VPC functions (1)');
    expect(html).toContain('subnet-0aaaaaaaaaaaaaaa1 (eu-west-1a)');
  });

  it('escapes every string that comes from AWS', () => {
    const report: Report = makeReport({
      findings: [makeFinding({ resourceId: HOSTILE, message: `Function ${HOSTILE} & co` })],
      inventory: [makeInventoryFunction({ name: HOSTILE, runtime: HOSTILE })],
      coverage: [makeCoverageGap({ message: HOSTILE })],
      incomplete: { reason: HOSTILE },
    });
    const html = renderHtml(report);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&amp; co');
  });

  it('marks new findings and lists the resolved ones when compared with the previous report', () => {
    const previous = {
      ...makeReport({ findings: [makeFinding({ resourceId: 'gone-fn' })] }),
      runId: '20240430T030000Z-aaaaaaaa',
      generatedAt: '2024-04-30T03:00:05.000Z',
    };
    const html = renderHtml(
      applyBaseline(makeReport({ findings: threeFindings() }), { kind: 'report', report: previous }),
    );
    expect(html).toContain('<span class="tag new">new</span>');
    expect(html).toContain('Compared with run <code>20240430T030000Z-aaaaaaaa</code>');
    expect(html).toContain('Resolved (1)');
    expect(html).toContain('gone-fn');
  });

  it('warns at the top when the report is incomplete', () => {
    const html = renderHtml(makeReport({ incomplete: { reason: 'The time budget ran out.' } }));
    expect(html).toContain(
      '<strong>Incomplete report.</strong> Collection stopped early: The time budget ran out.',
    );
  });

  it('is what --format html renders', () => {
    const report = makeReport({ findings: threeFindings() });
    expect(renderReport(report, 'html', { color: false })).toBe(renderHtml(report));
  });
});
