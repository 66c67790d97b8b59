import { describe, expect, it } from 'vitest';
import { pathLine } from '../../../lib/analyze/egress/describe.js';
import type { EgressPath } from '../../../lib/analyze/egress/path.js';
import type { AddressFamily } from '../../../lib/analyze/egress/targets.js';
import { MAX_HOPS } from '../../../lib/analyze/egress/walker.js';
import { buildIndex } from '../../../lib/analyze/snapshot-index.js';
import type { NatGateway, Snapshot } from '../../../lib/model/snapshot.js';
import { egressRoute, firewallEndpoint } from '../../fixtures/egress-builder.js';
import { IGW, networkSnapshot, networkTables, SUBNETS, VPC } from '../../fixtures/network.js';
import {
  internetGateway,
  natGateway,
  route,
  routeTable,
  subnet,
  withMissing,
} from '../../fixtures/snapshot-builder.js';

function pathOf(snapshot: Snapshot, subnetId: string, family: AddressFamily = 'ipv4'): EgressPath {
  return buildIndex(snapshot).egress.subnet(subnetId)[family];
}

describe('the path walker', () => {
  it('follows a private subnet through its NAT gateway to the internet gateway, hop by hop', () => {
    const path = pathOf(networkSnapshot(), SUBNETS.privateB);
    expect(path.verdict).toEqual({ kind: 'internet' });
    expect(path.hops).toEqual([
      expect.objectContaining({
        subnetId: SUBNETS.privateB,
        routeTableId: 'rtb-private-b',
        viaMainTable: false,
        route: expect.objectContaining({
          destination: '0.0.0.0/0',
          targetKind: 'nat-gateway',
          targetId: 'nat-b',
          targetState: 'available',
          nextSubnetId: SUBNETS.publicB,
        }),
        networkAcl: { networkAclId: `acl-default-${VPC}`, viaDefault: true, denials: [] },
      }),
      expect.objectContaining({
        subnetId: SUBNETS.publicB,
        route: expect.objectContaining({
          targetKind: 'internet-gateway',
          targetId: IGW,
          targetState: 'attached',
        }),
      }),
    ]);
    expect(pathLine(path)).toBe(
      'subnet-private-b » rtb-private-b 0.0.0.0/0 » nat-b (NAT gateway, subnet-public-b) » rtb-public 0.0.0.0/0 » igw-1: internet',
    );
  });

  it('stops a public subnet at the internet gateway: a Lambda ENI has no public IPv4 to translate', () => {
    const path = pathOf(networkSnapshot(), SUBNETS.publicA);
    expect(path.verdict).toEqual({ kind: 'no-internet', stop: 'no-public-ip' });
    expect(path.hops).toHaveLength(1);
    expect(path.detail).toContain('only public IPv4 addresses pass');
  });

  it('falls back to the main route table at every hop: the function subnet and the NAT gateway subnet', () => {
    const snapshot = networkSnapshot({
      routeTables: networkTables({ 'rtb-main': [route.toNat('nat-main')] }),
      natGateways: [natGateway({ id: 'nat-main', vpc: VPC, subnet: SUBNETS.mainA })],
    });
    // subnet-main-a uses the main table, which sends it to a NAT gateway that sits in subnet-main-a itself.
    const looped = pathOf(snapshot, SUBNETS.mainA);
    expect(looped.hops[0]).toMatchObject({ routeTableId: 'rtb-main', viaMainTable: true });
    expect(looped.verdict).toEqual({ kind: 'no-internet', stop: 'loop' });

    const viaMain = networkSnapshot({
      routeTables: networkTables({
        'rtb-main': [route.toIgw(IGW)],
        'rtb-public': [route.toNat('nat-a')],
      }).map(
        // The NAT gateway's subnet loses its own association: it uses the main table (to the IGW).
        (t) => (t.RouteTableId === 'rtb-public' ? { ...t, Associations: [] } : t),
      ),
    });
    const path = pathOf(viaMain, SUBNETS.privateA);
    expect(path.verdict).toEqual({ kind: 'internet' });
    expect(path.hops[1]).toMatchObject({
      subnetId: SUBNETS.publicA,
      routeTableId: 'rtb-main',
      viaMainTable: true,
    });
  });

  it('uses the explicit table without a default route even when the main table has one: isolated', () => {
    const tables = networkTables({ 'rtb-main': [route.toIgw(IGW)] });
    const path = pathOf(networkSnapshot({ routeTables: tables }), SUBNETS.isolatedA);
    expect(path.verdict).toEqual({ kind: 'isolated' });
    expect(path.hops[0]).toMatchObject({ routeTableId: 'rtb-isolated', viaMainTable: false, route: null });
  });

  it('follows a firewall endpoint to its subnet, then a NAT gateway: internet', () => {
    const snapshot = networkSnapshot({
      subnets: [
        ...(networkSnapshot().subnets ?? []),
        subnet({ id: 'subnet-fw', vpc: VPC, az: 'eu-west-1a' }),
      ],
      routeTables: [
        ...networkTables({ 'rtb-private-a': [egressRoute.toEndpoint('vpce-fw')] }),
        routeTable({ id: 'rtb-fw', vpc: VPC, subnets: ['subnet-fw'], routes: [route.toNat('nat-a')] }),
      ],
      vpcEndpoints: [firewallEndpoint({ id: 'vpce-fw', vpc: VPC, subnet: 'subnet-fw' })],
    });
    const path = pathOf(snapshot, SUBNETS.privateA);
    expect(path.verdict).toEqual({ kind: 'internet' });
    expect(pathLine(path)).toBe(
      'subnet-private-a » rtb-private-a 0.0.0.0/0 » vpce-fw (Network Firewall endpoint, subnet-fw) » rtb-fw 0.0.0.0/0 » ' +
        'nat-a (NAT gateway, subnet-public-a) » rtb-public 0.0.0.0/0 » igw-1: internet',
    );
  });

  it('stops a firewall endpoint whose subnet routes straight to the internet gateway, naming the hop it came through', () => {
    const snapshot = networkSnapshot({
      subnets: [
        ...(networkSnapshot().subnets ?? []),
        subnet({ id: 'subnet-fw', vpc: VPC, az: 'eu-west-1a' }),
      ],
      routeTables: [
        ...networkTables({ 'rtb-private-a': [egressRoute.toEndpoint('vpce-fw')] }),
        routeTable({ id: 'rtb-fw', vpc: VPC, subnets: ['subnet-fw'], routes: [route.toIgw(IGW)] }),
      ],
      vpcEndpoints: [firewallEndpoint({ id: 'vpce-fw', vpc: VPC, subnet: 'subnet-fw' })],
    });
    const path = pathOf(snapshot, SUBNETS.privateA);
    expect(path.verdict).toEqual({ kind: 'no-internet', stop: 'no-public-ip' });
    expect(path.detail).toMatch(/^after Network Firewall endpoint vpce-fw: internet gateway igw-1 drops it/);
  });

  it("stops a public NAT gateway whose own subnet has no default route, naming that subnet's table", () => {
    const nats = [natGateway({ id: 'nat-a', vpc: VPC, subnet: SUBNETS.isolatedA })];
    const path = pathOf(networkSnapshot({ natGateways: nats }), SUBNETS.privateA);
    expect(path.verdict).toEqual({ kind: 'no-internet', stop: 'no-route' });
    expect(path.detail).toBe(
      'after NAT gateway nat-a: its subnet subnet-isolated-a has no 0.0.0.0/0 route (rtb-isolated)',
    );
  });

  it('stops a private NAT gateway at the internet gateway: it translates to a private address', () => {
    const nats = [natGateway({ id: 'nat-a', vpc: VPC, subnet: SUBNETS.publicA, connectivity: 'private' })];
    const path = pathOf(networkSnapshot({ natGateways: nats }), SUBNETS.privateA);
    expect(path.verdict).toEqual({ kind: 'no-internet', stop: 'no-public-ip' });
    expect(path.hops[0]?.route?.targetName).toBe('private NAT gateway');
    expect(path.detail).toContain('private NAT gateway nat-a (no public address)');
  });

  it('takes a regional NAT gateway (no subnet) to the internet when the VPC has an internet gateway', () => {
    const regional: NatGateway = {
      NatGatewayId: 'nat-regional',
      VpcId: VPC,
      State: 'available',
      ConnectivityType: 'public',
      AvailabilityMode: 'regional',
    };
    const tables = networkTables({ 'rtb-private-a': [route.toNat('nat-regional')] });
    expect(
      pathOf(networkSnapshot({ routeTables: tables, natGateways: [regional] }), SUBNETS.privateA).verdict,
    ).toEqual({ kind: 'internet' });
    const noIgw = networkSnapshot({ routeTables: tables, natGateways: [regional], internetGateways: [] });
    expect(pathOf(noIgw, SUBNETS.privateA).verdict).toEqual({ kind: 'no-internet', stop: 'no-route' });
  });

  it('detects a loop of NAT gateways whose subnets route to each other, and stops', () => {
    const snapshot = networkSnapshot({
      subnets: [
        subnet({ id: 'subnet-f', vpc: VPC, az: 'eu-west-1a' }),
        subnet({ id: 'subnet-x', vpc: VPC, az: 'eu-west-1a' }),
        subnet({ id: 'subnet-y', vpc: VPC, az: 'eu-west-1b' }),
      ],
      routeTables: [
        routeTable({ id: 'rtb-f', vpc: VPC, subnets: ['subnet-f'], routes: [route.toNat('nat-x')] }),
        routeTable({ id: 'rtb-x', vpc: VPC, subnets: ['subnet-x'], routes: [route.toNat('nat-y')] }),
        routeTable({ id: 'rtb-y', vpc: VPC, subnets: ['subnet-y'], routes: [route.toNat('nat-x')] }),
      ],
      natGateways: [
        natGateway({ id: 'nat-x', vpc: VPC, subnet: 'subnet-x' }),
        natGateway({ id: 'nat-y', vpc: VPC, subnet: 'subnet-y' }),
      ],
    });
    const path = pathOf(snapshot, 'subnet-f');
    expect(path.verdict).toEqual({ kind: 'no-internet', stop: 'loop' });
    expect(path.hops.map((h) => h.subnetId)).toEqual(['subnet-f', 'subnet-x', 'subnet-y']);
  });

  it(`bounds the walk at ${MAX_HOPS} subnets: a longer chain is unknown, not followed forever`, () => {
    const ids = Array.from({ length: MAX_HOPS + 2 }, (_, i) => `subnet-${i}`);
    const snapshot = networkSnapshot({
      subnets: ids.map((id) => subnet({ id, vpc: VPC, az: 'eu-west-1a' })),
      routeTables: ids.map((id, i) =>
        routeTable({ id: `rtb-${i}`, vpc: VPC, subnets: [id], routes: [route.toNat(`nat-${i + 1}`)] }),
      ),
      natGateways: ids.map((id, i) => natGateway({ id: `nat-${i}`, vpc: VPC, subnet: id })),
    });
    const path = pathOf(snapshot, 'subnet-0');
    expect(path.verdict).toEqual({ kind: 'unknown' });
    expect(path.hops).toHaveLength(MAX_HOPS);
  });

  describe('blackholes', () => {
    it('by route state, whatever the target', () => {
      const tables = networkTables({ 'rtb-private-a': [route.blackhole('nat-a')] });
      const path = pathOf(networkSnapshot({ routeTables: tables }), SUBNETS.privateA);
      expect(path.verdict).toEqual({ kind: 'no-internet', stop: 'blackhole' });
      expect(path.hops[0]?.route?.routeState).toBe('blackhole');
    });

    it('by a NAT gateway that no longer exists, even while the route still says active', () => {
      const path = pathOf(networkSnapshot({ natGateways: [] }), SUBNETS.privateA);
      expect(path.verdict).toEqual({ kind: 'no-internet', stop: 'blackhole' });
      expect(path.hops[0]?.route?.targetState).toBe('missing');
    });

    it.each(['deleted', 'deleting', 'failed'])('by a NAT gateway in state %s', (state) => {
      const nats = [natGateway({ id: 'nat-a', vpc: VPC, subnet: SUBNETS.publicA, state })];
      expect(pathOf(networkSnapshot({ natGateways: nats }), SUBNETS.privateA).verdict).toEqual({
        kind: 'no-internet',
        stop: 'blackhole',
      });
    });

    it("by an internet gateway detached from the VPC, on a NAT gateway's subnet too", () => {
      const snapshot = networkSnapshot({ internetGateways: [internetGateway({ id: IGW })] });
      expect(pathOf(snapshot, SUBNETS.publicA).verdict).toEqual({ kind: 'no-internet', stop: 'blackhole' });
      expect(pathOf(snapshot, SUBNETS.privateA).detail).toMatch(
        /^after NAT gateway nat-a: internet gateway igw-1 is not attached/,
      );
    });

    it('by route state even when NAT gateways were not collected', () => {
      const tables = networkTables({ 'rtb-private-a': [route.blackhole('nat-a')] });
      const snapshot = withMissing(networkSnapshot({ routeTables: tables }), 'natGateways');
      expect(pathOf(snapshot, SUBNETS.privateA).verdict).toEqual({ kind: 'no-internet', stop: 'blackhole' });
    });
  });

  describe('unknown, never a guess', () => {
    it.each([
      ['subnets', 'subnets were not collected'],
      ['routeTables', 'route tables were not collected'],
    ] as const)('when %s were not collected', (part, reason) => {
      const path = pathOf(withMissing(networkSnapshot(), part), SUBNETS.publicA);
      expect(path.verdict).toEqual({ kind: 'unknown' });
      expect(path.detail).toBe(reason);
    });

    it('when NAT gateways were not collected and the route targets one', () => {
      const path = pathOf(withMissing(networkSnapshot(), 'natGateways'), SUBNETS.privateA);
      expect(path.verdict).toEqual({ kind: 'unknown' });
      expect(path.detail).toBe('NAT gateways were not collected');
      expect(path.hops[0]?.routeTableId).toBe('rtb-private-a');
    });

    it('when a NAT gateway is pending, or in a state no documentation lists', () => {
      for (const state of ['pending', 'degraded']) {
        const nats = [natGateway({ id: 'nat-a', vpc: VPC, subnet: SUBNETS.publicA, state })];
        const path = pathOf(networkSnapshot({ natGateways: nats }), SUBNETS.privateA);
        expect(path.verdict, state).toEqual({ kind: 'unknown' });
        expect(path.hops[0]?.route?.targetState).toBe(state);
      }
    });

    it('when a route is in a state no documentation lists', () => {
      const tables = networkTables({ 'rtb-public': [{ ...route.toIgw(IGW), State: 'pending-weird' }] });
      const path = pathOf(networkSnapshot({ routeTables: tables }), SUBNETS.publicA);
      expect(path.verdict).toEqual({ kind: 'unknown' });
      expect(path.detail).toContain('state "pending-weird"');
    });

    it('when an internet gateway is attached in a state no documentation lists', () => {
      const igws = [{ InternetGatewayId: IGW, Attachments: [{ VpcId: VPC, State: 'quantum' }] }];
      expect(pathOf(networkSnapshot({ internetGateways: igws }), SUBNETS.privateA).verdict).toEqual({
        kind: 'unknown',
      });
    });

    it('when the VPC has no main table and the subnet no association', () => {
      const tables = networkTables().filter((t) => t.RouteTableId !== 'rtb-main');
      expect(pathOf(networkSnapshot({ routeTables: tables }), SUBNETS.mainA).verdict).toEqual({
        kind: 'unknown',
      });
    });

    it('when a NAT gateway sits in a subnet that is not found', () => {
      const nats = [natGateway({ id: 'nat-a', vpc: VPC, subnet: 'subnet-elsewhere' })];
      const path = pathOf(networkSnapshot({ natGateways: nats }), SUBNETS.privateA);
      expect(path.verdict).toEqual({ kind: 'unknown' });
      expect(path.detail).toBe('subnet subnet-elsewhere was not found');
    });
  });
});
