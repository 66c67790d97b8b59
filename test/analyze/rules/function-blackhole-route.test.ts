import { describe, expect, it } from 'vitest';
import { functionBlackholeRoute } from '../../../lib/analyze/rules/function-blackhole-route.js';
import { networkSnapshot, networkTables, SUBNETS, VPC } from '../../fixtures/network.js';
import { POOL, POOL_LABEL, providerNetwork } from '../../fixtures/provider-network.js';
import { fn, natGateway, route, withMissing } from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

const orders = fn({
  name: 'orders-api',
  subnets: [SUBNETS.privateA, SUBNETS.privateB],
  securityGroups: ['sg-1'],
});

describe('function-blackhole-route', () => {
  it('fails a function whose subnet routes to a deleted NAT gateway, with route table, route and NAT state', () => {
    const nats = [
      natGateway({ id: 'nat-a', vpc: VPC, subnet: SUBNETS.publicA, state: 'deleted' }),
      natGateway({ id: 'nat-b', vpc: VPC, subnet: SUBNETS.publicB }),
    ];
    const snapshot = networkSnapshot({ natGateways: nats, functions: [orders] });
    const result = resultFor(runRule(functionBlackholeRoute, snapshot), 'orders-api');
    expect(result.status).toBe('fail');
    expect(result.message).toContain('subnet-private-a (NAT gateway nat-a is deleted)');
    expect(result.evidence).toMatchObject({
      subnets: [
        {
          subnetId: SUBNETS.privateA,
          paths: [
            {
              verdict: { kind: 'no-internet', stop: 'blackhole' },
              hops: [
                {
                  routeTableId: 'rtb-private-a',
                  viaMainTable: false,
                  route: { targetId: 'nat-a', targetState: 'deleted' },
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('fails a route in state blackhole', () => {
    const tables = networkTables({ 'rtb-private-b': [route.blackhole('nat-old')] });
    const snapshot = networkSnapshot({ routeTables: tables, functions: [orders] });
    const result = resultFor(runRule(functionBlackholeRoute, snapshot), 'orders-api');
    expect(result.status).toBe('fail');
    expect(result.evidence).toMatchObject({
      subnets: [{ paths: [{ hops: [{ route: { routeState: 'blackhole' } }] }] }],
    });
  });

  it('fails a route to a NAT gateway that no longer exists at all', () => {
    const snapshot = networkSnapshot({ natGateways: [], functions: [orders] });
    const result = resultFor(runRule(functionBlackholeRoute, snapshot), 'orders-api');
    expect(result.status).toBe('fail');
    expect(result.message).toContain('no longer exists');
  });

  it('names the published versions still in the blackholed subnets', () => {
    const tables = networkTables({ 'rtb-isolated': [route.blackhole('nat-old')] });
    const snapshot = networkSnapshot({
      routeTables: tables,
      functions: [
        orders,
        fn({ name: 'orders-api', version: '1', subnets: [SUBNETS.isolatedA, SUBNETS.isolatedB] }),
        fn({ name: 'orders-api', version: '2', subnets: [SUBNETS.isolatedA, SUBNETS.isolatedB] }),
      ],
    });
    const result = resultFor(runRule(functionBlackholeRoute, snapshot), 'orders-api');
    expect(result.message).toContain('orders-api (versions 1, 2)');
    expect(result.evidence).toMatchObject({ versions: ['1', '2'] });
  });

  it("fails a blackhole past the function's own subnet: the NAT gateway's subnet routes to a detached gateway", () => {
    const tables = networkTables({ 'rtb-public': [{ ...route.toIgw('igw-old'), State: 'blackhole' }] });
    const snapshot = networkSnapshot({ routeTables: tables, functions: [orders] });
    const result = resultFor(runRule(functionBlackholeRoute, snapshot), 'orders-api');
    expect(result.status).toBe('fail');
    expect(result.message).toContain(
      'after NAT gateway nat-a: the route 0.0.0.0/0 via internet gateway igw-old is a blackhole',
    );
  });

  it('passes working NAT routes', () => {
    const snapshot = networkSnapshot({ functions: [orders] });
    expect(resultFor(runRule(functionBlackholeRoute, snapshot), 'orders-api').status).toBe('pass');
  });

  it('is unknown when NAT gateways were not collected', () => {
    const snapshot = withMissing(networkSnapshot({ functions: [orders] }), 'natGateways');
    const result = resultFor(runRule(functionBlackholeRoute, snapshot), 'orders-api');
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('ec2:DescribeNatGateways');
  });

  describe('capacity providers', () => {
    it('fails a provider whose subnet routes to a deleted NAT gateway, naming it and its functions', () => {
      const snapshot = providerNetwork([SUBNETS.privateA, SUBNETS.privateB], {
        routeTables: networkTables({ 'rtb-private-b': [route.blackhole('nat-gone')] }),
      });
      const result = resultFor(runRule(functionBlackholeRoute, snapshot), POOL);
      expect(result).toMatchObject({ status: 'fail', resourceType: 'capacity-provider' });
      expect(result.message).toContain(`${POOL_LABEL} runs in subnet whose way out goes nowhere`);
      expect(result.message).toContain('subnet-private-b');
    });

    it('passes a provider whose routes lead somewhere', () => {
      const snapshot = providerNetwork([SUBNETS.privateA, SUBNETS.privateB]);
      expect(resultFor(runRule(functionBlackholeRoute, snapshot), POOL).status).toBe('pass');
    });

    it('is unknown for a provider when the route tables were not collected', () => {
      const snapshot = withMissing(providerNetwork([SUBNETS.privateA]), 'routeTables');
      expect(resultFor(runRule(functionBlackholeRoute, snapshot), POOL).status).toBe('unknown');
    });
  });
});
