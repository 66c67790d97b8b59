import { describe, expect, it } from 'vitest';
import { eniDependencies } from '../../lib/analyze/eni-dependencies.js';
import { lookupEni, parseEniQuery } from '../../lib/analyze/eni-lookup.js';
import { buildIndex } from '../../lib/analyze/snapshot-index.js';
import { ConfigError } from '../../lib/errors.js';
import type { Snapshot } from '../../lib/model/snapshot.js';
import {
  emptySnapshot,
  fn,
  lambdaEni,
  securityGroup,
  subnet,
  withMissing,
} from '../fixtures/snapshot-builder.js';

const snapshot = emptySnapshot({
  functions: [
    fn({ name: 'api', subnets: ['subnet-0aaa0001'], securityGroups: ['sg-0bbb0002', 'sg-0bbb0001'] }),
    fn({
      name: 'api',
      version: '3',
      subnets: ['subnet-0aaa0001'],
      securityGroups: ['sg-0bbb0001', 'sg-0bbb0002'],
    }),
    fn({ name: 'worker', subnets: ['subnet-0aaa0002'], securityGroups: ['sg-0bbb0001'] }),
  ],
  subnets: [
    subnet({ id: 'subnet-0aaa0001', vpc: 'vpc-1', az: 'eu-west-1a' }),
    subnet({ id: 'subnet-0aaa0002', vpc: 'vpc-1', az: 'eu-west-1b' }),
    subnet({ id: 'subnet-0aaa0003', vpc: 'vpc-1', az: 'eu-west-1c' }),
  ],
  securityGroups: [
    securityGroup({ id: 'sg-0bbb0001', vpc: 'vpc-1' }),
    securityGroup({ id: 'sg-0bbb0002', vpc: 'vpc-1' }),
  ],
  networkInterfaces: [
    lambdaEni({
      id: 'eni-0ccc0001',
      subnet: 'subnet-0aaa0001',
      groups: ['sg-0bbb0001', 'sg-0bbb0002'],
      creator: 'api',
    }),
    lambdaEni({ id: 'eni-0ccc0002', subnet: 'subnet-0aaa0002', groups: ['sg-0bbb0001'], creator: 'worker' }),
    lambdaEni({
      id: 'eni-0ccc0003',
      subnet: 'subnet-0aaa0002',
      groups: ['sg-0bbb0003'],
      creator: 'gone',
      status: 'available',
    }),
  ],
});

function lookup(s: Snapshot, kind: 'network-interface' | 'security-group' | 'subnet', id: string) {
  return lookupEni(s, buildIndex(s), parseEniQuery(kind, id));
}

describe('eniDependencies', () => {
  it('maps every security group and subnet to the Lambda ENIs it holds and who uses them', () => {
    const dependencies = eniDependencies(snapshot, buildIndex(snapshot));
    expect(dependencies?.securityGroups).toEqual([
      {
        resourceId: 'sg-0bbb0001',
        networkInterfaceIds: ['eni-0ccc0001', 'eni-0ccc0002'],
        functions: ['api', 'worker'],
        orphanedNetworkInterfaceIds: [],
      },
      {
        resourceId: 'sg-0bbb0002',
        networkInterfaceIds: ['eni-0ccc0001'],
        functions: ['api'],
        orphanedNetworkInterfaceIds: [],
      },
      {
        resourceId: 'sg-0bbb0003',
        networkInterfaceIds: ['eni-0ccc0003'],
        functions: [],
        orphanedNetworkInterfaceIds: ['eni-0ccc0003'],
      },
    ]);
    expect(dependencies?.subnets.map((s) => [s.resourceId, s.orphanedNetworkInterfaceIds])).toEqual([
      ['subnet-0aaa0001', []],
      ['subnet-0aaa0002', ['eni-0ccc0003']],
    ]);
    expect(dependencies?.networkInterfaces[0]?.users).toEqual([
      { functionName: 'api', version: '$LATEST' },
      { functionName: 'api', version: '3' },
    ]);
  });

  it('is null when the functions were not collected: every ENI would look unused', () => {
    const missing = withMissing(snapshot, 'functions');
    expect(eniDependencies(missing, buildIndex(missing))).toBeNull();
  });
});

describe('lookupEni', () => {
  it('answers for one ENI', () => {
    const answer = lookup(snapshot, 'network-interface', 'eni-0ccc0001');
    expect(answer.functions).toEqual(['api']);
    expect(answer.orphanedNetworkInterfaceIds).toEqual([]);
  });

  it('answers for a security group and a subnet, naming the orphaned ENIs', () => {
    expect(
      lookup(snapshot, 'security-group', 'sg-0bbb0001').networkInterfaces.map((n) => n.networkInterfaceId),
    ).toEqual(['eni-0ccc0001', 'eni-0ccc0002']);
    const subnetAnswer = lookup(snapshot, 'subnet', 'subnet-0aaa0002');
    expect(subnetAnswer.functions).toEqual(['worker']);
    expect(subnetAnswer.orphanedNetworkInterfaceIds).toEqual(['eni-0ccc0003']);
  });

  it('answers "none" for a known subnet that holds no Lambda ENI', () => {
    expect(lookup(snapshot, 'subnet', 'subnet-0aaa0003').networkInterfaces).toEqual([]);
  });

  it('says clearly when an id is unknown or the snapshot cannot answer', () => {
    expect(() => lookup(snapshot, 'network-interface', 'eni-0ddd0009')).toThrow(
      'eni-0ddd0009 is not a Lambda ENI in account 123456789012 eu-west-1 (captured 2026-11-24T03:00:00.000Z): it may belong to another service, be in another region, or no longer exist.',
    );
    expect(() => lookup(snapshot, 'security-group', 'sg-0ddd0009')).toThrow(
      /^No Lambda ENI and no VPC function uses sg-0ddd0009 in account 123456789012/,
    );
    expect(() => lookup(snapshot, 'subnet', 'subnet-0ddd0009')).toThrow(/is not a subnet of account/);
    expect(() => lookup(withMissing(snapshot, 'networkInterfaces'), 'subnet', 'subnet-0aaa0001')).toThrow(
      'Lambda ENIs were not collected (ec2:DescribeNetworkInterfaces: UnauthorizedOperation): cannot answer.',
    );
  });

  it('rejects an id of the wrong kind before looking', () => {
    expect(() => parseEniQuery('security-group', 'subnet-0aaa0001')).toThrow(ConfigError);
    expect(() => parseEniQuery('network-interface', 'eni-XYZ')).toThrow(
      '"eni-XYZ" is not a network-interface id',
    );
  });
});
