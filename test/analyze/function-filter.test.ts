import { describe, expect, it } from 'vitest';
import { functionPatternMatcher } from '../../lib/analyze/function-filter.js';
import { type AuditDeps, defaultAuditDeps, runAudit } from '../../lib/audit.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../lib/model/settings.js';
import type { Snapshot } from '../../lib/model/snapshot.js';
import {
  emptySnapshot,
  fn,
  lambdaEni,
  role,
  securityGroup,
  subnet,
  vpc,
} from '../fixtures/snapshot-builder.js';

const snapshot = emptySnapshot({
  functions: [
    fn({ name: 'orders-api', subnets: ['subnet-a'], securityGroups: ['sg-orders'] }),
    fn({ name: 'billing', subnets: ['subnet-b'], securityGroups: ['sg-billing'] }),
    fn({ name: 'plain-cron' }),
  ],
  subnets: [
    subnet({ id: 'subnet-a', vpc: 'vpc-1', az: 'eu-west-1a' }),
    subnet({ id: 'subnet-b', vpc: 'vpc-1', az: 'eu-west-1b' }),
    subnet({ id: 'subnet-c', vpc: 'vpc-1', az: 'eu-west-1c' }),
  ],
  vpcs: [vpc({ id: 'vpc-1' })],
  securityGroups: [
    securityGroup({ id: 'sg-orders', vpc: 'vpc-1' }),
    securityGroup({ id: 'sg-billing', vpc: 'vpc-1' }),
  ],
  roles: [role('orders-api-role'), role('billing-role'), role('plain-cron-role')],
  networkInterfaces: [
    lambdaEni({
      id: 'eni-0orders000000000a',
      subnet: 'subnet-a',
      groups: ['sg-orders'],
      creator: 'orders-api',
    }),
    lambdaEni({
      id: 'eni-0billing00000000b',
      subnet: 'subnet-b',
      groups: ['sg-billing'],
      creator: 'billing',
    }),
    lambdaEni({
      id: 'eni-0orphan000000000c',
      subnet: 'subnet-c',
      groups: ['sg-gone'],
      status: 'available',
      creator: 'old',
    }),
  ],
});

function audit(source: Snapshot, functions?: string[]) {
  const deps: AuditDeps = { ...defaultAuditDeps, readSnapshot: async () => source };
  return runAudit(
    {
      source: { kind: 'file', path: 'snapshot.json' },
      settings: DEFAULT_ANALYSIS_SETTINGS,
      runId: '20261124T030000Z-00000000',
      now: new Date('2026-11-24T03:00:00.000Z'),
      ...(functions ? { functions } : {}),
    },
    deps,
  );
}

const resources = (findings: { resourceId: string }[]) =>
  [...new Set(findings.map((f) => f.resourceId))].sort();

describe('functionPatternMatcher', () => {
  it('matches names exactly or with * and ?, and ARN patterns against the function ARN', () => {
    const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:orders-api';
    expect(functionPatternMatcher('orders-api')('orders-api', arn)).toBe(true);
    expect(functionPatternMatcher('orders')('orders-api', arn)).toBe(false);
    expect(functionPatternMatcher('orders-*')('orders-api', arn)).toBe(true);
    expect(functionPatternMatcher('order?-api')('orders-api', arn)).toBe(true);
    expect(functionPatternMatcher('arn:aws:lambda:*:*:function:orders-*')('orders-api', arn)).toBe(true);
    expect(functionPatternMatcher('arn:aws:lambda:*:*:function:orders-api')('orders-api', `${arn}:3`)).toBe(
      true,
    );
    expect(functionPatternMatcher('arn:aws:lambda:us-east-1:*:function:*')('orders-api', arn)).toBe(false);
    // Regex characters in a pattern are literal.
    expect(functionPatternMatcher('orders.api')('orders-api', arn)).toBe(false);
  });
});

describe('runAudit limited to some functions', () => {
  it('reports the selected functions and the resources they use, nothing about the others', async () => {
    const full = await audit(snapshot);
    const limited = await audit(snapshot, ['orders-*']);

    // The whole account has findings for both functions and the orphaned ENI.
    expect(resources(full.report.findings)).toEqual(
      expect.arrayContaining(['billing', 'eni-0orphan000000000c', 'orders-api']),
    );
    const kept = resources(limited.report.findings);
    expect(kept).toContain('orders-api');
    expect(kept).not.toContain('billing');
    expect(kept).not.toContain('eni-0orphan000000000c');
    expect(kept.filter((id) => id.startsWith('subnet-'))).not.toContain('subnet-b');
    expect(limited.report.inventory.map((f) => f.name)).toEqual(['orders-api']);
    expect(limited.report.summary).toMatchObject({ functionsAudited: 1, vpcFunctions: 1 });
    expect(limited.report.functionFilter).toEqual(['orders-*']);
    expect(limited.unmatchedFunctions).toEqual([]);
  });

  it('still sees the other functions when deciding what is orphaned: their ENIs never look orphaned', async () => {
    const limited = await audit(snapshot, ['billing']);
    const orphanFindings = limited.report.findings.filter((f) => f.resourceType === 'network-interface');
    expect(orphanFindings.map((f) => f.resourceId)).not.toContain('eni-0orders000000000a');
    expect(resources(limited.report.findings)).toContain('billing');
  });

  it('matches ARN patterns and names the patterns that matched nothing', async () => {
    const limited = await audit(snapshot, ['arn:aws:lambda:eu-west-1:123456789012:function:bill*', 'nope-*']);
    expect(limited.report.inventory.map((f) => f.name)).toEqual(['billing']);
    expect(limited.unmatchedFunctions).toEqual(['nope-*']);
  });
});
