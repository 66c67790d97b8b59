/**
 * The configuration checks of a VPC function applied to capacity providers: one result per provider that names
 * the functions on it, never one per function, and unknown (never pass) for a provider whose configuration was
 * not collected.
 */
import { describe, expect, it } from 'vitest';
import { functionDedicatedTenancy } from '../../lib/analyze/rules/function-dedicated-tenancy.js';
import { functionMultiAz } from '../../lib/analyze/rules/function-multi-az.js';
import { functionNetworkResourcesExist } from '../../lib/analyze/rules/function-network-resources-exist.js';
import { functionPublicSubnet } from '../../lib/analyze/rules/function-public-subnet.js';
import {
  capacityProvider,
  emptySnapshot,
  fn,
  internetGateway,
  route,
  routeTable,
  securityGroup,
  subnet,
  vpc,
  withMissing,
} from '../fixtures/snapshot-builder.js';
import { resultFor, runRule } from './run-rule.js';

const subnets = [
  subnet({ id: 'subnet-a', vpc: 'vpc-1', az: 'eu-west-1a' }),
  subnet({ id: 'subnet-a2', vpc: 'vpc-1', az: 'eu-west-1a' }),
  subnet({ id: 'subnet-b', vpc: 'vpc-1', az: 'eu-west-1b' }),
];
const onPool = [
  fn({ name: 'ingest', version: '1', capacityProvider: 'pool' }),
  fn({ name: 'ingest', version: '2', capacityProvider: 'pool' }),
  fn({ name: 'enrich', version: '1', capacityProvider: 'pool' }),
];

function accountWith(subnetIds: string[], extra: Parameters<typeof emptySnapshot>[0] = {}) {
  return emptySnapshot({
    vpcs: [vpc({ id: 'vpc-1' })],
    subnets,
    securityGroups: [securityGroup({ id: 'sg-1', vpc: 'vpc-1' })],
    functions: onPool,
    capacityProviders: [capacityProvider({ name: 'pool', subnets: subnetIds, securityGroups: ['sg-1'] })],
    ...extra,
  });
}

describe('capacity providers in the configuration checks', () => {
  it('fails a provider in one AZ once, naming it and the functions on it, and no function separately', () => {
    const results = runRule(functionMultiAz, accountWith(['subnet-a', 'subnet-a2']));

    expect(results).toHaveLength(1);
    const result = resultFor(results, 'pool');
    expect(result).toMatchObject({
      status: 'fail',
      resourceType: 'capacity-provider',
      resourceArn: 'arn:aws:lambda:eu-west-1:123456789012:capacity-provider:pool',
    });
    expect(result.message).toBe(
      'capacity provider pool (functions enrich, ingest) launches its instances in 1 Availability Zone (eu-west-1a); at least 2 needed.',
    );
    expect(result.evidence.functions).toHaveLength(3);
  });

  it('passes a provider across two AZs', () => {
    expect(resultFor(runRule(functionMultiAz, accountWith(['subnet-a', 'subnet-b'])), 'pool').status).toBe(
      'pass',
    );
  });

  it('is unknown for a provider named by a version when the providers were not collected', () => {
    const snapshot = withMissing(accountWith(['subnet-a']), 'capacityProviders');
    const result = resultFor(runRule(functionMultiAz, snapshot), 'pool');
    expect(result.status).toBe('unknown');
    expect(result.message).toBe(
      'Cannot check capacity provider pool (functions enrich, ingest): capacity providers were not collected (lambda:ListCapacityProviders: AccessDeniedException).',
    );
  });

  it('covers the providers too when an input of the rule is missing', () => {
    const snapshot = withMissing(accountWith(['subnet-a']), 'subnets');
    expect(resultFor(runRule(functionMultiAz, snapshot), 'pool').status).toBe('unknown');
  });

  it('fails a provider whose subnet or security group is gone', () => {
    const snapshot = accountWith(['subnet-a', 'subnet-gone'], { securityGroups: [] });
    const result = resultFor(runRule(functionNetworkResourcesExist, snapshot), 'pool');
    expect(result.status).toBe('fail');
    expect(result.message).toContain('references subnet-gone, sg-1, which no longer exist');
    expect(resultFor(runRule(functionNetworkResourcesExist, accountWith(['subnet-a'])), 'pool').status).toBe(
      'pass',
    );
  });

  it('says unknown, not fail, for a provider in a dedicated-tenancy VPC (undocumented for providers)', () => {
    const dedicated = accountWith(['subnet-a', 'subnet-b'], {
      vpcs: [vpc({ id: 'vpc-1', tenancy: 'dedicated' })],
    });
    const result = resultFor(runRule(functionDedicatedTenancy, dedicated), 'pool');
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('tenancy "dedicated"');
    expect(resultFor(runRule(functionDedicatedTenancy, accountWith(['subnet-a'])), 'pool').status).toBe(
      'pass',
    );
  });

  it('fails a provider in a subnet routed to an internet gateway that assigns no public address', () => {
    const publicTable = routeTable({
      id: 'rtb-public',
      vpc: 'vpc-1',
      subnets: ['subnet-a'],
      routes: [route.toIgw('igw-1')],
    });
    const snapshot = accountWith(['subnet-a', 'subnet-b'], {
      routeTables: [publicTable, routeTable({ id: 'rtb-main', vpc: 'vpc-1', main: true, routes: [] })],
      internetGateways: [internetGateway({ id: 'igw-1', vpc: 'vpc-1' })],
    });
    const result = resultFor(runRule(functionPublicSubnet, snapshot), 'pool');
    expect(result.status).toBe('fail');
    expect(result.message).toContain('public subnet subnet-a (route table rtb-public)');
  });
});
