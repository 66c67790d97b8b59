import { describe, expect, it } from 'vitest';
import { functionPublicSubnet } from '../../../lib/analyze/rules/function-public-subnet.js';
import { IGW, networkSnapshot, networkTables, SUBNETS } from '../../fixtures/network.js';
import { fn, route, withMissing } from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

const inSubnets = (...subnets: string[]) => fn({ name: 'orders-api', subnets, securityGroups: ['sg-1'] });

describe('function-public-subnet', () => {
  it('fails a function in a subnet routed to an internet gateway, naming the subnet and route table', () => {
    const snapshot = networkSnapshot({ functions: [inSubnets(SUBNETS.publicA, SUBNETS.publicB)] });
    const result = resultFor(runRule(functionPublicSubnet, snapshot), 'orders-api');
    expect(result.status).toBe('fail');
    expect(result.message).toContain('subnet-public-a (route table rtb-public)');
    expect(result.message).toContain('no IPv4 internet access');
    expect(result.evidence).toMatchObject({
      subnets: [
        {
          subnetId: SUBNETS.publicA,
          paths: [
            {
              family: 'ipv4',
              verdict: { kind: 'no-internet', stop: 'no-public-ip' },
              path: expect.stringMatching(/^subnet-public-a » rtb-public 0\.0\.0\.0\/0 » igw-1: no internet/),
              hops: [
                {
                  routeTableId: 'rtb-public',
                  viaMainTable: false,
                  route: { targetId: IGW, routeState: 'active', targetState: 'attached' },
                },
              ],
            },
          ],
        },
        { subnetId: SUBNETS.publicB },
      ],
    });
  });

  it('fails a subnet that is public only through the VPC main route table, and says so', () => {
    const tables = networkTables({ 'rtb-main': [route.toIgw(IGW)] });
    const snapshot = networkSnapshot({ routeTables: tables, functions: [inSubnets(SUBNETS.mainA)] });
    const result = resultFor(runRule(functionPublicSubnet, snapshot), 'orders-api');
    expect(result.status).toBe('fail');
    expect(result.message).toContain('main route table rtb-main');
    expect(result.evidence).toMatchObject({ subnets: [{ paths: [{ hops: [{ viaMainTable: true }] }] }] });
  });

  it('names only the published versions that still use a public subnet', () => {
    const snapshot = networkSnapshot({
      functions: [
        inSubnets(SUBNETS.privateA, SUBNETS.privateB),
        fn({ name: 'orders-api', version: '4', subnets: [SUBNETS.publicA], securityGroups: ['sg-1'] }),
      ],
    });
    const result = resultFor(runRule(functionPublicSubnet, snapshot), 'orders-api');
    expect(result.status).toBe('fail');
    expect(result.message).toContain('orders-api (version 4)');
  });

  it('passes a function in private subnets routed through NAT gateways', () => {
    const snapshot = networkSnapshot({ functions: [inSubnets(SUBNETS.privateA, SUBNETS.privateB)] });
    expect(resultFor(runRule(functionPublicSubnet, snapshot), 'orders-api').status).toBe('pass');
  });

  it('is unknown, never pass or fail, when route tables were not collected', () => {
    const snapshot = withMissing(networkSnapshot({ functions: [inSubnets(SUBNETS.publicA)] }), 'routeTables');
    const result = resultFor(runRule(functionPublicSubnet, snapshot), 'orders-api');
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('ec2:DescribeRouteTables');
  });

  it('is unknown when the internet gateways were not collected', () => {
    const snapshot = withMissing(
      networkSnapshot({ functions: [inSubnets(SUBNETS.publicA)] }),
      'internetGateways',
    );
    expect(resultFor(runRule(functionPublicSubnet, snapshot), 'orders-api').status).toBe('unknown');
  });

  it('does not call a subnet public when its route goes to a firewall or NAT first', () => {
    const tables = networkTables({ 'rtb-private-a': [route.toNat('nat-a')] });
    const snapshot = networkSnapshot({ routeTables: tables, functions: [inSubnets(SUBNETS.privateA)] });
    expect(resultFor(runRule(functionPublicSubnet, snapshot), 'orders-api').status).toBe('pass');
  });

  it('judges the subnets that exist and is unknown when none does', () => {
    const snapshot = networkSnapshot({
      functions: [inSubnets(SUBNETS.publicA, 'subnet-gone'), fn({ name: 'ghost', subnets: ['subnet-gone'] })],
    });
    const results = runRule(functionPublicSubnet, snapshot);
    expect(resultFor(results, 'orders-api').status).toBe('fail');
    expect(resultFor(results, 'ghost').status).toBe('unknown');
  });
});
