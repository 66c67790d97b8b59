import { describe, expect, it } from 'vitest';
import { functionReservedConcurrencySubnets } from '../../../lib/analyze/rules/function-reserved-concurrency-subnets.js';
import type { Snapshot } from '../../../lib/model/snapshot.js';
import {
  countEnis,
  detailsOf,
  emptySnapshot,
  fn,
  functionDetail,
  lambdaEni,
  subnet,
  withMissing,
} from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

function webhook(reserved: number | undefined, hotFree = 7): Snapshot {
  const enis = [lambdaEni({ id: 'eni-hot', subnet: 'subnet-hot', groups: ['sg-pay'] })];
  return emptySnapshot({
    subnets: [
      subnet({ id: 'subnet-hot', vpc: 'vpc-1', az: 'eu-west-1a', cidr: '10.0.64.0/28', free: hotFree }),
      subnet({ id: 'subnet-b', vpc: 'vpc-1', az: 'eu-west-1b', cidr: '10.0.1.0/24' }),
      subnet({ id: 'subnet-c', vpc: 'vpc-1', az: 'eu-west-1c', cidr: '10.0.2.0/24' }),
    ],
    functions: [
      fn({
        name: 'payments-webhook',
        memory: 512,
        subnets: ['subnet-hot', 'subnet-b', 'subnet-c'],
        securityGroups: ['sg-pay'],
      }),
    ],
    functionDetails: detailsOf(functionDetail({ name: 'payments-webhook', reserved })),
    networkInterfaces: enis,
    networkInterfaceCounts: countEnis(enis),
  });
}

describe('function-reserved-concurrency-subnets', () => {
  it('fails a function whose reservation, sized and spread over its subnets, overflows one of them', () => {
    const result = resultFor(runRule(functionReservedConcurrencySubnets, webhook(100)), 'payments-webhook');
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      'payments-webhook: reserved concurrency 100 at 512 MB needs 34 ENIs, 12 in each of 3 subnets; ' +
        'subnet-hot holds 8 (7 free IPs + 1 Lambda ENI in use).',
    );
    expect(result.evidence).toMatchObject({
      reservedConcurrency: 100,
      memorySize: 512,
      divisorGb: 1.5,
      legacyEnis: 34,
    });
  });

  it('passes when every subnet holds its share, and a function without a reservation', () => {
    expect(
      resultFor(runRule(functionReservedConcurrencySubnets, webhook(100, 20)), 'payments-webhook').status,
    ).toBe('pass');
    expect(
      resultFor(runRule(functionReservedConcurrencySubnets, webhook(undefined)), 'payments-webhook'),
    ).toMatchObject({
      status: 'pass',
      message: 'payments-webhook has no reserved concurrency.',
    });
  });

  it('needs no metrics: the reservation is configuration', () => {
    const result = resultFor(
      runRule(functionReservedConcurrencySubnets, withMissing(webhook(100), 'metrics')),
      'payments-webhook',
    );
    expect(result.status).toBe('fail');
  });

  it('is unknown, not pass, when GetFunction was not collected', () => {
    const snapshot = withMissing(webhook(100), 'functionDetails');
    expect(resultFor(runRule(functionReservedConcurrencySubnets, snapshot), 'payments-webhook').status).toBe(
      'unknown',
    );
  });

  it('is unknown when only the lower-bound capacity is short (Lambda ENIs not collected)', () => {
    const snapshot = withMissing(webhook(100, 11), 'networkInterfaces');
    const result = resultFor(runRule(functionReservedConcurrencySubnets, snapshot), 'payments-webhook');
    expect(result.status).toBe('unknown');
  });
});
