import { describe, expect, it } from 'vitest';
import { subnetCrossAzNat } from '../../../lib/analyze/rules/subnet-cross-az-nat.js';
import type { NatGateway } from '../../../lib/model/snapshot.js';
import { networkSnapshot, networkTables, SUBNETS, VPC } from '../../fixtures/network.js';
import { fn, route, withMissing } from '../../fixtures/snapshot-builder.js';
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
    expect(result.message).toContain('(eu-west-1b) routes 0.0.0.0/0 through NAT gateway nat-a in eu-west-1a');
    expect(result.evidence).toMatchObject({
      routeTableId: 'rtb-private-b',
      natGateway: { natGatewayId: 'nat-a', availabilityZone: 'eu-west-1a' },
      functions: ['orders-api'],
    });
    expect(resultFor(results, SUBNETS.privateA).status).toBe('pass');
  });

  it('passes a regional NAT gateway and leaves out subnets that use no NAT gateway', () => {
    const regional: NatGateway = {
      NatGatewayId: 'nat-r',
      VpcId: VPC,
      State: 'available',
      AvailabilityMode: 'regional',
    };
    const tables = networkTables({ 'rtb-private-b': [route.toNat('nat-r')] });
    const snapshot = networkSnapshot({
      routeTables: tables,
      natGateways: [regional],
      functions: [fn({ name: 'f', subnets: [SUBNETS.privateB, SUBNETS.publicA, SUBNETS.isolatedA] })],
    });
    const results = runRule(subnetCrossAzNat, snapshot);
    expect(results.map((r) => [r.resourceId, r.status])).toEqual([[SUBNETS.privateB, 'pass']]);
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
});
