import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
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
  it('shows each failed finding with its rule, resource and message, and the remediation once per rule', () => {
    const findings = [
      ...threeFindings(),
      makeFinding({ resourceId: 'billing-api', message: 'billing-api runs in 1 Availability Zone.' }),
    ];
    const text = renderText(makeReport({ findings }), plain);

    for (const finding of findings) {
      expect(text).toContain(finding.ruleId);
      expect(text).toContain(finding.resourceId);
    }
    expect(text).toContain(
      'payments-worker  Execution role arn:aws:iam::123456789012:role/payments-worker-role',
    );
    expect(text).toContain('billing-api runs in 1 Availability Zone.');
    const multiAzFix = 'Fix: Configure at least one subnet in each of two or more Availability Zones.';
    expect(text.split(multiAzFix)).toHaveLength(2);
  });

  it('groups findings by severity, worst first', () => {
    const findings = [
      makeFinding({ severity: 'low', resourceId: 'fn-low' }),
      makeFinding({ severity: 'critical', resourceId: 'fn-critical' }),
      makeFinding({ severity: 'medium', resourceId: 'fn-medium' }),
    ];
    const text = renderText(makeReport({ findings }), plain);

    const positions = ['CRITICAL (1)', 'MEDIUM (1)', 'LOW (1)'].map((heading) => text.indexOf(heading));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text.indexOf('fn-critical')).toBeLessThan(text.indexOf('fn-low'));
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
    expect(text).toContain('Result: 3 checks failed (1 critical, 1 medium, 1 low).');
  });

  it('says ENIs were not collected rather than showing zero', () => {
    const text = renderText(makeReport({ lambdaEnis: null }), plain);
    expect(text).toMatch(/Lambda ENIs\s+not collected/);
  });

  it('says all checks passed and that none were unknown when there are no findings', () => {
    const text = renderText(makeReport({ findings: [], rules: [] }), plain);
    expect(text).toContain('Result: All 0 checks passed; 0 unknown.');
    expect(text).not.toContain('Findings:');
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

  it('shows the inventory: name, memory, runtime, VPC, state and subnets with their AZs', () => {
    const inventory = [
      makeInventoryFunction(),
      makeInventoryFunction({ name: 'image-fn', runtime: null, state: null }),
    ];
    const text = renderText(makeReport({ inventory }), plain);
    expect(text).toContain('VPC functions: 2');
    expect(text).toMatch(/orders-api\s+512 MB\s+nodejs20\.x\s+vpc-0a1b2c3d4e5f60718\s+Active/);
    expect(text).toMatch(/image-fn\s+512 MB\s+-\s+vpc-0a1b2c3d4e5f60718\s+n\/a/);
    expect(text).toContain(
      'subnets: subnet-0aaaaaaaaaaaaaaa1 (eu-west-1a), subnet-0bbbbbbbbbbbbbbb2 (AZ unknown)',
    );
  });

  it('caps the terminal inventory and says where the rest is', () => {
    const inventory = Array.from({ length: 60 }, (_, i) => makeInventoryFunction({ name: `fn-${i}` }));
    const text = renderText(makeReport({ inventory }), plain);
    expect(text).toContain('VPC functions: 60');
    expect(text).toContain('fn-49');
    expect(text).not.toContain('fn-50 ');
    expect(text).toContain('… and 10 more');
  });

  it('ends with the next step', () => {
    const text = renderText(makeReport({ findings: threeFindings() }), plain);
    expect(text.trimEnd().split('\n').at(-1)).toContain('--format json or --format md');
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
      const text = renderText(makeReport({ findings, inventory }), { color: false, width });
      const widest = Math.max(...text.split('\n').map((line) => [...line].length));
      expect(widest).toBeLessThanOrEqual(width);
    }
  });

  it('neutralises terminal control sequences in strings from AWS', () => {
    const findings = [
      makeFinding({ resourceId: 'evil', message: `evil ${ESC}[2J${ESC}]0;pwned\u0007 name` }),
    ];
    const text = renderText(makeReport({ findings }), { color: true });
    expect(text).toContain('evil \\u{1b}[2J\\u{1b}]0;pwned\\u{07} name');
    expect(text).not.toContain(`${ESC}[2J`);
  });
});
