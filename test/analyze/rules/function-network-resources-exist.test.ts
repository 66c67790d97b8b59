import { describe, expect, it } from 'vitest';
import { functionNetworkResourcesExist } from '../../../lib/analyze/rules/function-network-resources-exist.js';
import { emptySnapshot, fn, securityGroup, subnet, withMissing } from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

const base = emptySnapshot({
  subnets: [subnet({ id: 'subnet-a', vpc: 'vpc-1', az: 'eu-west-1a' })],
  securityGroups: [securityGroup({ id: 'sg-1', vpc: 'vpc-1' })],
});

describe('function-network-resources-exist', () => {
  it('fails and names a deleted subnet and a deleted security group', () => {
    const snapshot = {
      ...base,
      functions: [
        fn({ name: 'invoices', subnets: ['subnet-a', 'subnet-gone'], securityGroups: ['sg-1', 'sg-gone'] }),
      ],
    };
    const result = resultFor(runRule(functionNetworkResourcesExist, snapshot), 'invoices');
    expect(result.status).toBe('fail');
    expect(result.message).toContain('subnet-gone, sg-gone');
    expect(result.evidence).toEqual({ missingSubnets: ['subnet-gone'], missingSecurityGroups: ['sg-gone'] });
  });

  it('passes when everything exists', () => {
    const snapshot = {
      ...base,
      functions: [fn({ name: 'invoices', subnets: ['subnet-a'], securityGroups: ['sg-1'] })],
    };
    expect(resultFor(runRule(functionNetworkResourcesExist, snapshot), 'invoices').status).toBe('pass');
  });

  it('is unknown when security groups were not collected (never "missing")', () => {
    const snapshot = withMissing(
      { ...base, functions: [fn({ name: 'invoices', subnets: ['subnet-a'], securityGroups: ['sg-1'] })] },
      'securityGroups',
    );
    expect(resultFor(runRule(functionNetworkResourcesExist, snapshot), 'invoices').status).toBe('unknown');
  });
});
