import { describe, expect, it } from 'vitest';
import { subnetEniCapacity } from '../../../lib/analyze/rules/subnet-eni-capacity.js';
import type { Snapshot } from '../../../lib/model/snapshot.js';
import {
  concurrencyMetrics,
  countEnis,
  detailsOf,
  emptySnapshot,
  fn,
  functionDetail,
  gap,
  lambdaEni,
  subnet,
  withMissing,
} from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

const HOT = 'subnet-0b3c9d2e4f6a80a03';

/** The demo's case: payments-webhook (512 MB, reserved 100, peak 96) over a /28 with 7 free IPs and two /24s. */
function hotSnapshot(peak: number | null = 96): Snapshot {
  const enis = [lambdaEni({ id: 'eni-hot', subnet: HOT, groups: ['sg-pay'] })];
  return emptySnapshot({
    subnets: [
      subnet({ id: HOT, vpc: 'vpc-1', az: 'eu-west-1a', cidr: '10.0.64.0/28', free: 7 }),
      subnet({ id: 'subnet-b', vpc: 'vpc-1', az: 'eu-west-1b', cidr: '10.0.1.0/24' }),
      subnet({ id: 'subnet-c', vpc: 'vpc-1', az: 'eu-west-1c', cidr: '10.0.2.0/24' }),
    ],
    functions: [
      fn({
        name: 'payments-webhook',
        memory: 512,
        subnets: [HOT, 'subnet-b', 'subnet-c'],
        securityGroups: ['sg-pay'],
      }),
    ],
    functionDetails: detailsOf(functionDetail({ name: 'payments-webhook', reserved: 100 })),
    networkInterfaces: enis,
    networkInterfaceCounts: countEnis(enis),
    metrics: concurrencyMetrics({ 'payments-webhook': peak }),
  });
}

describe('subnet-eni-capacity', () => {
  it('fails a /28 that the hot function overflows, graded by how far short, with the numbers as evidence', () => {
    const result = resultFor(runRule(subnetEniCapacity, hotSnapshot()), HOT);
    // 96 × 1.2 = 116, capped at the reservation 100; 100 × 512 / 1536 = 34 ENIs; 12 per subnet; 7 + 1 = 8 fit.
    expect(result.status).toBe('fail');
    expect(result.severity).toBe('medium');
    expect(result.message).toContain(
      'projected legacy demand 12 ENIs against 8 (7 free IPs + 1 Lambda ENI in use): 4 short (33%',
    );
    expect(result.evidence).toMatchObject({
      freeIps: 7,
      lambdaEnisInUse: 1,
      capacity: 8,
      legacyDemand: 12,
      functions: [
        {
          functionName: 'payments-webhook',
          observedPeak: 96,
          projectedPeak: 100,
          cap: { by: 'reserved-concurrency', limit: 100 },
          memorySize: 512,
          legacyEnis: 34,
          subnets: 3,
          enisPerSubnet: 12,
        },
      ],
      model: { headroom: 0.2, divisorGb: 1.5 },
    });
  });

  it('grades a subnet with room for less than half its demand high', () => {
    const snapshot = hotSnapshot();
    const [hot, ...rest] = snapshot.subnets ?? [];
    if (!hot) throw new Error('no subnet');
    const result = resultFor(
      runRule(subnetEniCapacity, { ...snapshot, subnets: [{ ...hot, AvailableIpAddressCount: 2 }, ...rest] }),
      HOT,
    );
    expect(result.severity).toBe('high');
  });

  it('passes the subnets that hold their share, and a subnet whose function saw no traffic', () => {
    expect(resultFor(runRule(subnetEniCapacity, hotSnapshot()), 'subnet-b').status).toBe('pass');
    expect(resultFor(runRule(subnetEniCapacity, hotSnapshot(null)), HOT)).toMatchObject({
      status: 'pass',
      evidence: { legacyDemand: 0 },
    });
  });

  it('follows the divisor: at 3 GB per ENI the /28 holds the demand', () => {
    // 100 × 512 / 3072 = 16.7 -> 17 ENIs, 6 per subnet.
    expect(resultFor(runRule(subnetEniCapacity, hotSnapshot(), { legacyDivisorGb: 3 }), HOT).status).toBe(
      'pass',
    );
  });

  it('is unknown, not pass, when GetMetricData was denied', () => {
    const snapshot = withMissing(hotSnapshot(), 'metrics');
    const results = runRule(subnetEniCapacity, snapshot);
    expect(results.map((r) => r.status)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(resultFor(results, HOT).message).toContain(
      'metrics (cloudwatch:GetMetricData: AccessDeniedException)',
    );
  });

  it("is unknown, not pass, for a subnet holding a function whose query failed, if the others' demand fits", () => {
    const snapshot = hotSnapshot();
    const metrics = concurrencyMetrics({});
    const result = resultFor(
      runRule(subnetEniCapacity, {
        ...snapshot,
        metrics,
        coverage: [gap({ part: 'metrics', resource: 'payments-webhook', errorCode: 'InternalError' })],
      }),
      'subnet-b',
    );
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('the concurrency of payments-webhook was not collected');
  });

  it('is unknown when the demand exceeds the free IPs but the Lambda ENIs, whose IPs would add capacity, were not collected', () => {
    const snapshot = withMissing(hotSnapshot(), 'networkInterfaces');
    const result = resultFor(runRule(subnetEniCapacity, snapshot), HOT);
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('Lambda ENIs in the subnet were not collected');
  });
});
