import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../lib/model/report.js';
import { applyBaseline } from '../../../lib/report/assemble/diff.js';
import { FINDINGS_SCRIPT } from '../../../lib/report/render/html/findings-table.js';
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
  it('is one self-contained page: inline style, its one script allowed by hash, nothing loaded from elsewhere', () => {
    const html = renderHtml(makeReport({ findings: threeFindings() }));
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    const hash = `'sha256-${createHash('sha256').update(FINDINGS_SCRIPT).digest('base64')}'`;
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src ${hash}">`,
    );
    expect(html).toContain('<style>');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain(`<script>${FINDINGS_SCRIPT}</script>`);
    expect(html).not.toMatch(/<link|<img|\ssrc=|url\(/i);
    // The only outside links are the rules' documentation, from the rule catalogue.
    const links = [...html.matchAll(/href="(https?:[^"]*)"/g)].map((m) => m[1]);
    expect(links.every((link) => link?.startsWith('https://docs.aws.amazon.com/'))).toBe(true);
  });

  it('puts the verdict first, then severity-coloured cards, a table of contents and the charts', () => {
    const html = renderHtml(makeReport({ findings: threeFindings() }));
    const order = ['id="verdict"', 'id="summary"', 'class="toc"', 'id="charts"', 'id="findings"'].map(
      (mark) => html.indexOf(mark),
    );
    expect(order.every((position) => position > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('<div class="card critical"><b>1</b><span>Critical failed</span></div>');
    expect(html).toContain('<div class="card high zero"><b>0</b><span>High failed</span></div>');
    expect(html).toContain('<svg class="chart"');
    expect(html).toContain('aria-label="Failed checks by severity"');
    expect(html).toContain('<a href="#findings">Findings (3 failed checks)</a>');
  });

  it('lists every finding in one filterable table, with its evidence, ARN, risk and documentation', () => {
    const html = renderHtml(makeReport({ findings: threeFindings(), coverage: [makeCoverageGap()] }));
    expect(html).toContain('Lambda VPC audit: 123456789012 / eu-west-1');
    expect(html).toContain('3 checks failed (1 critical, 1 medium, 1 low)');
    expect(html).toContain('<div class="filters" id="filters" hidden>');
    expect(html).toContain(
      '<tr data-severity="medium" data-rule="function-multi-az" data-vpc="vpc-0a1b2c3d4e5f60718">',
    );
    expect(html).toContain('<a class="id" href="#fix-function-role-exists">function-role-exists</a>');
    expect(html).toContain(
      '<strong>Resource ARN:</strong> <code>arn:aws:lambda:eu-west-1:123456789012:function:payments-worker</code>',
    );
    expect(html).toContain('<strong>Risk:</strong> Lambda runs a VPC function');
    expect(html).toContain('href="https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html"');
    // Evidence JSON is element content: its quotes stay as they are.
    expect(html).toContain('"minimum": 2');
    expect(html).toContain('<li id="fix-function-role-exists"><span class="sev critical">Critical</span>');
    expect(html).toContain('<strong>Remediation:</strong> Recreate the role');
    expect(html).toContain('Coverage gaps (1)');
    expect(html).toContain('VPC functions (1)');
    expect(html).toContain('subnet-0aaaaaaaaaaaaaaa1 (eu-west-1a)');
  });

  it('shows every severity a rule can give, and an Error column only when a rule failed', () => {
    const html = renderHtml(makeReport({ findings: threeFindings() }));
    const rules = html.slice(html.indexOf('id="rules"'));
    expect(rules).toContain('<th>Severities</th>');
    expect(rules).not.toContain('<th>Error</th>');
  });

  it('escapes every string that comes from AWS', () => {
    const report: Report = makeReport({
      findings: [makeFinding({ resourceId: HOSTILE, message: `Function ${HOSTILE} & co` })],
      inventory: [makeInventoryFunction({ name: HOSTILE, runtime: HOSTILE })],
      coverage: [makeCoverageGap({ message: HOSTILE })],
      incomplete: { reason: HOSTILE },
    });
    const html = renderHtml(report);
    // The page's own script is the only one (the hostile one is escaped text).
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain('<script>alert');
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
