import { describe, expect, it } from 'vitest';
import { functionIsolated } from '../../../lib/analyze/rules/function-isolated.js';
import type { FunctionRecord, Snapshot } from '../../../lib/model/snapshot.js';
import { defaultAcl, egressRoute } from '../../fixtures/egress-builder.js';
import { networkSnapshot, networkTables, SUBNETS, VPC } from '../../fixtures/network.js';
import { POOL, POOL_LABEL, providerNetwork } from '../../fixtures/provider-network.js';
import { detailsOf, fn, functionDetail, withMissing } from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

const fetcher = fn({
  name: 'fx-rates-fetcher',
  subnets: [SUBNETS.isolatedA, SUBNETS.isolatedB],
  securityGroups: ['sg-1'],
});

/** The isolated subnets with IPv6 CIDRs whose only way out is ::/0 to an egress-only internet gateway. */
function ipv6OnlyEgress(functions: FunctionRecord[]): Snapshot {
  const base = networkSnapshot({
    functions,
    functionDetails: detailsOf(...functions.map((f) => functionDetail({ name: f.FunctionName }))),
  });
  return {
    ...base,
    subnets: (base.subnets ?? []).map((s) =>
      s.SubnetId.startsWith('subnet-isolated') ? { ...s, Ipv6CidrBlocks: ['2a05:d018::/64'] } : s,
    ),
    routeTables: networkTables({ 'rtb-isolated': [egressRoute.ipv6ToEgressOnly('eigw-1')] }),
    networkAcls: [defaultAcl(VPC, { ipv6: true })],
  };
}

describe('function-isolated', () => {
  it('fails (high) an IPv4-only function whose subnets route only IPv6, and passes a dual-stack one on the same subnets', () => {
    const ipv4Only = fn({
      name: 'status-pinger',
      subnets: [SUBNETS.isolatedA, SUBNETS.isolatedB],
      securityGroups: ['sg-1'],
    });
    const dualStack = fn({
      name: 'push-notifier',
      subnets: [SUBNETS.isolatedA, SUBNETS.isolatedB],
      securityGroups: ['sg-1'],
    });
    if (dualStack.VpcConfig) dualStack.VpcConfig.Ipv6AllowedForDualStack = true;
    const results = runRule(functionIsolated, ipv6OnlyEgress([ipv4Only, dualStack]));
    const pinger = resultFor(results, 'status-pinger');
    expect(pinger).toMatchObject({ status: 'fail', severity: 'high' });
    expect(pinger.message).toContain('they route only IPv6 (subnet-isolated-a: ::/0 via eigw-1');
    expect(pinger.message).toContain('it does not send IPv6 (Ipv6AllowedForDualStack is off)');
    expect(resultFor(results, 'push-notifier').status).toBe('pass');
  });

  it('reports an isolated function as informational, listing the VPC endpoints it can reach', () => {
    const snapshot = networkSnapshot({
      functions: [fetcher],
      functionDetails: detailsOf(functionDetail({ name: 'fx-rates-fetcher', tags: { team: 'ledger' } })),
    });
    const result = resultFor(runRule(functionIsolated, snapshot), 'fx-rates-fetcher');
    expect(result).toMatchObject({ status: 'fail', severity: 'info' });
    expect(result.message).toContain('VPC endpoints: s3 (gateway), sts');
  });

  it('fails high when the function is tagged as needing the internet', () => {
    const snapshot = networkSnapshot({
      functions: [fetcher],
      functionDetails: detailsOf(
        functionDetail({ name: 'fx-rates-fetcher', tags: { 'lambda-vpc-audit:egress': 'internet' } }),
      ),
    });
    const result = resultFor(runRule(functionIsolated, snapshot), 'fx-rates-fetcher');
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result.message).toContain('tagged lambda-vpc-audit:egress=internet');
  });

  it('honours a configured tag key', () => {
    const snapshot = networkSnapshot({
      functions: [fetcher],
      functionDetails: detailsOf(functionDetail({ name: 'fx-rates-fetcher', tags: { needs: 'Internet' } })),
    });
    const result = resultFor(
      runRule(functionIsolated, snapshot, { internetTagKey: 'needs' }),
      'fx-rates-fetcher',
    );
    expect(result.severity).toBe('high');
  });

  it('is unknown at high severity when the tags could not be read', () => {
    const detail = { ...functionDetail({ name: 'fx-rates-fetcher' }), Tags: null };
    const snapshot = networkSnapshot({ functions: [fetcher], functionDetails: detailsOf(detail) });
    const result = resultFor(runRule(functionIsolated, snapshot), 'fx-rates-fetcher');
    expect(result).toMatchObject({ status: 'unknown', severity: 'high' });
    expect(result.message).toContain('tags could not be read');
  });

  it('is unknown when GetFunction was not collected for it', () => {
    const snapshot = networkSnapshot({ functions: [fetcher], functionDetails: {} });
    expect(resultFor(runRule(functionIsolated, snapshot), 'fx-rates-fetcher').status).toBe('unknown');
  });

  it('passes a function with a route out, even if only some versions are isolated it fails those', () => {
    const snapshot = networkSnapshot({
      functions: [
        fn({ name: 'orders-api', subnets: [SUBNETS.privateA, SUBNETS.privateB] }),
        fn({ name: 'orders-api', version: '2', subnets: [SUBNETS.isolatedA] }),
        fn({ name: 'payments', subnets: [SUBNETS.privateA, SUBNETS.privateB] }),
      ],
      functionDetails: detailsOf(
        functionDetail({ name: 'orders-api' }),
        functionDetail({ name: 'payments' }),
      ),
    });
    const results = runRule(functionIsolated, snapshot);
    expect(resultFor(results, 'payments').status).toBe('pass');
    expect(resultFor(results, 'orders-api').message).toContain('orders-api (version 2)');
  });

  it('is unknown when route tables were not collected', () => {
    const snapshot = withMissing(networkSnapshot({ functions: [fetcher] }), 'routeTables');
    expect(resultFor(runRule(functionIsolated, snapshot), 'fx-rates-fetcher').status).toBe('unknown');
  });

  describe('capacity providers', () => {
    const isolatedPool = (tags: Record<string, string> = {}) =>
      providerNetwork([SUBNETS.isolatedA, SUBNETS.isolatedB], {
        functionDetails: detailsOf(
          functionDetail({ name: 'ingest', tags }),
          functionDetail({ name: 'enrich' }),
        ),
      });

    it('fails (info) a provider without a default route, listing the endpoints its functions can reach', () => {
      const result = resultFor(runRule(functionIsolated, isolatedPool()), POOL);
      expect(result).toMatchObject({ status: 'fail', severity: 'info', resourceType: 'capacity-provider' });
      expect(result.message).toBe(
        `${POOL_LABEL} has no IPv4 default route in any of its subnets: its functions reach only its VPC and ` +
          'VPC endpoints: s3 (gateway), sts.',
      );
    });

    it('fails (high) when a function on it is tagged to need the internet', () => {
      const result = resultFor(
        runRule(functionIsolated, isolatedPool({ 'lambda-vpc-audit:egress': 'Internet' })),
        POOL,
      );
      expect(result).toMatchObject({ status: 'fail', severity: 'high' });
      expect(result.message).toContain('yet ingest on it is tagged lambda-vpc-audit:egress=internet');
    });

    it('is unknown (high) when the tags of its functions could not be read', () => {
      const snapshot = providerNetwork([SUBNETS.isolatedA, SUBNETS.isolatedB]);
      const result = resultFor(runRule(functionIsolated, snapshot), POOL);
      expect(result).toMatchObject({ status: 'unknown', severity: 'high' });
      expect(result.message).toContain('The tags of enrich, ingest could not be read');
    });

    it('passes a provider with a default route', () => {
      const snapshot = providerNetwork([SUBNETS.privateA, SUBNETS.privateB]);
      expect(resultFor(runRule(functionIsolated, snapshot), POOL).status).toBe('pass');
    });
  });
});
