import { describe, expect, it } from 'vitest';
import { natGatewayWithoutInternetRoute } from '../../../lib/analyze/rules/nat-gateway-without-internet-route.js';
import type { NatGateway } from '../../../lib/model/snapshot.js';
import { aclEntry, defaultAcl, networkAcl, peering } from '../../fixtures/egress-builder.js';
import { networkSnapshot, networkTables, SUBNETS, VPC } from '../../fixtures/network.js';
import { fn, internetGateway, natGateway, route, withMissing } from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

const loader = fn({ name: 'clickstream-loader', subnets: [SUBNETS.privateA], securityGroups: ['sg-1'] });

describe('nat-gateway-without-internet-route', () => {
  it('fails a NAT gateway placed in a subnet without an internet gateway route, naming its table and users', () => {
    const nats = [natGateway({ id: 'nat-a', vpc: VPC, subnet: SUBNETS.mainA })];
    const snapshot = networkSnapshot({ natGateways: nats, functions: [loader] });
    const result = resultFor(runRule(natGatewayWithoutInternetRoute, snapshot), 'nat-a');
    expect(result.status).toBe('fail');
    expect(result.resourceType).toBe('nat-gateway');
    expect(result.message).toBe(
      'NAT gateway nat-a (in subnet-main-a) has no way to the internet: its subnet subnet-main-a has no ' +
        '0.0.0.0/0 route (main route table rtb-main); clickstream-loader routed through it has no internet.',
    );
    expect(result.evidence).toMatchObject({
      natGateway: { NatGatewayId: 'nat-a', SubnetId: SUBNETS.mainA },
      onward: {
        verdict: { kind: 'no-internet', stop: 'no-route' },
        hops: [{ subnetId: SUBNETS.mainA, routeTableId: 'rtb-main', viaMainTable: true, route: null }],
      },
      routedFrom: [{ subnetId: SUBNETS.privateA, functions: ['clickstream-loader'] }],
    });
  });

  it("fails when the NAT gateway's subnet routes to a peering connection rather than an internet gateway", () => {
    const nats = [natGateway({ id: 'nat-a', vpc: VPC, subnet: SUBNETS.isolatedA })];
    const tables = networkTables({ 'rtb-isolated': [route.toPeering('pcx-1', '0.0.0.0/0')] });
    const snapshot = networkSnapshot({
      routeTables: tables,
      natGateways: nats,
      vpcPeeringConnections: [peering({ id: 'pcx-1', vpc: VPC, peerVpc: 'vpc-peer' })],
      functions: [loader],
    });
    const result = resultFor(runRule(natGatewayWithoutInternetRoute, snapshot), 'nat-a');
    expect(result.status).toBe('fail');
    expect(result.message).toContain('reaches only the peer VPC');
  });

  it('passes a NAT gateway whose subnet sends on through another public NAT gateway (a second translation)', () => {
    const nats = [natGateway({ id: 'nat-a', vpc: VPC, subnet: SUBNETS.privateB })];
    const snapshot = networkSnapshot({
      natGateways: [...nats, natGateway({ id: 'nat-b', vpc: VPC, subnet: SUBNETS.publicB })],
      functions: [loader],
    });
    expect(resultFor(runRule(natGatewayWithoutInternetRoute, snapshot), 'nat-a').status).toBe('pass');
  });

  it("fails a NAT gateway whose subnet's network ACL blocks the replies", () => {
    const blocking = networkAcl({
      id: 'acl-nat',
      vpc: VPC,
      subnets: [SUBNETS.publicA],
      entries: [aclEntry({ rule: 100, egress: true, action: 'allow' })],
    });
    const snapshot = networkSnapshot({ functions: [loader], networkAcls: [defaultAcl(VPC), blocking] });
    const result = resultFor(runRule(natGatewayWithoutInternetRoute, snapshot), 'nat-a');
    expect(result.status).toBe('fail');
    expect(result.message).toContain('acl-nat denies inbound TCP 1024-65535');
  });

  it('still judges a NAT gateway that is not available (pending, or a state it does not know) by where it sits', () => {
    for (const state of ['pending', 'degraded']) {
      const nats = [natGateway({ id: 'nat-a', vpc: VPC, subnet: SUBNETS.mainA, state })];
      const snapshot = networkSnapshot({ natGateways: nats, functions: [loader] });
      const result = resultFor(runRule(natGatewayWithoutInternetRoute, snapshot), 'nat-a');
      expect(result.status, state).toBe('fail');
    }
  });

  it('passes a NAT gateway in a public subnet', () => {
    const snapshot = networkSnapshot({ functions: [loader] });
    expect(resultFor(runRule(natGatewayWithoutInternetRoute, snapshot), 'nat-a').status).toBe('pass');
  });

  it('passes a regional NAT gateway in a VPC with an internet gateway, and fails it without one', () => {
    const regional: NatGateway = {
      NatGatewayId: 'nat-r',
      VpcId: VPC,
      State: 'available',
      ConnectivityType: 'public',
      AvailabilityMode: 'regional',
    };
    const tables = networkTables({ 'rtb-private-a': [route.toNat('nat-r')] });
    const snapshot = networkSnapshot({ routeTables: tables, natGateways: [regional], functions: [loader] });
    expect(resultFor(runRule(natGatewayWithoutInternetRoute, snapshot), 'nat-r').status).toBe('pass');
    const noIgw = { ...snapshot, internetGateways: [internetGateway({ id: 'igw-1' })] };
    expect(resultFor(runRule(natGatewayWithoutInternetRoute, noIgw), 'nat-r').status).toBe('fail');
    const unknownIgw = withMissing(snapshot, 'internetGateways');
    expect(runRule(natGatewayWithoutInternetRoute, unknownIgw)[0]?.status).toBe('unknown');
  });

  it('does not judge a private NAT gateway, which is not meant to reach the internet', () => {
    const nats = [natGateway({ id: 'nat-a', vpc: VPC, subnet: SUBNETS.mainA, connectivity: 'private' })];
    const snapshot = networkSnapshot({ natGateways: nats, functions: [loader] });
    expect(runRule(natGatewayWithoutInternetRoute, snapshot)).toEqual([]);
  });

  it("is unknown when the NAT gateway's subnet is not found", () => {
    const nats = [natGateway({ id: 'nat-a', vpc: VPC, subnet: 'subnet-elsewhere' })];
    const snapshot = networkSnapshot({ natGateways: nats, functions: [loader] });
    expect(resultFor(runRule(natGatewayWithoutInternetRoute, snapshot), 'nat-a').status).toBe('unknown');
  });

  it('is unknown, for the account, when NAT gateways were not collected', () => {
    const snapshot = withMissing(networkSnapshot({ functions: [loader] }), 'natGateways');
    const [result] = runRule(natGatewayWithoutInternetRoute, snapshot);
    expect(result).toMatchObject({ status: 'unknown', resourceType: 'account' });
    expect(result?.message).toContain('ec2:DescribeNatGateways');
  });
});
