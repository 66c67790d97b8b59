import { describe, expect, it } from 'vitest';
import { vpcLambdaEniQuota } from '../../../lib/analyze/rules/vpc-lambda-eni-quota.js';
import type { Snapshot } from '../../../lib/model/snapshot.js';
import {
  countEnis,
  emptySnapshot,
  fn,
  lambdaEni,
  subnet,
  withMissing,
} from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

/** `functions` functions, each with its own security group (a CDK default), over two subnets: 2 ENIs each. */
function perFunctionGroups(functions: number, quota: number | null): Snapshot {
  const records = Array.from({ length: functions }, (_, i) =>
    fn({ name: `fn-${i}`, subnets: ['subnet-a', 'subnet-b'], securityGroups: [`sg-${i}`] }),
  );
  // Every combination has its ENI except fn-0's in subnet-b; plus one orphan.
  const enis = [
    ...records.flatMap((_, i) =>
      ['subnet-a', 'subnet-b']
        .filter((s) => !(i === 0 && s === 'subnet-b'))
        .map((s) => lambdaEni({ id: `eni-${i}-${s}`, subnet: s, groups: [`sg-${i}`] })),
    ),
    lambdaEni({ id: 'eni-orphan', subnet: 'subnet-a', groups: ['sg-gone'], status: 'available' }),
  ];
  return emptySnapshot({
    subnets: [
      subnet({ id: 'subnet-a', vpc: 'vpc-1', az: 'eu-west-1a', cidr: '10.0.0.0/20' }),
      subnet({ id: 'subnet-b', vpc: 'vpc-1', az: 'eu-west-1b', cidr: '10.0.16.0/20' }),
    ],
    functions: records,
    networkInterfaces: enis,
    networkInterfaceCounts: countEnis(enis),
    quotas: { lambdaEnisPerVpc: quota, networkInterfacesPerRegion: 5000 },
  });
}

describe('vpc-lambda-eni-quota', () => {
  it('fails a VPC above 80% of its Hyperplane ENI quota, counting present, orphaned and still-to-create ENIs', () => {
    // 210 functions × 2 subnets = 420 combinations: 419 ENIs + 1 orphan present, 1 to create = 421 of 500.
    const result = resultFor(runRule(vpcLambdaEniQuota, perFunctionGroups(210, 500)), 'vpc-1');
    expect(result.status).toBe('fail');
    expect(result.severity).toBeUndefined();
    expect(result.message).toContain(
      '421 Lambda ENIs (420 present + 1 still to create for 420 combinations in use)',
    );
    expect(result.message).toContain('quota 500 (Service Quotas L-9FEE3D26): 84%, threshold 80%');
    expect(result.evidence).toMatchObject({
      combinations: 420,
      existingLambdaEnis: 420,
      missingLambdaEnis: 1,
      projectedLambdaEnis: 421,
      quota: { code: 'L-9FEE3D26', value: 500, source: 'service-quotas' },
    });
  });

  it('is critical at or above the quota, where Lambda cannot create another ENI', () => {
    expect(resultFor(runRule(vpcLambdaEniQuota, perFunctionGroups(250, 500)), 'vpc-1').severity).toBe(
      'critical',
    );
  });

  it('passes a VPC well within a raised quota', () => {
    const result = resultFor(runRule(vpcLambdaEniQuota, perFunctionGroups(210, 1000)), 'vpc-1');
    expect(result.status).toBe('pass');
  });

  it('uses the documented default of 500 when the quota could not be read, and says so', () => {
    const result = resultFor(runRule(vpcLambdaEniQuota, perFunctionGroups(210, null)), 'vpc-1');
    expect(result.status).toBe('fail');
    expect(result.message).toContain(
      '500 (documented default of L-9FEE3D26: Service Quotas could not be read)',
    );
  });

  it('is unknown, not pass, when the Lambda ENIs were not collected', () => {
    const result = resultFor(
      runRule(vpcLambdaEniQuota, withMissing(perFunctionGroups(2, 500), 'networkInterfaces')),
      'vpc-1',
    );
    expect(result.status).toBe('unknown');
  });

  it("is unknown for the VPC its functions' configuration names when the subnets were not collected", () => {
    const snapshot = perFunctionGroups(2, 500);
    const configured = {
      ...snapshot,
      functions: (snapshot.functions ?? []).map((record) => ({
        ...record,
        VpcConfig: { SubnetIds: ['subnet-a', 'subnet-b'], SecurityGroupIds: [], VpcId: 'vpc-1' },
      })),
    };
    const results = runRule(vpcLambdaEniQuota, withMissing(configured, 'subnets'));
    expect(results.map((r) => [r.resourceId, r.status])).toEqual([['vpc-1', 'unknown']]);
  });
});
