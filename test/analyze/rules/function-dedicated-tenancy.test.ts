import { describe, expect, it } from 'vitest';
import { functionDedicatedTenancy } from '../../../lib/analyze/rules/function-dedicated-tenancy.js';
import { emptySnapshot, fn, subnet, vpc, withMissing } from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

function account(tenancy: string) {
  return emptySnapshot({
    vpcs: [vpc({ id: 'vpc-1', tenancy })],
    subnets: [subnet({ id: 'subnet-a', vpc: 'vpc-1', az: 'eu-west-1a' })],
    // VpcConfig.VpcId deliberately wrong: the VPC is derived from the subnet.
    functions: [fn({ name: 'ledger', subnets: ['subnet-a'], securityGroups: ['sg-1'], vpc: 'vpc-other' })],
  });
}

describe('function-dedicated-tenancy', () => {
  it('fails a function whose subnet is in a dedicated-tenancy VPC', () => {
    const result = resultFor(runRule(functionDedicatedTenancy, account('dedicated')), 'ledger');
    expect(result.status).toBe('fail');
    expect(result.message).toContain('dedicated-tenancy VPC vpc-1');
  });

  it('passes a default-tenancy VPC', () => {
    expect(resultFor(runRule(functionDedicatedTenancy, account('default')), 'ledger').status).toBe('pass');
  });

  it('is unknown for a tenancy it does not know, rather than taking it for default', () => {
    const result = resultFor(runRule(functionDedicatedTenancy, account('host')), 'ledger');
    expect(result.status).toBe('unknown');
    expect(result.message).toBe(
      'Cannot tell whether Lambda supports ledger\'s VPC vpc-1: its tenancy is "host".',
    );
  });

  it('is unknown when VPCs were not collected', () => {
    const result = resultFor(
      runRule(functionDedicatedTenancy, withMissing(account('dedicated'), 'vpcs')),
      'ledger',
    );
    expect(result.status).toBe('unknown');
  });

  it('is unknown when the subnet (and so the VPC) cannot be found', () => {
    const snapshot = { ...account('default'), subnets: [] };
    expect(resultFor(runRule(functionDedicatedTenancy, snapshot), 'ledger').status).toBe('unknown');
  });
});
