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

  it('grades isolated functions: high for the one tagged as needing the internet and the one with only ::/0', () => {
    const isolated = failing('function-isolated').map((r) => [r.resourceId, r.severity]);
    expect(isolated).toEqual([
      ['card-tokenizer', 'info'],
      ['fx-rates-fetcher', 'high'],
      ['ledger-sync', 'info'],
      ['reconciliation-batch', 'info'],
      // IPv4 only, in subnets whose only way out is ::/0: a default route it cannot use.
      ['status-pinger', 'high'],
      ['token-rotator', 'info'],
      // Capacity provider batch-burst (after the functions): its subnets use the prod VPC's main route table.
      ['batch-burst', 'info'],
    ]);
  });

  it('finds the DNS and security-group cases', () => {
    expect(failedIds('function-vpc-dns-support')).toEqual(['clickstream-loader']);
    // Hostnames off in the hsm and analytics VPCs too, but with no interface endpoint there: no finding.
    expect(failedIds('function-vpc-dns-hostnames')).toEqual(['token-rotator']);
    expect(failing('function-vpc-dns-hostnames')[0]?.message).toContain(
      'vpce-0b6f8d0c2e4a61c01 (secretsmanager)',
    );
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
      'orders-api: versions $LATEST, 3: 3 subnets in 3 AZs, internet via NAT gateway nat-0a1b2c3d4e5f6a7a1 ' +
        '(eu-west-1a), NAT gateway nat-0b2c3d4e5f6a7b8b2 (eu-west-1b); versions 1, 2: 2 subnets in 2 AZs, no internet: ' +
        'blackhole at nat-0c3d4e5f6a7b8c9c3',
    );
    // month-end-close's 127 versions differ only in security groups: one routing configuration, one line.
    const monthEnd = report.routing?.vpcs
      .flatMap((v) => v.functions)
      .find((f) => f.name === 'month-end-close');
    expect(monthEnd?.configurations.map((c) => c.versions.length)).toEqual([127]);
    expect(monthEnd?.summary).toBe(
      'month-end-close: 3 subnets in 3 AZs, internet via NAT gateway nat-0a1b2c3d4e5f6a7a1 (eu-west-1a), ' +
        'NAT gateway nat-0b2c3d4e5f6a7b8b2 (eu-west-1b)',
    );
  });
});

describe('demo account egress topologies (examples/demo/egress.ts): one function per verdict', () => {
  const results = (ruleId: string) =>
    Object.fromEntries(
      (analysis.outcomes.find((o) => o.ruleId === ruleId)?.results ?? []).map((r) => [
        r.resourceId,
        `${r.status}${r.severity ? ` ${r.severity}` : ''}`,
      ]),
    );

  it('finds every function without a real internet path, with the hop that stops it', () => {
    const noPath = results('function-no-internet-path');
    expect(
      Object.entries(noPath)
        .filter(([, verdict]) => verdict === 'fail')
        .map(([name]) => name),
    ).toEqual([
      'clickstream-loader',
      'geo-lookup',
      'kyc-pep-screening',
      'ledger-replicator',
      'legacy-sftp-bridge',
      'sanctions-list-sync',
      // Capacity provider partner-sync (after the functions), in ledger-replicator's peered subnets.
      'partner-sync',
    ]);
    const message = (name: string) =>
      failing('function-no-internet-path').find((r) => r.resourceId === name)?.message;
    expect(message('geo-lookup')).toContain(
      'after Network Firewall endpoint vpce-0a5e7c9b1d3f50c03: internet gateway',
    );
    expect(message('ledger-replicator')).toContain('pcx-0f4a5b6c7d8e9f0a1');
    expect(message('sanctions-list-sync')).toContain(
      'private NAT gateway nat-0a5e7c9b1d3f50b03 (no public address)',
    );
    expect(message('legacy-sftp-bridge')).toContain('instance i-0a5e7c9b1d3f50d01 is stopped');
    expect(message('legacy-sftp-bridge')).toContain('i-0a5e7c9b1d3f50d02 has source/destination checking on');
    expect(message('kyc-pep-screening')).toContain(
      'acl-0a5e7c9b1d3f50a91 denies outbound TCP 443 (rule 200)',
    );
  });

  it('raises no failure for healthy paths through a firewall then a NAT, a transit gateway or a VPN gateway', () => {
    const noPath = results('function-no-internet-path');
    expect(noPath['partner-webhook-sender']).toBe('pass');
    expect(noPath['push-notifier']).toBe('pass');
    expect(noPath['audit-log-shipper']).toBe('unknown info');
    expect(noPath['core-banking-sync']).toBe('unknown info');
    for (const ruleId of [
      'function-public-subnet',
      'function-blackhole-route',
      'function-mixed-egress',
      'function-isolated',
    ])
      for (const name of [
        'partner-webhook-sender',
        'audit-log-shipper',
        'core-banking-sync',
        'push-notifier',
      ])
        expect(results(ruleId)[name], `${ruleId} ${name}`).toBe('pass');
  });
});
