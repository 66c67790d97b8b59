import { describe, expect, it } from 'vitest';
import { subnetEniCapacity } from '../../../lib/analyze/rules/subnet-eni-capacity.js';
import { subnetEniUtilisation } from '../../../lib/analyze/rules/subnet-eni-utilisation.js';
import type { Snapshot } from '../../../lib/model/snapshot.js';
import {
  concurrencyMetrics,
  countEnis,
  emptySnapshot,
  fn,
  lambdaEni,
  subnet,
  withMissing,
} from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

/** image-resizer at 1536 MB over two /24s (251 usable, 1 Lambda ENI each): `peak` × 1.2 ENIs, half in each. */
function resizer(peak: number): Snapshot {
  const enis = [
    lambdaEni({ id: 'eni-a', subnet: 'subnet-a', groups: ['sg-app'] }),
    lambdaEni({ id: 'eni-b', subnet: 'subnet-b', groups: ['sg-app'] }),
  ];
  return emptySnapshot({
    subnets: [
      subnet({ id: 'subnet-a', vpc: 'vpc-1', az: 'eu-west-1a', cidr: '10.0.0.0/24', free: 247 }),
      subnet({ id: 'subnet-b', vpc: 'vpc-1', az: 'eu-west-1b', cidr: '10.0.1.0/24', free: 248 }),
    ],
    functions: [
      fn({
        name: 'image-resizer',
        memory: 1536,
        subnets: ['subnet-a', 'subnet-b'],
        securityGroups: ['sg-app'],
      }),
    ],
    networkInterfaces: enis,
    networkInterfaceCounts: countEnis(enis),
    metrics: concurrencyMetrics({ 'image-resizer': peak }),
  });
}

describe('subnet-eni-utilisation', () => {
  it('fails a subnet whose projected demand uses more than 80% of its capacity', () => {
    // 350 × 1.2 = 420 ENIs, 210 per subnet: 210 / 248 = 85%.
    const result = resultFor(runRule(subnetEniUtilisation, resizer(350)), 'subnet-a');
    expect(result.status).toBe('fail');
    expect(result.message).toContain(
      'projected legacy demand 210 ENIs uses 85% of 248 (247 free IPs + 1 Lambda ENI in use); threshold 80%',
    );
    expect(result.evidence).toMatchObject({ threshold: 0.8, capacity: 248, legacyDemand: 210 });
  });

  it('leaves a subnet whose demand exceeds its capacity to subnet-eni-capacity: one finding, not two', () => {
    // 450 × 1.2 = 540 ENIs, 270 per subnet: more than the 248 of subnet-a and the 249 of subnet-b.
    const results = runRule(subnetEniUtilisation, resizer(450));
    expect(results).toEqual([]);
    const capacity = runRule(subnetEniCapacity, resizer(450));
    expect(capacity.map((r) => `${r.resourceId} ${r.status}`)).toEqual(['subnet-a fail', 'subnet-b fail']);
  });

  it('passes below the threshold, and honours a configured one', () => {
    // 300 × 1.2 = 360 ENIs, 180 per subnet: 73%.
    expect(resultFor(runRule(subnetEniUtilisation, resizer(300)), 'subnet-a').status).toBe('pass');
    expect(
      resultFor(runRule(subnetEniUtilisation, resizer(300), { subnetUtilisationThreshold: 0.7 }), 'subnet-a')
        .status,
    ).toBe('fail');
  });

  it('is unknown, not pass, when the metrics were not collected', () => {
    const results = runRule(subnetEniUtilisation, withMissing(resizer(350), 'metrics'));
    expect(results.map((r) => r.status)).toEqual(['unknown', 'unknown']);
  });
});
