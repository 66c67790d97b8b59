/**
 * Each route target the walker knows, as AWS documents it: a pass (where one exists), a failure and an unknown
 * (its data not collected), on snapshot parts shaped as the EC2 API returns them.
 */
import { describe, expect, it } from 'vitest';
import type { EgressPath } from '../../../lib/analyze/egress/path.js';
import type { AddressFamily } from '../../../lib/analyze/egress/targets.js';
import { buildIndex } from '../../../lib/analyze/snapshot-index.js';
import type { Route, Snapshot } from '../../../lib/model/snapshot.js';
import {
  defaultAcl,
  egressRoute,
  firewallEndpoint,
  natInstance,
  peering,
  routeTargetEni,
  tgwAttachment,
} from '../../fixtures/egress-builder.js';
import { IGW, networkSnapshot, networkTables, SUBNETS, VPC } from '../../fixtures/network.js';
import { route, withMissing } from '../../fixtures/snapshot-builder.js';

function pathOf(snapshot: Snapshot, subnetId: string, family: AddressFamily = 'ipv4'): EgressPath {
  return buildIndex(snapshot).egress.subnet(subnetId)[family];
}

/** The network with subnet-private-a's default route replaced. */
function routedVia(target: Route, overrides: Partial<Snapshot> = {}): Snapshot {
  return networkSnapshot({ routeTables: networkTables({ 'rtb-private-a': [target] }), ...overrides });
}

describe('NAT instance (route to InstanceId and its NetworkInterfaceId)', () => {
  const instance = (options: Partial<Parameters<typeof natInstance>[0]> = {}) =>
    natInstance({ id: 'i-nat', eni: 'eni-nat', subnet: SUBNETS.publicA, vpc: VPC, ...options });
  const withInstance = (nat: ReturnType<typeof natInstance>) =>
    routedVia(route.toInstance('i-nat', 'eni-nat'), {
      routeTargetInstances: [nat],
      routeTargetInterfaces: [routeTargetEni(nat)],
    });

  it('passes one running, with source/destination check off and an Elastic IP, in a public subnet', () => {
    const path = pathOf(withInstance(instance()), SUBNETS.privateA);
    expect(path.verdict).toEqual({ kind: 'internet' });
    expect(path.hops[0]?.route).toMatchObject({
      targetKind: 'nat-instance',
      targetState: 'running',
      nextSubnetId: SUBNETS.publicA,
    });
  });

  it('stops at one that is stopped', () => {
    const path = pathOf(withInstance(instance({ state: 'stopped' })), SUBNETS.privateA);
    expect(path.verdict).toEqual({ kind: 'no-internet', stop: 'nat-instance' });
    expect(path.detail).toBe('instance i-nat is stopped');
  });

  it('takes one that is terminated for a blackhole (its route goes nowhere)', () => {
    expect(pathOf(withInstance(instance({ state: 'terminated' })), SUBNETS.privateA).verdict).toEqual({
      kind: 'no-internet',
      stop: 'blackhole',
    });
  });

  it('stops at one that still checks source and destination', () => {
    const path = pathOf(withInstance(instance({ sourceDestCheck: true })), SUBNETS.privateA);
    expect(path.verdict).toEqual({ kind: 'no-internet', stop: 'nat-instance' });
    expect(path.detail).toContain('source/destination checking on eni-nat');
  });

  it('follows one without a public IPv4 address, which the internet gateway then drops', () => {
    const path = pathOf(withInstance(instance({ publicIp: null })), SUBNETS.privateA);
    expect(path.verdict).toEqual({ kind: 'no-internet', stop: 'no-public-ip' });
    expect(path.detail).toContain('NAT instance i-nat (no public IPv4 address)');
  });

  it('is unknown when the instances or the ENIs routes target were not collected, or the check was not recorded', () => {
    const nat = instance();
    expect(
      pathOf(withMissing(withInstance(nat), 'routeTargetInstances'), SUBNETS.privateA).verdict.kind,
    ).toBe('unknown');
    expect(
      pathOf(withMissing(withInstance(nat), 'routeTargetInterfaces'), SUBNETS.privateA).verdict.kind,
    ).toBe('unknown');
    const { SourceDestCheck: _, ...unrecorded } = nat.NetworkInterfaces[0] ?? { NetworkInterfaceId: '' };
    const eni = { ...routeTargetEni(nat), SourceDestCheck: undefined };
    const snapshot = routedVia(route.toInstance('i-nat', 'eni-nat'), {
      routeTargetInstances: [{ ...nat, NetworkInterfaces: [unrecorded] }],
      routeTargetInterfaces: [eni],
    });
    expect(pathOf(snapshot, SUBNETS.privateA).verdict.kind).toBe('unknown');
  });

  it('takes an instance gone from DescribeInstances for a blackhole', () => {
    const nat = instance();
    const snapshot = routedVia(route.toInstance('i-nat', 'eni-nat'), {
      routeTargetInstances: [],
      routeTargetInterfaces: [routeTargetEni(nat)],
    });
    expect(pathOf(snapshot, SUBNETS.privateA).verdict).toEqual({ kind: 'no-internet', stop: 'blackhole' });
  });
});

describe('Gateway Load Balancer / Network Firewall endpoint', () => {
  it('continues from the endpoint subnet (see the walker tests for the whole path)', () => {
    const snapshot = routedVia(egressRoute.toEndpoint('vpce-fw'), {
      vpcEndpoints: [firewallEndpoint({ id: 'vpce-fw', vpc: VPC, subnet: SUBNETS.privateB })],
    });
    const path = pathOf(snapshot, SUBNETS.privateA);
    expect(path.verdict).toEqual({ kind: 'internet' });
    expect(path.hops.map((h) => h.subnetId)).toEqual([SUBNETS.privateA, SUBNETS.privateB, SUBNETS.publicB]);
  });

  it('drops the traffic at an endpoint that is gone or rejected, and cannot judge a pending one', () => {
    expect(pathOf(routedVia(egressRoute.toEndpoint('vpce-fw')), SUBNETS.privateA).verdict).toEqual({
      kind: 'no-internet',
      stop: 'blackhole',
    });
    const rejected = [
      firewallEndpoint({ id: 'vpce-fw', vpc: VPC, subnet: SUBNETS.privateB, state: 'Rejected' }),
    ];
    expect(
      pathOf(routedVia(egressRoute.toEndpoint('vpce-fw'), { vpcEndpoints: rejected }), SUBNETS.privateA)
        .verdict,
    ).toEqual({
      kind: 'no-internet',
      stop: 'blackhole',
    });
    const pending = [
      firewallEndpoint({ id: 'vpce-fw', vpc: VPC, subnet: SUBNETS.privateB, state: 'pending' }),
    ];
    expect(
      pathOf(routedVia(egressRoute.toEndpoint('vpce-fw'), { vpcEndpoints: pending }), SUBNETS.privateA)
        .verdict.kind,
    ).toBe('unknown');
  });

  it('is unknown when VPC endpoints were not collected', () => {
    const snapshot = withMissing(routedVia(egressRoute.toEndpoint('vpce-fw')), 'vpcEndpoints');
    expect(pathOf(snapshot, SUBNETS.privateA).verdict.kind).toBe('unknown');
  });
});

describe('VPC peering connection', () => {
  const toPeer = route.toPeering('pcx-1', '0.0.0.0/0');

  it('never reaches the internet through an active one (no edge-to-edge routing)', () => {
    const path = pathOf(
      routedVia(toPeer, { vpcPeeringConnections: [peering({ id: 'pcx-1', vpc: VPC, peerVpc: 'vpc-peer' })] }),
      SUBNETS.privateA,
    );
    expect(path.verdict).toEqual({ kind: 'no-internet', stop: 'peering' });
    expect(path.detail).toContain('reaches only the peer VPC');
  });

  it('takes a deleted one, or one no longer listed, for a blackhole', () => {
    const deleted = [peering({ id: 'pcx-1', vpc: VPC, peerVpc: 'vpc-peer', status: 'deleted' })];
    expect(pathOf(routedVia(toPeer, { vpcPeeringConnections: deleted }), SUBNETS.privateA).verdict).toEqual({
      kind: 'no-internet',
      stop: 'blackhole',
    });
    expect(pathOf(routedVia(toPeer), SUBNETS.privateA).verdict).toEqual({
      kind: 'no-internet',
      stop: 'blackhole',
    });
  });

  it('is unknown when peering connections were not collected', () => {
    expect(
      pathOf(withMissing(routedVia(toPeer), 'vpcPeeringConnections'), SUBNETS.privateA).verdict.kind,
    ).toBe('unknown');
  });
});

describe('transit gateway', () => {
  const toTgw = route.toTransitGateway('tgw-1');

  it('leaves the VPC when this VPC is attached in the subnet zone: beyond view, not a pass', () => {
    const attachments = [
      tgwAttachment({ tgw: 'tgw-1', vpc: VPC, subnets: [SUBNETS.isolatedA, SUBNETS.isolatedB] }),
    ];
    const path = pathOf(routedVia(toTgw, { transitGatewayAttachments: attachments }), SUBNETS.privateA);
    expect(path.verdict).toEqual({ kind: 'beyond', via: 'transit-gateway', id: 'tgw-1' });
    expect(path.detail).toBe('leaves through transit gateway tgw-1; internet beyond it not verifiable here');
  });

  it('stops where the attachment has no subnet in the zone', () => {
    const attachments = [tgwAttachment({ tgw: 'tgw-1', vpc: VPC, subnets: [SUBNETS.isolatedB] })];
    const path = pathOf(routedVia(toTgw, { transitGatewayAttachments: attachments }), SUBNETS.privateA);
    expect(path.verdict).toEqual({ kind: 'no-internet', stop: 'transit-gateway-zone' });
    expect(path.detail).toContain('has no subnet in eu-west-1a');
  });

  it('drops the traffic when the attachment is gone or deleted', () => {
    expect(pathOf(routedVia(toTgw), SUBNETS.privateA).verdict).toEqual({
      kind: 'no-internet',
      stop: 'blackhole',
    });
    const deleted = [
      tgwAttachment({ tgw: 'tgw-1', vpc: VPC, subnets: [SUBNETS.isolatedA], state: 'deleted' }),
    ];
    expect(
      pathOf(routedVia(toTgw, { transitGatewayAttachments: deleted }), SUBNETS.privateA).verdict,
    ).toEqual({ kind: 'no-internet', stop: 'blackhole' });
  });

  it('is unknown when the attachments were not collected', () => {
    expect(
      pathOf(withMissing(routedVia(toTgw), 'transitGatewayAttachments'), SUBNETS.privateA).verdict.kind,
    ).toBe('unknown');
  });
});

describe('the other gateways out of the VPC', () => {
  it.each([
    [
      'virtual private gateway',
      egressRoute.toGateway('vgw-1'),
      'virtual-private-gateway',
      'toward on-premises',
    ],
    [
      'Outposts local gateway',
      { ...route.toIgw('x'), GatewayId: undefined, LocalGatewayId: 'lgw-1' },
      'local-gateway',
      'Outposts',
    ],
    [
      'carrier gateway',
      { ...route.toIgw('x'), GatewayId: undefined, CarrierGatewayId: 'cagw-1' },
      'carrier-gateway',
      'Wavelength',
    ],
    [
      'Cloud WAN core network',
      {
        ...route.toIgw('x'),
        GatewayId: undefined,
        CoreNetworkArn: 'arn:aws:networkmanager::123456789012:core-network/core-network-1',
      },
      'core-network',
      'Cloud WAN',
    ],
  ])('leaves through a %s: beyond view', (_label, target, kind, words) => {
    const path = pathOf(routedVia(target), SUBNETS.privateA);
    expect(path.verdict).toMatchObject({ kind: 'beyond', via: kind });
    expect(path.detail).toContain(words);
    expect(path.detail).toContain('internet beyond it not verifiable here');
  });

  it('is unknown for a target the auditor does not know', () => {
    const path = pathOf(routedVia(egressRoute.toGateway('xgw-1')), SUBNETS.privateA);
    expect(path.verdict.kind).toBe('unknown');
  });
});

describe('IPv6: internet gateway and egress-only internet gateway', () => {
  it('reaches the internet over ::/0 to either, since IPv6 addresses are public', () => {
    const tables = networkTables({
      'rtb-isolated': [egressRoute.ipv6ToEgressOnly('eigw-1')],
      'rtb-public': [route.toIgw(IGW), egressRoute.ipv6ToIgw(IGW)],
    });
    const snapshot = networkSnapshot({ routeTables: tables, networkAcls: [defaultAcl(VPC, { ipv6: true })] });
    expect(pathOf(snapshot, SUBNETS.isolatedA, 'ipv6').verdict).toEqual({ kind: 'internet' });
    expect(pathOf(snapshot, SUBNETS.publicA, 'ipv6').verdict).toEqual({ kind: 'internet' });
    // The same public subnet has no IPv4 internet; a subnet without ::/0 is isolated for IPv6.
    expect(pathOf(snapshot, SUBNETS.publicA, 'ipv4').verdict).toEqual({
      kind: 'no-internet',
      stop: 'no-public-ip',
    });
    expect(pathOf(snapshot, SUBNETS.privateA, 'ipv6').verdict).toEqual({ kind: 'isolated' });
  });

  it('denies IPv6 in a network ACL that has IPv4 rules only: IPv4 and IPv6 rules are evaluated apart', () => {
    const tables = networkTables({ 'rtb-isolated': [egressRoute.ipv6ToEgressOnly('eigw-1')] });
    const path = pathOf(networkSnapshot({ routeTables: tables }), SUBNETS.isolatedA, 'ipv6');
    expect(path.verdict).toEqual({ kind: 'no-internet', stop: 'network-acl' });
    expect(path.detail).toContain('outbound TCP 443 (the final * rule)');
  });
});
