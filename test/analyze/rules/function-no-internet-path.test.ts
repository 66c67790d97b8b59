import { describe, expect, it } from 'vitest';
import { functionNoInternetPath } from '../../../lib/analyze/rules/function-no-internet-path.js';
import type { Snapshot } from '../../../lib/model/snapshot.js';
import {
  aclEntry,
  defaultAcl,
  natInstance,
  networkAcl,
  peering,
  routeTargetEni,
  tgwAttachment,
} from '../../fixtures/egress-builder.js';
import { networkSnapshot, networkTables, SUBNETS, VPC } from '../../fixtures/network.js';
import { assigningPublicIps, POOL, POOL_LABEL, providerNetwork } from '../../fixtures/provider-network.js';
import { fn, natGateway, route, withMissing } from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

const shipper = fn({
  name: 'log-shipper',
  subnets: [SUBNETS.privateA, SUBNETS.privateB],
  securityGroups: ['sg-1'],
});

function judged(snapshot: Partial<Snapshot>) {
  return resultFor(
    runRule(functionNoInternetPath, networkSnapshot({ functions: [shipper], ...snapshot })),
    'log-shipper',
  );
}

describe('function-no-internet-path', () => {
  it('fails (high) a default route to an active peering connection, naming the hop', () => {
    const tables = networkTables({
      'rtb-private-a': [route.toPeering('pcx-1', '0.0.0.0/0')],
      'rtb-private-b': [route.toPeering('pcx-1', '0.0.0.0/0')],
    });
    const result = judged({
      routeTables: tables,
      vpcPeeringConnections: [peering({ id: 'pcx-1', vpc: VPC, peerVpc: 'vpc-shared' })],
    });
    expect(result).toMatchObject({ status: 'fail' });
    expect(functionNoInternetPath.severity).toBe('high');
    expect(result.message).toContain('has a default route but no way to the internet');
    expect(result.message).toContain('subnet-private-a (VPC peering connection pcx-1');
    expect(result.evidence).toMatchObject({
      subnets: [
        { paths: [{ verdict: { kind: 'no-internet', stop: 'peering' } }] },
        { subnetId: SUBNETS.privateB },
      ],
    });
  });

  it('fails a private NAT gateway, a NAT instance with its check on, a NAT gateway without a way out, and an ACL block', () => {
    const privateNat = judged({
      natGateways: [
        natGateway({ id: 'nat-a', vpc: VPC, subnet: SUBNETS.publicA, connectivity: 'private' }),
        natGateway({ id: 'nat-b', vpc: VPC, subnet: SUBNETS.publicB }),
      ],
    });
    expect(privateNat.status).toBe('fail');
    expect(privateNat.message).toContain('private NAT gateway nat-a (no public address)');

    const checking = natInstance({
      id: 'i-nat',
      eni: 'eni-nat',
      subnet: SUBNETS.publicA,
      vpc: VPC,
      sourceDestCheck: true,
    });
    const instance = judged({
      routeTables: networkTables({ 'rtb-private-a': [route.toInstance('i-nat', 'eni-nat')] }),
      routeTargetInstances: [checking],
      routeTargetInterfaces: [routeTargetEni(checking)],
    });
    expect(instance.status).toBe('fail');
    expect(instance.message).toContain('source/destination checking on');

    const stuck = judged({
      natGateways: [
        natGateway({ id: 'nat-a', vpc: VPC, subnet: SUBNETS.isolatedA }),
        natGateway({ id: 'nat-b', vpc: VPC, subnet: SUBNETS.publicB }),
      ],
    });
    expect(stuck.status).toBe('fail');
    expect(stuck.message).toContain(
      'after NAT gateway nat-a: its subnet subnet-isolated-a has no 0.0.0.0/0 route',
    );

    const locked = networkAcl({
      id: 'acl-locked',
      vpc: VPC,
      subnets: [SUBNETS.privateB],
      entries: [aclEntry({ rule: 100, egress: false, action: 'allow' })],
    });
    const blocked = judged({ networkAcls: [defaultAcl(VPC), locked] });
    expect(blocked.status).toBe('fail');
    expect(blocked.message).toContain(
      'subnet-private-b (acl-locked denies outbound TCP 443 (the final * rule))',
    );
  });

  it('leaves public subnets and blackholes to their own rules', () => {
    const publicOnly = resultFor(
      runRule(
        functionNoInternetPath,
        networkSnapshot({ functions: [fn({ name: 'f', subnets: [SUBNETS.publicA, SUBNETS.publicB] })] }),
      ),
      'f',
    );
    expect(publicOnly.status).toBe('pass');
    expect(judged({ natGateways: [] }).status).toBe('pass');
  });

  it('passes NAT gateways that reach the internet', () => {
    expect(judged({}).status).toBe('pass');
  });

  it('says unknown at info, never pass nor fail, through a healthy transit gateway: beyond it is not visible here', () => {
    const tables = networkTables({
      'rtb-private-a': [route.toTransitGateway('tgw-1')],
      'rtb-private-b': [route.toTransitGateway('tgw-1')],
    });
    const result = judged({
      routeTables: tables,
      transitGatewayAttachments: [
        tgwAttachment({ tgw: 'tgw-1', vpc: VPC, subnets: [SUBNETS.isolatedA, SUBNETS.isolatedB] }),
      ],
    });
    expect(result).toMatchObject({ status: 'unknown', severity: 'info' });
    expect(result.message).toBe(
      'log-shipper: leaves through transit gateway tgw-1; internet beyond it not verifiable here.',
    );
  });

  it('is unknown (high) when a path cannot be followed: network ACLs or what a route names not collected', () => {
    const noAcls = resultFor(
      runRule(functionNoInternetPath, withMissing(networkSnapshot({ functions: [shipper] }), 'networkAcls')),
      'log-shipper',
    );
    expect(noAcls.status).toBe('unknown');
    expect(noAcls.severity).toBeUndefined();
    expect(noAcls.message).toContain('network ACLs were not collected');
  });

  describe('capacity providers', () => {
    it('fails a provider whose subnets route to a peering connection, once, naming it and its functions', () => {
      const snapshot = providerNetwork([SUBNETS.privateA, SUBNETS.privateB], {
        routeTables: networkTables({
          'rtb-private-a': [route.toPeering('pcx-1', '0.0.0.0/0')],
          'rtb-private-b': [route.toPeering('pcx-1', '0.0.0.0/0')],
        }),
        vpcPeeringConnections: [peering({ id: 'pcx-1', vpc: VPC, peerVpc: 'vpc-shared' })],
      });
      const results = runRule(functionNoInternetPath, snapshot);
      expect(results).toHaveLength(1);
      const result = resultFor(results, POOL);
      expect(result).toMatchObject({ status: 'fail', resourceType: 'capacity-provider' });
      expect(result.message).toContain(`${POOL_LABEL} has a default route but no way to the internet`);
      expect(result.message).toContain('VPC peering connection pcx-1');
    });

    it('passes a provider in subnets routed through NAT gateways', () => {
      const snapshot = providerNetwork([SUBNETS.privateA, SUBNETS.privateB]);
      expect(resultFor(runRule(functionNoInternetPath, snapshot), POOL).status).toBe('pass');
    });

    it('is unknown for a provider in a public subnet that assigns public IPv4 addresses (undocumented for Lambda)', () => {
      const snapshot = assigningPublicIps(providerNetwork([SUBNETS.publicA]), SUBNETS.publicA);
      const result = resultFor(runRule(functionNoInternetPath, snapshot), POOL);
      expect(result.status).toBe('unknown');
      expect(result.message).toContain(
        'whether Lambda keeps one for its managed instances is not documented',
      );
    });
  });
});
