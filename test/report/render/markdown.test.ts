import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../lib/report/render/markdown/markdown.js';
import {
  makeCoverageGap,
  makeFinding,
  makeInventoryFunction,
  makeReport,
  threeFindings,
} from '../report-factory.js';

const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
const HOSTILE_LINK = '[click](http://evil)';

/** The lines of a GFM table that starts with `header`. */
function tableAfter(markdown: string, header: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(header);
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  return lines.slice(start, end < 0 ? undefined : end);
}

function cellCount(row: string): number {
  // Unescaped pipes separate cells; `\|` is a pipe inside a cell.
  return row.split(/(?<!\\)\|/).length - 2;
}

describe('renderMarkdown', () => {
  it('has a title, a summary table and the verdict', () => {
    const markdown = renderMarkdown(makeReport({ findings: threeFindings() }));
    expect(markdown.startsWith('# Lambda VPC audit: 123456789012 / eu-west-1\n')).toBe(true);
    expect(markdown).toContain('## Summary');
    expect(markdown).toContain('| Failed checks | 3 |');
    expect(markdown).toContain('| &nbsp;&nbsp;Critical | 1 |');
    expect(markdown).toContain('**Result:** 3 checks failed (1 critical, 1 medium, 1 low).');
  });

  it('puts findings in a table per severity, worst first, with one remediation line per rule', () => {
    const findings = [...threeFindings(), makeFinding({ resourceId: 'billing-api' })];
    const markdown = renderMarkdown(makeReport({ findings }));

    const headings = ['### Critical (1)', '### Medium (2)', '### Low (1)'].map((h) => markdown.indexOf(h));
    expect(headings.every((position) => position >= 0)).toBe(true);
    expect([...headings].sort((a, b) => a - b)).toEqual(headings);
    expect(markdown).toContain('| function-multi-az | billing-api | billing-api runs in 1 Availability Zone');
    expect(markdown.match(/- \*\*function-multi-az\*\*/g)).toHaveLength(1);
  });

  it('says no check failed when none did', () => {
    const markdown = renderMarkdown(makeReport({ findings: [], rules: [] }));
    expect(markdown).toContain('No check failed.');
    expect(markdown).toContain('All 0 checks passed; 0 unknown.');
  });

  it('has sections for unknown checks, coverage gaps, the rule catalogue and the inventory', () => {
    const report = makeReport({
      findings: [makeFinding({ status: 'unknown', message: 'Cannot check: needs subnets.' })],
      coverage: [makeCoverageGap()],
    });
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('## Unknown checks (1)');
    expect(markdown).toContain('| function-multi-az | 1 function | Cannot check: needs subnets. |');
    expect(markdown).toContain(
      '| ec2:DescribeSubnets | UnauthorizedOperation | all subnets | You are not authorized to perform this operation. |',
    );
    expect(markdown).toContain(
      '| function-multi-az | VPC function spans too few Availability Zones | medium | 3 | 0 | 1 |',
    );
    expect(markdown).toContain(
      'subnet-0aaaaaaaaaaaaaaa1 (eu-west-1a)<br>subnet-0bbbbbbbbbbbbbbb2 (AZ unknown)',
    );
  });

  it('warns when the report is incomplete', () => {
    const markdown = renderMarkdown(makeReport({ incomplete: { reason: 'throttled' } }));
    expect(markdown).toContain('> [!CAUTION]\n> **Incomplete report.** Collection stopped early: throttled');
  });

  it('renders a hostile function name and a Markdown link from AWS as literal text', () => {
    const findings = [makeFinding({ resourceId: HOSTILE_NAME, message: `See ${HOSTILE_LINK} now` })];
    const inventory = [makeInventoryFunction({ name: HOSTILE_NAME })];

    const markdown = renderMarkdown(makeReport({ findings, inventory }));

    expect(markdown).not.toContain('<img');
    expect(markdown).not.toMatch(/(?<!\\)\]\(http/);
    expect(markdown).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(markdown).toContain('See \\[click\\](http\\://evil) now');
  });

  it('keeps table rows whole when AWS text has pipes and newlines', () => {
    const findings = [makeFinding({ resourceId: 'a|b', message: 'line one\n| x | y |\n# not a heading' })];
    const markdown = renderMarkdown(makeReport({ findings }));

    const table = tableAfter(markdown, '| Rule | Resource | Message |');
    expect(table).toHaveLength(3);
    const row = table[2] ?? '';
    expect(cellCount(row)).toBe(3);
    expect(row).toContain('a\\|b');
    expect(row).toContain('line one<br>\\| x \\| y \\|<br>\\# not a heading');
  });

  it('escapes AWS text in every section: coverage messages, unknown reasons, inventory', () => {
    const report = makeReport({
      findings: [makeFinding({ status: 'unknown', message: '*bold* `code`' })],
      coverage: [makeCoverageGap({ message: '<script>alert(1)</script>', resource: '_x_' })],
      inventory: [makeInventoryFunction({ name: 'fn', state: '<b>Active</b>', runtime: 'node|20' })],
    });
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('\\*bold\\* \\`code\\`');
    expect(markdown).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(markdown).toContain('\\_x\\_');
    expect(markdown).toContain('&lt;b&gt;Active&lt;/b&gt;');
    expect(markdown).toContain('node\\|20');
    expect(markdown).not.toMatch(/<(script|b)>/);
  });
});
