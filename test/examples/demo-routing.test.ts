import { describe, expect, it } from 'vitest';
import { buildDemoAccount } from '../../examples/demo-account.js';
import { analyze } from '../../lib/analyze/engine.js';
import { RULES } from '../../lib/analyze/registry.js';
import type { RuleResult } from '../../lib/model/finding.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../lib/model/settings.js';
import { buildReport } from '../../lib/report/assemble/report.js';

const NOW = new Date('2026-11-24T03:00:00.000Z');
const demo = buildDemoAccount();
const analysis = analyze(demo, RULES, DEFAULT_ANALYSIS_SETTINGS, NOW);

function failing(ruleId: string): RuleResult[] {
  const outcome = analysis.outcomes.find((o) => o.ruleId === ruleId);
  if (!outcome) throw new Error(`rule ${ruleId} is not registered`);
  return outcome.results.filter((r) => r.status === 'fail');
}

const failedIds = (ruleId: string) => failing(ruleId).map((r) => r.resourceId);

describe('demo account routing cases (the table at the top of examples/demo-account.ts)', () => {
  it('finds the public subnets, including the default VPC public only through its main table', () => {
    expect(failedIds('function-public-subnet')).toEqual([
      'image-resizer',
      'ops-slack-notifier',
      'search-indexer',
    ]);
    const notifier = failing('function-public-subnet').find((r) => r.resourceId === 'ops-slack-notifier');
    expect(notifier?.message).toContain('main route table rtb-1f2e3d4c');
  });

  it('finds mixed egress, blackholes and NAT problems where the demo puts them', () => {
    expect(failedIds('function-mixed-egress')).toEqual(['search-indexer']);
    expect(failedIds('function-blackhole-route')).toEqual(['orders-api', 'report-scheduler']);
    expect(failing('function-blackhole-route')[0]?.message).toContain('orders-api (versions 1, 2)');
    expect(failedIds('nat-gateway-without-internet-route')).toEqual(['nat-0d4e5f6a7b8c9d0d4']);
    expect(failedIds('subnet-cross-az-nat')).toEqual([
      'subnet-0a8d3e5f7b9c10c02',
      'subnet-0b5c7d9e1f3a50b32',
    ]);
  });

  it('grades isolated functions: high only for the one tagged as needing the internet', () => {
    const isolated = failing('function-isolated').map((r) => [r.resourceId, r.severity]);
    expect(isolated).toEqual([
      ['card-tokenizer', 'info'],
      ['fx-rates-fetcher', 'high'],
      ['ledger-sync', 'info'],
      ['reconciliation-batch', 'info'],
    ]);
  });

  it('finds the DNS and security-group cases', () => {
    expect(failedIds('function-vpc-dns-support')).toEqual(['clickstream-loader']);
    expect(failedIds('function-vpc-dns-hostnames')).toEqual(['card-tokenizer', 'clickstream-loader']);
    expect(failedIds('function-security-groups-no-egress')).toEqual(['pdf-sanitizer']);
  });

  it("writes orders-api's routing line with both of its configurations", () => {
    const report = buildReport({
      snapshot: demo,
      analysis,
      rules: RULES,
      settings: DEFAULT_ANALYSIS_SETTINGS,
      runId: 'run-demo',
      generatedAt: NOW,
    });
    const line = report.routing?.vpcs
      .flatMap((v) => v.functions)
      .find((f) => f.name === 'orders-api')?.summary;
    expect(line).toBe(
      'orders-api: versions $LATEST, 3: 3 subnets in 3 AZs, egress via NAT (nat-0a1b2c3d4e5f6a7a1 in eu-west-1a, ' +
        'nat-0b2c3d4e5f6a7b8b2 in eu-west-1b); versions 1, 2: 2 subnets in 2 AZs, egress blackholed ' +
        '(nat-0c3d4e5f6a7b8c9c3 deleted)',
    );
  });
});
