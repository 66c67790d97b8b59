import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../../lib/analyze/snapshot-index.js';
import type { Snapshot } from '../../../lib/model/snapshot.js';
import { defaultAcl, egressRoute } from '../../fixtures/egress-builder.js';
import { networkSnapshot, networkTables, SUBNETS, VPC } from '../../fixtures/network.js';
import { subnet, withMissing } from '../../fixtures/snapshot-builder.js';

/** The isolated subnets get IPv6 CIDRs and a ::/0 route to an egress-only gateway: their only way out. */
function ipv6OnlyEgress(): Snapshot {
  const base = networkSnapshot();
  return {
    ...base,
    subnets: (base.subnets ?? []).map((s) =>
      s.SubnetId.startsWith('subnet-isolated')
        ? { ...s, Ipv6CidrBlocks: [`2a05:d018:1e4:${s.SubnetId.endsWith('a') ? '10' : '11'}00::/64`] }
        : s,
    ),
    routeTables: networkTables({ 'rtb-isolated': [egressRoute.ipv6ToEgressOnly('eigw-1')] }),
    networkAcls: [defaultAcl(VPC, { ipv6: true })],
  };
}

describe('egress of a set of subnets, per address family', () => {
  it('sends IPv4 only without Ipv6AllowedForDualStack, and IPv6 too with it where the subnet has an IPv6 CIDR', () => {
    const index = buildIndex(ipv6OnlyEgress());
    const ids = [SUBNETS.isolatedA, SUBNETS.isolatedB, SUBNETS.privateA];
    const ipv4Only = index.egress.subnets(ids, false);
    expect(ipv4Only.used.map((s) => s.paths.map((p) => `${p.family}:${p.verdict.kind}`))).toEqual([
      ['ipv4:isolated'],
      ['ipv4:isolated'],
      ['ipv4:internet'],
    ]);
    const dualStack = index.egress.subnets(ids, true);
    expect(dualStack.used.map((s) => s.paths.map((p) => `${p.family}:${p.verdict.kind}`))).toEqual([
      ['ipv4:isolated', 'ipv6:internet'],
      ['ipv4:isolated', 'ipv6:internet'],
      // No IPv6 CIDR: the function sends IPv4 only from there.
      ['ipv4:internet'],
    ]);
  });

  it('walks IPv6 whether or not anything sends it: a ::/0 route is a way out someone meant', () => {
    const egress = buildIndex(ipv6OnlyEgress()).egress.subnet(SUBNETS.isolatedA);
    expect(egress.hasIpv6).toBe(true);
    expect(egress.ipv6.verdict).toEqual({ kind: 'internet' });
    expect(egress.ipv4.verdict).toEqual({ kind: 'isolated' });
  });

  it('leaves deleted subnets out (nothing runs there) and keeps those whose existence is unknown', () => {
    const index = buildIndex(networkSnapshot());
    expect(index.egress.subnets([SUBNETS.privateA, 'subnet-gone'], false)).toMatchObject({
      used: [{ subnet: { subnetId: SUBNETS.privateA } }],
      deleted: ['subnet-gone'],
    });
    const unknown = buildIndex(withMissing(networkSnapshot(), 'subnets')).egress.subnets(['subnet-x'], false);
    expect(unknown.deleted).toEqual([]);
    expect(unknown.used[0]?.subnet.subnetFound).toBeNull();
  });

  it('walks each subnet once per snapshot, however many ask', () => {
    const index = buildIndex(networkSnapshot());
    expect(index.egress.subnet(SUBNETS.privateA)).toBe(index.egress.subnet(SUBNETS.privateA));
    expect(index.egress.subnets([SUBNETS.privateA], false).used[0]?.subnet).toBe(
      index.egress.subnet(SUBNETS.privateA),
    );
  });

  it("lists a VPC's endpoints with their private DNS, and says unknown (null) when they were not collected", () => {
    const index = buildIndex(networkSnapshot());
    expect(index.egress.endpoints(VPC)?.map((e) => [e.service, e.type])).toEqual([
      ['s3', 'Gateway'],
      ['sts', 'Interface'],
    ]);
    expect(buildIndex(withMissing(networkSnapshot(), 'vpcEndpoints')).egress.endpoints(VPC)).toBeNull();
  });

  it('judges a subnet the same for every function in it: paths are per subnet', () => {
    const snapshot = networkSnapshot({
      subnets: [...(networkSnapshot().subnets ?? []), subnet({ id: 'subnet-z', vpc: VPC, az: 'eu-west-1a' })],
    });
    const index = buildIndex(snapshot);
    // subnet-z has no association: the main table (no default route).
    expect(index.egress.subnet('subnet-z').ipv4.verdict).toEqual({ kind: 'isolated' });
  });
});
