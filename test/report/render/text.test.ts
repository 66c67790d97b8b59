import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { limitToSeverities } from '../../../lib/report/assemble/filter.js';
import { renderText } from '../../../lib/report/render/text/text.js';
import {
  makeCoverageGap,
  makeFinding,
  makeInventoryFunction,
  makeReport,
  makeRuleSummary,
  threeFindings,
} from '../report-factory.js';

const ESC = '\u001b';
const plain = { color: false } as const;

function unknownFinding(resourceId: string, message: string) {
  return makeFinding({
    ruleId: 'function-network-resources-exist',
    title: 'Subnets and security groups of a VPC function exist',
    status: 'unknown',
    severity: 'high',
    resourceId,
    message,
  });
}

describe('renderText', () => {
  it("shows one row per failed check (severity, rule, resource, gist) and each rule's fix once", () => {
    const findings = [
      ...threeFindings(),
      makeFinding({
        resourceId: 'billing-api',
        message: 'billing-api runs in 1 Availability Zone; 2 needed.',
      }),
      makeFinding({
        resourceId: 'search-api',
        severity: 'low',
        message: 'search-api runs in 1 AZ: eu-west-1a.',
      }),
    ];
    const text = renderText(makeReport({ findings }), plain);

    expect(text).toMatch(/^ {2}SEVERITY +RULE +RESOURCE +FINDING$/m);
    expect(text).toMatch(
      /^ {2}CRITICAL +function-role-exists +payments-worker +Execution role arn:aws:iam::/m,
    );
    // The gist: the first clause, without the resource the row already names.
    expect(text).toMatch(/^ {2}MEDIUM +function-multi-az +billing-api +runs in 1 Availability Zone$/m);
    expect(text).toMatch(/^ {2}LOW +function-multi-az +search-api +runs in 1 AZ$/m);
    // function-multi-az fails at two severities: its fix is printed once, in full, not dimmed.
    const multiAzFix =
      'function-multi-az: Configure at least one subnet in each of two or more Availability Zones.';
    expect(text.split(multiAzFix)).toHaveLength(2);
    expect(renderText(makeReport({ findings }), { color: true })).not.toContain(
      '\u001b[2m  function-multi-az',
    );
  });

  it("lists a rule's three or more failed checks of one severity in one row naming them; --details has each", () => {
    const findings = ['api-a', 'api-b', 'api-c'].map((name) =>
      makeFinding({ resourceId: name, message: `${name} runs in 1 Availability Zone; 2 needed.` }),
    );
    const text = renderText(makeReport({ findings }), { ...plain, width: 120 });
    expect(text).toMatch(/^ {2}MEDIUM +function-multi-az +3 functions +api-a, api-b, api-c$/m);
    expect(text).toContain('Failed checks: 3, worst first');
    const details = renderText(makeReport({ findings }), { ...plain, width: 120, details: true });
    expect(details).toContain('api-c  api-c runs in 1 Availability Zone; 2 needed.');
  });

  it('gives the first sentence of a fix by default, two lines at most, and all of it with --details', () => {
    const remediation =
      'Configure at least one subnet in each of two or more Availability Zones. AWS recommends one subnet per AZ.';
    const report = makeReport({ findings: [makeFinding({ resourceId: 'api-a', remediation })] });
    const short = renderText(report, plain);
    expect(short).toContain(
      'function-multi-az: Configure at least one subnet in each of two or more Availability Zones.',
    );
    expect(short).not.toContain('AWS recommends one subnet per AZ.');
    expect(short).toContain('How to fix (1 rule; each in full: --details)');
    // Wrapped lines read as one.
    expect(renderText(report, { ...plain, details: true }).replace(/\n\s+/g, ' ')).toContain(
      'AWS recommends one subnet per AZ.',
    );
  });

  it("prints the whole messages under each rule's whole title with --details", () => {
    const title =
      'A rule title long enough that a 100-column terminal would have cut it with an ellipsis before';
    const findings = [
      makeFinding({ title, message: 'orders-api runs in 1 Availability Zone (eu-west-1a).' }),
    ];
    const short = renderText(makeReport({ findings }), plain);
    expect(short).not.toContain('runs in 1 Availability Zone (eu-west-1a).');
    const text = renderText(makeReport({ findings }), { ...plain, details: true });
    expect(text).toContain('Failed checks in full: 1 check');
    expect(text).toContain('orders-api  orders-api runs in 1 Availability Zone (eu-west-1a).');
    expect(text.replace(/\s+/g, ' ')).toContain(title);
    expect(text).not.toContain('…');
  });

  it('limits the lists to the severities asked for, and says how many it left out', () => {
    const report = limitToSeverities(makeReport({ findings: threeFindings() }), ['critical', 'high']);
    const text = renderText(report, plain);
    expect(text).toContain('payments-worker');
    expect(text).not.toMatch(/^ {2}MEDIUM/m);
    expect(text).toContain(
      'Showing critical, high only: 2 checks of other severities left out (2 failed, 0 unknown)',
    );
    // The verdict still counts every failed check.
    expect(text.trimEnd().split('\n').at(-1)).toBe('Result: 3 checks failed (1 critical, 1 medium, 1 low).');
  });

  it('groups the detailed findings by severity, worst first', () => {
    const findings = [
      makeFinding({ severity: 'low', resourceId: 'fn-low' }),
      makeFinding({ severity: 'critical', resourceId: 'fn-critical' }),
      makeFinding({ severity: 'medium', resourceId: 'fn-medium' }),
    ];
    const text = renderText(makeReport({ findings }), { ...plain, details: true });
    const detailed = text.slice(text.indexOf('Failed checks in full'));

    const positions = ['CRITICAL (1)', 'MEDIUM (1)', 'LOW (1)'].map((heading) => detailed.indexOf(heading));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(detailed.indexOf('fn-critical')).toBeLessThan(detailed.indexOf('fn-low'));
  });

  it('summarises the audit: functions, versions, ENIs and failed checks by severity', () => {
    const text = renderText(makeReport({ findings: threeFindings() }), plain);

    expect(text).toContain('lambda-vpc-auditor 0.1.0');
    expect(text).toContain('Account 123456789012');
    expect(text).toContain('Region eu-west-1');
    expect(text).toContain('Captured 2024-05-01T03:00:00.000Z');
    expect(text).toContain('run-2024-05-01-abc123');
    expect(text).toMatch(/Functions audited\s+3/);
    expect(text).toMatch(/VPC functions\s+1 \(2 VPC-enabled versions\)/);
    expect(text).toMatch(/Lambda ENIs\s+4/);
    expect(text).toContain('3: critical 1 · high 0 · medium 1 · low 1 · info 0');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Result: 3 checks failed (1 critical, 1 medium, 1 low).');
  });

  it('says ENIs were not collected rather than showing zero', () => {
    const text = renderText(makeReport({ lambdaEnis: null }), plain);
    expect(text).toMatch(/Lambda ENIs\s+not collected/);
  });

  it('says all checks passed and that none were unknown when there are no findings', () => {
    const text = renderText(makeReport({ findings: [], rules: [] }), plain);
    expect(text).toContain('Result: All 0 checks passed; 0 unknown.');
    expect(text).not.toContain('Failed checks:');
  });

  it('counts the passed checks in the all-clear', () => {
    const rules = [
      makeRuleSummary({
        id: 'function-multi-az',
        title: 'VPC function spans too few Availability Zones',
        severity: 'medium',
        resourceType: 'function',
        pass: 12,
        fail: 0,
        unknown: 0,
      }),
    ];
    const text = renderText(makeReport({ findings: [], rules }), plain);
    expect(text).toContain('All 12 checks passed; 0 unknown.');
  });

  it('does not present unknown checks as a clean pass', () => {
    const reason = 'Cannot check: needs subnets (ec2:DescribeSubnets: UnauthorizedOperation).';
    const findings = [unknownFinding('orders-api', reason), unknownFinding('billing-api', reason)];
    const text = renderText(makeReport({ findings }), plain);

    expect(text).not.toContain('All ');
    expect(text).toContain('No check failed, but 2 of 5 checks could not be made (unknown)');
    expect(text).toContain('not a clean pass');
    expect(text).toContain('function-network-resources-exist: 2 functions');
    expect(text.split(reason)).toHaveLength(2);
  });

  it('lists unknown checks compactly with the most common reason and how many others', () => {
    const findings = [
      unknownFinding('a', 'Cannot check: needs subnets.'),
      unknownFinding('b', 'Cannot check: needs subnets.'),
      unknownFinding('c', 'Subnet subnet-9 of c was not found.'),
    ];
    const text = renderText(makeReport({ findings }), plain);
    expect(text).toContain('Unknown checks: 3');
    expect(text).toContain('Cannot check: needs subnets. (+1 other reason, see --format json)');
  });

  it('shows a loud banner when the collection stopped early', () => {
    const report = makeReport({ incomplete: { reason: 'Throttled by ec2:DescribeNetworkInterfaces' } });
    const text = renderText(report, plain);
    expect(text).toContain('INCOMPLETE REPORT');
    expect(text).toContain('Collection stopped early: Throttled by ec2:DescribeNetworkInterfaces');
    expect(text.indexOf('INCOMPLETE')).toBeLessThan(text.indexOf('Summary'));
  });

  it('has no banner when the collection completed', () => {
    expect(renderText(makeReport(), plain)).not.toContain('INCOMPLETE');
  });

  it('lists coverage gaps with API, error code, resource and message', () => {
    const coverage = [
      makeCoverageGap(),
      makeCoverageGap({
        part: 'functionDetails',
        api: 'lambda:GetFunction',
        errorCode: 'ResourceNotFoundException',
        message: 'Function not found',
        resource: 'orders-api',
      }),
    ];
    const text = renderText(makeReport({ coverage }), plain);
    expect(text).toContain('Coverage gaps: 2');
    expect(text).toMatch(/ec2:DescribeSubnets\s+UnauthorizedOperation\s+all subnets/);
    expect(text).toMatch(/lambda:GetFunction\s+ResourceNotFoundException\s+orders-api/);
    expect(text).toContain('Function not found');
  });

  it('lists rule errors', () => {
    const rules = [
      makeRuleSummary({
        id: 'function-multi-az',
        title: 't',
        severity: 'medium',
        resourceType: 'function',
        pass: 0,
        fail: 0,
        unknown: 0,
        error: 'Rule function-multi-az failed: boom',
      }),
    ];
    const text = renderText(makeReport({ rules }), plain);
    expect(text).toContain('Rule errors: 1');
    expect(text).toContain('function-multi-az: Rule function-multi-az failed: boom');
  });

  it('shows the inventory with --details: name, memory, runtime, VPC, state and subnets with their AZs', () => {
    const inventory = [
      makeInventoryFunction(),
      makeInventoryFunction({ name: 'image-fn', runtime: null, state: null }),
    ];
    expect(renderText(makeReport({ inventory }), plain)).not.toContain('VPC functions: 2');
    const text = renderText(makeReport({ inventory }), { ...plain, details: true });
    expect(text).toContain('VPC functions: 2');
    expect(text).toMatch(/orders-api\s+512 MB\s+nodejs20\.x\s+vpc-0a1b2c3d4e5f60718\s+Active/);
    expect(text).toMatch(/image-fn\s+512 MB\s+-\s+vpc-0a1b2c3d4e5f60718\s+n\/a/);
    expect(text).toContain(
      'subnets: subnet-0aaaaaaaaaaaaaaa1 (eu-west-1a), subnet-0bbbbbbbbbbbbbbb2 (AZ unknown)',
    );
  });

  it('caps the terminal inventory and says where the rest is', () => {
    const inventory = Array.from({ length: 60 }, (_, i) => makeInventoryFunction({ name: `fn-${i}` }));
    const text = renderText(makeReport({ inventory }), { ...plain, details: true });
    expect(text).toContain('VPC functions: 60');
    expect(text).toContain('fn-49');
    expect(text).not.toContain('fn-50 ');
    expect(text).toContain('… and 10 more');
  });

  it('ends with the verdict, the next steps just above it, pointing where the details really are', () => {
    const lines = renderText(makeReport({ findings: threeFindings() }), plain)
      .trimEnd()
      .split('\n');
    expect(lines.at(-1)).toMatch(/^Result: /);
    const hints = lines.slice(-6).join('\n');
    expect(hints).toContain('--details');
    expect(hints).toContain('Evidence and ARNs per finding: --format html or --format json.');
    expect(hints).not.toContain('--format md');
  });

  it('colours severities only when asked', () => {
    const report = makeReport({ findings: threeFindings(), incomplete: { reason: 'throttled' } });

    const coloured = renderText(report, { color: true });
    const uncoloured = renderText(report, plain);

    expect(coloured).toContain(`${ESC}[31m`);
    expect(coloured).toContain(`${ESC}[33m`);
    expect(coloured).toContain(`${ESC}[36m`);
    expect(uncoloured).not.toContain(ESC);
    expect(stripVTControlCharacters(coloured)).toBe(uncoloured);
  });

  it('keeps lines within the requested width when cells are long', () => {
    const long = 'x'.repeat(300);
    const findings = [
      makeFinding({
        resourceId: `arn:aws:lambda:eu-west-1:123456789012:function:${long}`,
        message: `${long} msg`,
      }),
    ];
    const inventory = [makeInventoryFunction({ name: long })];
    for (const width of [60, 100, 120]) {
      const text = renderText(makeReport({ findings, inventory }), { color: false, width, details: true });
      const widest = Math.max(...text.split('\n').map((line) => [...line].length));
      expect(widest).toBeLessThanOrEqual(width);
    }
  });

  it('neutralises terminal control sequences in strings from AWS', () => {
    const findings = [
      makeFinding({ resourceId: 'evil', message: `evil ${ESC}[2J${ESC}]0;pwned\u0007 name` }),
    ];
    const text = renderText(makeReport({ findings }), { color: true, details: true });
    expect(text).toContain('evil \\u{1b}[2J\\u{1b}]0;pwned\\u{07} name');
    expect(text).not.toContain(`${ESC}[2J`);
  });
});
