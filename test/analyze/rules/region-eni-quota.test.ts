import { describe, expect, it } from 'vitest';
import { regionEniQuota } from '../../../lib/analyze/rules/region-eni-quota.js';
import type { Snapshot } from '../../../lib/model/snapshot.js';
import {
  ACCOUNT_ID,
  countEnis,
  emptySnapshot,
  fn,
  lambdaEni,
  subnet,
  withMissing,
} from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

/** One function with one ENI present and one still to create, among `others` ENIs of other kinds. */
function region(others: Record<string, number>, quota: number | null = 5000): Snapshot {
  const enis = [lambdaEni({ id: 'eni-a', subnet: 'subnet-a', groups: ['sg-1'] })];
  return emptySnapshot({
    subnets: [
      subnet({ id: 'subnet-a', vpc: 'vpc-1', az: 'eu-west-1a', cidr: '10.0.0.0/20' }),
      subnet({ id: 'subnet-b', vpc: 'vpc-1', az: 'eu-west-1b', cidr: '10.0.16.0/20' }),
    ],
    functions: [fn({ name: 'api', subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'] })],
    networkInterfaces: enis,
    networkInterfaceCounts: countEnis(enis, others),
    quotas: { lambdaEnisPerVpc: 500, networkInterfacesPerRegion: quota },
  });
}

describe('region-eni-quota', () => {
  it('fails a region above 80% of its network interface quota, counting every kind of ENI', () => {
    const result = resultFor(runRule(regionEniQuota, region({ branch: 3900, interface: 200 })), ACCOUNT_ID);
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      'eu-west-1: 4102 network interfaces (4101 present + 1 Lambda ENI still to create) of the regional quota ' +
        '5000 (Service Quotas L-DF5E4CA3): 82%, threshold 80%.',
    );
    expect(result.evidence).toMatchObject({
      byInterfaceType: { lambda: 1, branch: 3900, interface: 200 },
      projectedNetworkInterfaces: 4102,
    });
  });

  it('is critical at the quota', () => {
    expect(resultFor(runRule(regionEniQuota, region({ interface: 5000 })), ACCOUNT_ID).severity).toBe(
      'critical',
    );
  });

  it('passes within the quota; an unread quota falls back to the documented 5,000', () => {
    const result = resultFor(runRule(regionEniQuota, region({ interface: 100 }, null)), ACCOUNT_ID);
    expect(result.status).toBe('pass');
    expect(result.message).toContain('5000 (documented default of L-DF5E4CA3');
  });

  it('is unknown, not pass, when ENIs were not collected', () => {
    const snapshot = withMissing(region({ interface: 100 }), 'networkInterfaces');
    const result = resultFor(
      runRule(regionEniQuota, { ...snapshot, networkInterfaceCounts: null }),
      ACCOUNT_ID,
    );
    expect(result.status).toBe('unknown');
  });
});
