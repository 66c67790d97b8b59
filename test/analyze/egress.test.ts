import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../lib/analyze/snapshot-index.js';
import type { NatGateway, Route, Snapshot } from '../../lib/model/snapshot.js';
import { IGW, networkSnapshot, networkTables, SUBNETS, VPC } from '../fixtures/network.js';
import {
  internetGateway,
  natGateway,
  route,
  routeTable,
  subnet,
  withMissing,
} from '../fixtures/snapshot-builder.js';

function egressOf(snapshot: Snapshot, subnetId: string) {
  return buildIndex(snapshot).egressForSubnet(subnetId);
}

const ipv6ToEgressOnly = (eigwId: string): Route => ({
  DestinationIpv6CidrBlock: '::/0',
  EgressOnlyInternetGatewayId: eigwId,
  Origin: 'CreateRoute',
  State: 'active',
});

describe('subnet egress classes', () => {
  it('classes a subnet routed to an attached internet gateway as public, with the route as evidence', () => {
    const egress = egressOf(networkSnapshot(), SUBNETS.publicA);
    expect(egress.egress).toBe('public');
    expect(egress).toMatchObject({
      routeTableId: 'rtb-public',
      viaMainTable: false,
      ipv4Default: {
        destination: '0.0.0.0/0',
        targetKind: 'internet-gateway',
        targetId: IGW,
        routeState: 'active',
        targetState: 'attached',
      },
    });
    expect(egress.detail).toContain('no public IP');
  });

  it('classes a subnet routed to an available NAT gateway as nat, with its AZ and whether its subnet is public', () => {
    const egress = egressOf(networkSnapshot(), SUBNETS.privateB);
    expect(egress.egress).toBe('nat');
    expect(egress.natGateway).toMatchObject({
      natGatewayId: 'nat-b',
      availabilityMode: 'zonal',
      state: 'available',
      subnetId: SUBNETS.publicB,
      availabilityZone: 'eu-west-1b',
      subnetRoutesToInternet: true,
      subnetRouteTableId: 'rtb-public',
    });
    expect(egress.detail).toBe('0.0.0.0/0 → NAT gateway nat-b in eu-west-1b.');
  });

  it('falls back to the main route table for a subnet without an explicit association', () => {
    const tables = networkTables({ 'rtb-main': [route.toIgw(IGW)] });
    const egress = egressOf(networkSnapshot({ routeTables: tables }), SUBNETS.mainA);
    expect(egress).toMatchObject({ egress: 'public', routeTableId: 'rtb-main', viaMainTable: true });
  });

  it('uses the explicit table without a default route even when the main table has one', () => {
    const tables = networkTables({ 'rtb-main': [route.toIgw(IGW)] });
    const egress = egressOf(networkSnapshot({ routeTables: tables }), SUBNETS.isolatedA);
    expect(egress).toMatchObject({ egress: 'none', routeTableId: 'rtb-isolated', viaMainTable: false });
  });

  it('lists the VPC endpoints of an isolated subnet', () => {
    const egress = egressOf(networkSnapshot(), SUBNETS.isolatedA);
    expect(egress.egress).toBe('none');
    expect(egress.endpoints?.map((e) => [e.service, e.type])).toEqual([
      ['s3', 'Gateway'],
      ['sts', 'Interface'],
    ]);
  });

  it('says the endpoints are unknown, not absent, when they were not collected', () => {
    const egress = egressOf(withMissing(networkSnapshot(), 'vpcEndpoints'), SUBNETS.isolatedA);
    expect(egress.egress).toBe('none');
    expect(egress.endpoints).toBeNull();
  });

  describe('blackholes', () => {
    it('by route state', () => {
      const tables = networkTables({ 'rtb-private-a': [route.blackhole('nat-a')] });
      const egress = egressOf(networkSnapshot({ routeTables: tables }), SUBNETS.privateA);
      expect(egress.egress).toBe('blackhole');
      expect(egress.ipv4Default?.routeState).toBe('blackhole');
    });

    it('by a NAT gateway that no longer exists, even while the route still says active', () => {
      const egress = egressOf(networkSnapshot({ natGateways: [] }), SUBNETS.privateA);
      expect(egress.egress).toBe('blackhole');
      expect(egress.ipv4Default?.targetState).toBe('missing');
      expect(egress.detail).toContain('no longer exists');
    });

    it.each(['deleted', 'deleting', 'failed'])('by a NAT gateway in state %s', (state) => {
      const nats = [natGateway({ id: 'nat-a', vpc: VPC, subnet: SUBNETS.publicA, state })];
      const egress = egressOf(networkSnapshot({ natGateways: nats }), SUBNETS.privateA);
      expect(egress.egress).toBe('blackhole');
      expect(egress.natGateway?.state).toBe(state);
    });

    it('by an internet gateway detached from the VPC', () => {
      const igws = [internetGateway({ id: IGW })];
      expect(egressOf(networkSnapshot({ internetGateways: igws }), SUBNETS.publicA).egress).toBe('blackhole');
    });

    it('by route state even when NAT gateways were not collected', () => {
      const tables = networkTables({ 'rtb-private-a': [route.blackhole('nat-a')] });
      const snapshot = withMissing(networkSnapshot({ routeTables: tables }), 'natGateways');
      expect(egressOf(snapshot, SUBNETS.privateA).egress).toBe('blackhole');
    });
  });

  it('does not call a pending NAT gateway working or broken', () => {
    const nats = [natGateway({ id: 'nat-a', vpc: VPC, subnet: SUBNETS.publicA, state: 'pending' })];
    const egress = egressOf(networkSnapshot({ natGateways: nats }), SUBNETS.privateA);
    expect(egress.egress).toBe('unknown');
    expect(egress.detail).toContain('pending');
  });

  it('records a NAT gateway sitting in a subnet without an internet route', () => {
    const nats = [natGateway({ id: 'nat-a', vpc: VPC, subnet: SUBNETS.isolatedA })];
    const egress = egressOf(networkSnapshot({ natGateways: nats }), SUBNETS.privateA);
    expect(egress.egress).toBe('nat');
    expect(egress.natGateway).toMatchObject({
      subnetRoutesToInternet: false,
      subnetRouteTableId: 'rtb-isolated',
      subnetDefaultRoute: null,
    });
  });

  it('treats a regional NAT gateway (no subnet) as nat, with no AZ, not as broken', () => {
    const regional: NatGateway = {
      NatGatewayId: 'nat-regional',
      VpcId: VPC,
      State: 'available',
      ConnectivityType: 'public',
      AvailabilityMode: 'regional',
    };
    const tables = networkTables({ 'rtb-private-a': [route.toNat('nat-regional')] });
    const egress = egressOf(
      networkSnapshot({ routeTables: tables, natGateways: [regional] }),
      SUBNETS.privateA,
    );
    expect(egress.egress).toBe('nat');
    expect(egress.natGateway).toMatchObject({
      availabilityMode: 'regional',
      subnetId: null,
      availabilityZone: null,
      subnetRoutesToInternet: null,
      vpcHasInternetGateway: true,
    });
  });

  it('classes a route to a NAT instance as nat', () => {
    const tables = networkTables({ 'rtb-private-a': [route.toInstance('i-0abc', 'eni-0abc')] });
    const egress = egressOf(networkSnapshot({ routeTables: tables }), SUBNETS.privateA);
    expect(egress).toMatchObject({ egress: 'nat', natGateway: null });
    expect(egress.ipv4Default).toMatchObject({ targetKind: 'nat-instance', targetId: 'i-0abc' });
  });

  it.each([
    ['transit gateway', route.toTransitGateway('tgw-1'), 'transit-gateway'],
    ['VPC peering', route.toPeering('pcx-1', '0.0.0.0/0'), 'vpc-peering'],
    [
      'virtual private gateway',
      { DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'vgw-1', Origin: 'CreateRoute', State: 'active' },
      'virtual-private-gateway',
    ],
  ])('classes a default route to a %s as other, saying where it leaves', (_label, target, kind) => {
    const tables = networkTables({ 'rtb-private-a': [target] });
    const egress = egressOf(networkSnapshot({ routeTables: tables }), SUBNETS.privateA);
    expect(egress.egress).toBe('other');
    expect(egress.ipv4Default?.targetKind).toBe(kind);
    expect(egress.detail).toContain('leaves the VPC');
  });

  describe('IPv6 default routes', () => {
    it('classes a subnet with only ::/0 to an egress-only internet gateway as other', () => {
      const tables = networkTables({ 'rtb-isolated': [ipv6ToEgressOnly('eigw-1')] });
      const egress = egressOf(networkSnapshot({ routeTables: tables }), SUBNETS.isolatedA);
      expect(egress.egress).toBe('other');
      expect(egress.ipv4Default).toBeNull();
      expect(egress.ipv6Default).toMatchObject({
        destination: '::/0',
        targetKind: 'egress-only-internet-gateway',
        targetId: 'eigw-1',
      });
    });

    it('classes ::/0 to an internet gateway without an IPv4 default route as other, not public', () => {
      const v6: Route = {
        DestinationIpv6CidrBlock: '::/0',
        GatewayId: IGW,
        Origin: 'CreateRoute',
        State: 'active',
      };
      const tables = networkTables({ 'rtb-isolated': [v6] });
      const egress = egressOf(networkSnapshot({ routeTables: tables }), SUBNETS.isolatedA);
      expect(egress.egress).toBe('other');
      expect(egress.detail).toContain('IPv6');
    });

    it('lets the IPv4 route decide and keeps the IPv6 one as evidence', () => {
      const tables = networkTables({ 'rtb-private-a': [route.toNat('nat-a'), ipv6ToEgressOnly('eigw-1')] });
      const egress = egressOf(networkSnapshot({ routeTables: tables }), SUBNETS.privateA);
      expect(egress.egress).toBe('nat');
      expect(egress.ipv6Default?.targetKind).toBe('egress-only-internet-gateway');
    });
  });

  describe('unknown, never a guess', () => {
    it.each([
      ['subnets', 'Subnets were not collected'],
      ['routeTables', 'Route tables were not collected'],
    ] as const)('when %s were not collected', (part, reason) => {
      const egress = egressOf(withMissing(networkSnapshot(), part), SUBNETS.publicA);
      expect(egress.egress).toBe('unknown');
      expect(egress.detail).toContain(reason);
    });

    it('when NAT gateways were not collected and the route targets one', () => {
      const egress = egressOf(withMissing(networkSnapshot(), 'natGateways'), SUBNETS.privateA);
      expect(egress.egress).toBe('unknown');
      expect(egress.detail).toContain('NAT gateways were not collected');
      expect(egress.routeTableId).toBe('rtb-private-a');
    });

    it('when internet gateways were not collected and the route targets one', () => {
      const egress = egressOf(withMissing(networkSnapshot(), 'internetGateways'), SUBNETS.publicA);
      expect(egress.egress).toBe('unknown');
    });

    it('when the subnet is not found, marking it as deleted', () => {
      const egress = egressOf(networkSnapshot(), 'subnet-gone');
      expect(egress).toMatchObject({ egress: 'unknown', subnetFound: false });
    });

    it('when the VPC has no main table and the subnet no association', () => {
      const tables = networkTables().filter((t) => t.RouteTableId !== 'rtb-main');
      expect(egressOf(networkSnapshot({ routeTables: tables }), SUBNETS.mainA).egress).toBe('unknown');
    });

    it("leaves a NAT gateway's own subnet undecided when its subnet is not found", () => {
      const nats = [natGateway({ id: 'nat-a', vpc: VPC, subnet: 'subnet-elsewhere' })];
      const egress = egressOf(networkSnapshot({ natGateways: nats }), SUBNETS.privateA);
      expect(egress.natGateway).toMatchObject({ subnetRoutesToInternet: null, availabilityZone: null });
    });
  });

  it('classifies each subnet once per snapshot', () => {
    const index = buildIndex(networkSnapshot());
    expect(index.egressForSubnet(SUBNETS.privateA)).toBe(index.egressForSubnet(SUBNETS.privateA));
  });

  it('does not loop on NAT gateways whose subnets route to each other', () => {
    const snapshot = networkSnapshot({
      subnets: [
        subnet({ id: 'subnet-x', vpc: VPC, az: 'eu-west-1a' }),
        subnet({ id: 'subnet-y', vpc: VPC, az: 'eu-west-1b' }),
      ],
      routeTables: [
        routeTable({ id: 'rtb-x', vpc: VPC, subnets: ['subnet-x'], routes: [route.toNat('nat-y')] }),
        routeTable({ id: 'rtb-y', vpc: VPC, subnets: ['subnet-y'], routes: [route.toNat('nat-x')] }),
      ],
      natGateways: [
        natGateway({ id: 'nat-x', vpc: VPC, subnet: 'subnet-x' }),
        natGateway({ id: 'nat-y', vpc: VPC, subnet: 'subnet-y' }),
      ],
    });
    const egress = egressOf(snapshot, 'subnet-x');
    expect(egress.egress).toBe('nat');
    expect(egress.natGateway?.subnetRoutesToInternet).toBe(false);
  });
});

describe('states no documentation lists', () => {
  it('leaves a route in an unknown state undecided, never taken for active', () => {
    const tables = networkTables({ 'rtb-public': [{ ...route.toIgw(IGW), State: 'pending-weird' }] });
    const egress = egressOf(networkSnapshot({ routeTables: tables }), SUBNETS.publicA);
    expect(egress.egress).toBe('unknown');
    expect(egress.detail).toContain('route state "pending-weird"');
  });

  it('leaves an internet gateway attached in an unknown state undecided, never taken for detached', () => {
    const igws = [{ InternetGatewayId: IGW, Attachments: [{ VpcId: VPC, State: 'quantum' }] }];
    const snapshot = networkSnapshot({ internetGateways: igws });
    expect(egressOf(snapshot, SUBNETS.publicA).egress).toBe('unknown');
    // Nor can the NAT gateway in that subnet be said to have, or lack, a way out.
    expect(egressOf(snapshot, SUBNETS.privateA).natGateway?.subnetRoutesToInternet).toBeNull();
  });

  it('keeps a NAT gateway that is not available as evidence of an undecided subnet', () => {
    const nats = [natGateway({ id: 'nat-a', vpc: VPC, subnet: SUBNETS.publicA, state: 'degraded' })];
    const egress = egressOf(networkSnapshot({ natGateways: nats }), SUBNETS.privateA);
    expect(egress.egress).toBe('unknown');
    expect(egress.natGateway).toMatchObject({ natGatewayId: 'nat-a', state: 'degraded' });
  });
});
