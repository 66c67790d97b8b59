import { describe, expect, it } from 'vitest';
import { subnetCrossAzNat } from '../../../lib/analyze/rules/subnet-cross-az-nat.js';
import type { NatGateway } from '../../../lib/model/snapshot.js';
import { egressRoute, firewallEndpoint } from '../../fixtures/egress-builder.js';
import { networkSnapshot, networkTables, SUBNETS, VPC } from '../../fixtures/network.js';
import { POOL, POOL_FUNCTIONS, POOL_LABEL, providerNetwork } from '../../fixtures/provider-network.js';
import { fn, route, routeTable, subnet, withMissing } from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

const orders = fn({
  name: 'orders-api',
  subnets: [SUBNETS.privateA, SUBNETS.privateB],
  securityGroups: ['sg-1'],
});

describe('subnet-cross-az-nat', () => {
  it('fails a subnet routed to a NAT gateway in another AZ, naming both zones and the functions', () => {
    const tables = networkTables({ 'rtb-private-b': [route.toNat('nat-a')] });
    const snapshot = networkSnapshot({ routeTables: tables, functions: [orders] });
    const results = runRule(subnetCrossAzNat, snapshot);
    const result = resultFor(results, SUBNETS.privateB);
    expect(result).toMatchObject({ status: 'fail', resourceType: 'subnet' });
    expect(subnetCrossAzNat.severity).toBe('low');
    expect(result.message).toContain('(eu-west-1b) sends 0.0.0.0/0 through NAT gateway nat-a in eu-west-1a');
    expect(result.evidence).toMatchObject({
      path: {
        hops: [
          { routeTableId: 'rtb-private-b', route: { targetId: 'nat-a' } },
          { subnetId: SUBNETS.publicA },
        ],
      },
      functions: ['orders-api'],
    });
    expect(resultFor(results, SUBNETS.privateA).status).toBe('pass');
  });

  it('finds a NAT gateway in another zone behind a firewall endpoint too', () => {
    const snapshot = networkSnapshot({
      routeTables: [
        ...networkTables({ 'rtb-private-b': [egressRoute.toEndpoint('vpce-fw')] }),
        routeTable({ id: 'rtb-fw', vpc: VPC, subnets: ['subnet-fw'], routes: [route.toNat('nat-a')] }),
      ],
      subnets: [
        ...(networkSnapshot().subnets ?? []),
        subnet({ id: 'subnet-fw', vpc: VPC, az: 'eu-west-1b' }),
      ],
      vpcEndpoints: [firewallEndpoint({ id: 'vpce-fw', vpc: VPC, subnet: 'subnet-fw' })],
      functions: [orders],
    });
    expect(resultFor(runRule(subnetCrossAzNat, snapshot), SUBNETS.privateB).status).toBe('fail');
  });

  it('passes a regional NAT gateway and subnets that use no NAT gateway', () => {
    const regional: NatGateway = {
      NatGatewayId: 'nat-r',
      VpcId: VPC,
      State: 'available',
      ConnectivityType: 'public',
      AvailabilityMode: 'regional',
    };
    const tables = networkTables({ 'rtb-private-b': [route.toNat('nat-r')] });
    const snapshot = networkSnapshot({
      routeTables: tables,
      natGateways: [regional],
      functions: [fn({ name: 'f', subnets: [SUBNETS.privateB, SUBNETS.publicA, SUBNETS.isolatedA] })],
    });
    const results = runRule(subnetCrossAzNat, snapshot);
    expect(results.map((r) => [r.resourceId, r.status])).toEqual([
      [SUBNETS.isolatedA, 'pass'],
      [SUBNETS.privateB, 'pass'],
      [SUBNETS.publicA, 'pass'],
    ]);
  });

  it('is unknown when route tables were not collected', () => {
    const snapshot = withMissing(networkSnapshot({ functions: [orders] }), 'routeTables');
    expect(resultFor(runRule(subnetCrossAzNat, snapshot), SUBNETS.privateA).status).toBe('unknown');
  });

  it("is unknown when the NAT gateway's AZ cannot be told", () => {
    const snapshot = networkSnapshot({
      natGateways: [{ NatGatewayId: 'nat-a', VpcId: VPC, SubnetId: 'subnet-elsewhere', State: 'available' }],
      functions: [fn({ name: 'f', subnets: [SUBNETS.privateA] })],
    });
    expect(resultFor(runRule(subnetCrossAzNat, snapshot), SUBNETS.privateA).status).toBe('unknown');
  });

  describe('capacity providers', () => {
    it("fails a provider's subnet routed to a NAT gateway in another AZ, naming the provider and its functions", () => {
      const snapshot = providerNetwork([SUBNETS.privateA, SUBNETS.privateB], {
        routeTables: networkTables({ 'rtb-private-b': [route.toNat('nat-a')] }),
      });
      const result = resultFor(runRule(subnetCrossAzNat, snapshot), SUBNETS.privateB);
      expect(result.status).toBe('fail');
      expect(result.message).toContain(`Used by ${POOL_LABEL}.`);
      expect(resultFor(runRule(subnetCrossAzNat, snapshot), SUBNETS.privateA).status).toBe('pass');
    });

    it('is unknown, as the provider, when the providers were not collected and its subnets cannot be named', () => {
      const snapshot = withMissing(
        providerNetwork([SUBNETS.isolatedA], { functions: [orders, ...POOL_FUNCTIONS] }),
        'capacityProviders',
      );
      const result = resultFor(runRule(subnetCrossAzNat, snapshot), POOL);
      expect(result).toMatchObject({ status: 'unknown', resourceType: 'capacity-provider' });
      expect(result.message).toContain('capacity providers were not collected');
    });

    it("is unknown for a provider's own subnets, not only the functions', when the route tables were not collected", () => {
      const snapshot = withMissing(
        providerNetwork([SUBNETS.privateB, SUBNETS.isolatedA], { functions: [orders] }),
        'routeTables',
      );
      const results = runRule(subnetCrossAzNat, snapshot);
      expect(results.map((r) => `${r.resourceId} ${r.status}`).sort()).toEqual([
        `${SUBNETS.isolatedA} unknown`,
        `${SUBNETS.privateA} unknown`,
        `${SUBNETS.privateB} unknown`,
      ]);
    });
  });
});
