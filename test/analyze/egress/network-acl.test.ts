import { describe, expect, it } from 'vitest';
import { checkNetworkAcl, describeDenials } from '../../../lib/analyze/egress/network-acl.js';
import { buildIndex } from '../../../lib/analyze/snapshot-index.js';
import type { Snapshot } from '../../../lib/model/snapshot.js';
import { aclEntry, defaultAcl, networkAcl } from '../../fixtures/egress-builder.js';
import { networkSnapshot, SUBNETS, VPC } from '../../fixtures/network.js';
import { withMissing } from '../../fixtures/snapshot-builder.js';

const allowAllIn = aclEntry({ rule: 100, egress: false, action: 'allow' });
const allowAllOut = aclEntry({ rule: 100, egress: true, action: 'allow' });

function pathOf(snapshot: Snapshot, subnetId: string = SUBNETS.privateA) {
  return buildIndex(snapshot).egress.subnet(subnetId).ipv4;
}

describe('network ACL rule order: first match wins, lowest number first', () => {
  it('allows HTTPS when a lower-numbered allow comes before a deny', () => {
    const acl = networkAcl({
      id: 'acl-1',
      vpc: VPC,
      subnets: [],
      entries: [
        aclEntry({ rule: 90, egress: true, action: 'allow', ports: [443, 443] }),
        aclEntry({ rule: 100, egress: true, action: 'deny' }),
        allowAllIn,
      ],
    });
    expect(checkNetworkAcl(acl, false, 'ipv4').denials).toEqual([]);
  });

  it('denies HTTPS when a lower-numbered deny comes before an allow, naming the rule', () => {
    const acl = networkAcl({
      id: 'acl-1',
      vpc: VPC,
      subnets: [],
      entries: [
        aclEntry({ rule: 90, egress: true, action: 'deny', ports: [443, 443] }),
        aclEntry({ rule: 100, egress: true, action: 'allow' }),
        allowAllIn,
      ],
    });
    const check = checkNetworkAcl(acl, false, 'ipv4');
    expect(check.denials).toEqual([{ direction: 'outbound', fromPort: 443, toPort: 443, ruleNumber: 90 }]);
    expect(describeDenials(check)).toBe('acl-1 denies outbound TCP 443 (rule 90)');
  });

  it('rules in any order in the list are evaluated by number', () => {
    const acl = networkAcl({
      id: 'acl-1',
      vpc: VPC,
      subnets: [],
      entries: [
        allowAllOut,
        aclEntry({ rule: 50, egress: true, action: 'deny', ports: [400, 500] }),
        allowAllIn,
      ],
    });
    expect(checkNetworkAcl(acl, false, 'ipv4').denials).toEqual([
      { direction: 'outbound', fromPort: 443, toPort: 443, ruleNumber: 50 },
    ]);
  });

  it('takes an allow to one range before a deny of everything as no internet: the range is not the internet', () => {
    const acl = networkAcl({
      id: 'acl-1',
      vpc: VPC,
      subnets: [],
      entries: [
        aclEntry({ rule: 100, egress: true, action: 'allow', cidr: '10.0.0.0/8', ports: [443, 443] }),
        aclEntry({ rule: 200, egress: true, action: 'deny' }),
        allowAllIn,
      ],
    });
    expect(checkNetworkAcl(acl, false, 'ipv4').denials).toEqual([
      { direction: 'outbound', fromPort: 443, toPort: 443, ruleNumber: 200 },
    ]);
  });

  it('denies replies on the ephemeral ports (1024-65535) no inbound rule allows: the final * rule', () => {
    const acl = networkAcl({
      id: 'acl-1',
      vpc: VPC,
      subnets: [],
      entries: [allowAllOut, aclEntry({ rule: 100, egress: false, action: 'allow', ports: [32768, 65535] })],
    });
    const check = checkNetworkAcl(acl, true, 'ipv4');
    expect(check.denials).toEqual([
      { direction: 'inbound', fromPort: 1024, toPort: 32767, ruleNumber: 32767 },
    ]);
    expect(describeDenials(check)).toBe(
      "the VPC's default network ACL acl-1 denies inbound TCP 1024-32767 (the final * rule)",
    );
  });
});

describe('network ACLs on the path', () => {
  it("checks the function subnet's explicit ACL and stops there with the rule as evidence", () => {
    const locked = networkAcl({
      id: 'acl-locked',
      vpc: VPC,
      subnets: [SUBNETS.privateA],
      entries: [
        aclEntry({ rule: 100, egress: true, action: 'deny', ports: [443, 443] }),
        allowAllOut,
        allowAllIn,
      ],
    });
    const path = pathOf(networkSnapshot({ networkAcls: [defaultAcl(VPC), locked] }));
    expect(path.verdict).toEqual({ kind: 'no-internet', stop: 'network-acl' });
    expect(path.detail).toBe('acl-locked denies outbound TCP 443 (rule 100)');
    expect(path.hops[0]?.networkAcl).toMatchObject({ networkAclId: 'acl-locked', viaDefault: false });
    // The route is still there to see.
    expect(path.hops[0]?.route?.targetId).toBe('nat-a');
  });

  it("checks the NAT gateway's subnet too: a block there stops the path after the NAT", () => {
    const natSubnet = networkAcl({
      id: 'acl-nat',
      vpc: VPC,
      subnets: [SUBNETS.publicA],
      entries: [allowAllOut],
    });
    const path = pathOf(networkSnapshot({ networkAcls: [defaultAcl(VPC), natSubnet] }));
    expect(path.verdict).toEqual({ kind: 'no-internet', stop: 'network-acl' });
    expect(path.detail).toBe(
      'after NAT gateway nat-a: acl-nat denies inbound TCP 1024-65535 (the final * rule)',
    );
  });

  it('falls back to the VPC default ACL for a subnet without an explicit association', () => {
    expect(pathOf(networkSnapshot()).hops[0]?.networkAcl).toMatchObject({
      networkAclId: `acl-default-${VPC}`,
      viaDefault: true,
    });
  });

  it('makes a way out unknown when ACLs were not collected, but a dead end stays a dead end', () => {
    const snapshot = withMissing(networkSnapshot(), 'networkAcls');
    const out = pathOf(snapshot);
    expect(out.verdict).toEqual({ kind: 'unknown' });
    expect(out.routeVerdict).toEqual({ kind: 'internet' });
    expect(out.detail).toContain('network ACLs were not collected');
    expect(pathOf(snapshot, SUBNETS.publicA).verdict).toEqual({ kind: 'no-internet', stop: 'no-public-ip' });
    expect(pathOf(snapshot, SUBNETS.isolatedA).verdict).toEqual({ kind: 'isolated' });
  });

  it('makes a way out unknown when no ACL is recorded for the VPC', () => {
    const path = pathOf(networkSnapshot({ networkAcls: [] }));
    expect(path.verdict).toEqual({ kind: 'unknown' });
    expect(path.detail).toContain(`no network ACL is recorded for ${SUBNETS.privateA}`);
  });
});
