import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../../../lib/model/finding.js';
import { renderHtml } from '../../../lib/report/render/html/html.js';
import { renderJson } from '../../../lib/report/render/json.js';
import { renderMarkdown } from '../../../lib/report/render/markdown/markdown.js';
import {
  formatOfFileName,
  isReportFormat,
  REPORT_FORMATS,
  renderReport,
} from '../../../lib/report/render/render.js';
import { renderText } from '../../../lib/report/render/text/text.js';
import { makeFinding, makeReport, threeFindings } from '../report-factory.js';

describe('renderReport', () => {
  const report = makeReport({ findings: threeFindings() });

  it('dispatches each format to its renderer', () => {
    expect(renderReport(report, 'text', { color: false })).toBe(renderText(report, { color: false }));
    expect(renderReport(report, 'text', { color: true, width: 80 })).toBe(
      renderText(report, { color: true, width: 80 }),
    );
    expect(renderReport(report, 'json', { color: true })).toBe(renderJson(report));
    expect(renderReport(report, 'md', { color: true })).toBe(renderMarkdown(report));
    expect(renderReport(report, 'html', { color: true })).toBe(renderHtml(report));
  });

  it('offers text, json, md, html, sarif, ocsf and csv', () => {
    expect(REPORT_FORMATS).toEqual(['text', 'json', 'md', 'html', 'sarif', 'ocsf', 'csv']);
    expect(isReportFormat('md')).toBe(true);
    expect(isReportFormat('sarif')).toBe(true);
    expect(isReportFormat('pdf')).toBe(false);
  });

  it('tells the format from a file name, or nothing for an extension it does not know', () => {
    expect(formatOfFileName('out/report.HTML')).toBe('html');
    expect(formatOfFileName('report.sarif')).toBe('sarif');
    expect(formatOfFileName('report.sarif.json')).toBe('sarif');
    expect(formatOfFileName('findings.ocsf.json')).toBe('ocsf');
    expect(formatOfFileName('report.json')).toBe('json');
    expect(formatOfFileName('report.csv')).toBe('csv');
    expect(formatOfFileName('report.md')).toBe('md');
    expect(formatOfFileName('report.txt')).toBe('text');
    expect(formatOfFileName('report.pdf')).toBeUndefined();
    expect(formatOfFileName('report')).toBeUndefined();
  });

  it('renders a 5,000-finding report in every format', () => {
    const findings = Array.from({ length: 5000 }, (_, i) =>
      makeFinding({
        ruleId: `rule-${i % 7}`,
        severity: SEVERITIES[i % SEVERITIES.length] ?? 'info',
        status: i % 10 === 0 ? 'unknown' : 'fail',
        resourceId: `function-${String(i).padStart(4, '0')}`,
        message: `function-${i} runs in 1 Availability Zone (eu-west-1a); at least 2 needed.`,
      }),
    );
    const large = makeReport({ findings });

    const text = renderReport(large, 'text', { color: true });
    const markdown = renderReport(large, 'md', { color: false });
    const json = renderReport(large, 'json', { color: false });
    const html = renderReport(large, 'html', { color: false });
    const sarif = JSON.parse(renderReport(large, 'sarif', { color: false }));
    const ocsf = JSON.parse(renderReport(large, 'ocsf', { color: false }));
    const csv = renderReport(large, 'csv', { color: false });

    expect(large.summary.failed).toBe(4500);
    expect(text).toContain('Failed checks: 4500, worst first');
    expect(text).toContain('Unknown checks: 500');
    expect(text).toContain('function-4999');
    expect(markdown).toContain('## Findings (4500 failed checks)');
    expect(markdown).toContain('| function-4999 |');
    expect(JSON.parse(json).findings).toHaveLength(5000);
    expect(html).toContain('Findings (4500 failed checks, 500 unknown)');
    expect(html).toContain('function-4999');
    expect(sarif.runs[0].results).toHaveLength(5000);
    expect(ocsf).toHaveLength(5000);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(5001);
  });
});
