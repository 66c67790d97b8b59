import { describe, expect, it } from 'vitest';
import { functionMultiAz } from '../../../lib/analyze/rules/function-multi-az.js';
import { emptySnapshot, fn, subnet, withMissing } from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

const subnets = [
  subnet({ id: 'subnet-a', vpc: 'vpc-1', az: 'eu-west-1a' }),
  subnet({ id: 'subnet-a2', vpc: 'vpc-1', az: 'eu-west-1a' }),
  subnet({ id: 'subnet-b', vpc: 'vpc-1', az: 'eu-west-1b' }),
];

describe('function-multi-az', () => {
  it('fails a function whose two subnets sit in the same AZ, naming the AZ', () => {
    const snapshot = emptySnapshot({
      subnets,
      functions: [fn({ name: 'orders-api', subnets: ['subnet-a', 'subnet-a2'], securityGroups: ['sg-1'] })],
    });
    const result = resultFor(runRule(functionMultiAz, snapshot), 'orders-api');
    expect(result.status).toBe('fail');
    expect(result.message).toContain('1 Availability Zone (eu-west-1a)');
    expect(result.evidence).toMatchObject({ minimum: 2 });
  });

  it('passes a function across two AZs', () => {
    const snapshot = emptySnapshot({
      subnets,
      functions: [fn({ name: 'orders-api', subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'] })],
    });
    expect(resultFor(runRule(functionMultiAz, snapshot), 'orders-api').status).toBe('pass');
  });

  it('fails when an old published version is pinned to one AZ even if $LATEST is fine', () => {
    const snapshot = emptySnapshot({
      subnets,
      functions: [
        fn({ name: 'orders-api', subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'] }),
        fn({ name: 'orders-api', version: '3', subnets: ['subnet-a'], securityGroups: ['sg-1'] }),
      ],
    });
    const result = resultFor(runRule(functionMultiAz, snapshot), 'orders-api');
    expect(result.status).toBe('fail');
    expect(result.message).toContain('version 3');
  });

  it('honours a higher configured minimum', () => {
    const snapshot = emptySnapshot({
      subnets,
      functions: [fn({ name: 'orders-api', subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'] })],
    });
    const result = resultFor(runRule(functionMultiAz, snapshot, { minAvailabilityZones: 3 }), 'orders-api');
    expect(result.status).toBe('fail');
  });

  it('is unknown, not pass, when subnets were not collected', () => {
    const snapshot = withMissing(
      emptySnapshot({
        functions: [fn({ name: 'orders-api', subnets: ['subnet-a'], securityGroups: ['sg-1'] })],
      }),
      'subnets',
    );
    const result = resultFor(runRule(functionMultiAz, snapshot), 'orders-api');
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('ec2:DescribeSubnets');
  });

  it('is unknown when a subnet cannot be found and the known ones are too few', () => {
    const snapshot = emptySnapshot({
      subnets,
      functions: [fn({ name: 'orders-api', subnets: ['subnet-a', 'subnet-gone'], securityGroups: ['sg-1'] })],
    });
    expect(resultFor(runRule(functionMultiAz, snapshot), 'orders-api').status).toBe('unknown');
  });

  it('ignores functions that are not in a VPC', () => {
    const snapshot = emptySnapshot({
      subnets,
      functions: [fn({ name: 'cron' }), fn({ name: 'empty', subnets: [] })],
    });
    expect(runRule(functionMultiAz, snapshot)).toEqual([]);
  });
});
