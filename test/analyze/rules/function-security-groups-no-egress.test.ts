import { describe, expect, it } from 'vitest';
import { functionSecurityGroupsNoEgress } from '../../../lib/analyze/rules/function-security-groups-no-egress.js';
import { networkSnapshot, SUBNETS, VPC } from '../../fixtures/network.js';
import { egress, fn, securityGroup, withMissing } from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

const withGroups = (...securityGroups: string[]) =>
  fn({ name: 'pdf-sanitizer', subnets: [SUBNETS.privateA, SUBNETS.privateB], securityGroups });

describe('function-security-groups-no-egress', () => {
  it('fails a function whose only security group has no outbound rule', () => {
    const snapshot = networkSnapshot({
      securityGroups: [securityGroup({ id: 'sg-sandbox', vpc: VPC, egress: [] })],
      functions: [withGroups('sg-sandbox')],
    });
    const result = resultFor(runRule(functionSecurityGroupsNoEgress, snapshot), 'pdf-sanitizer');
    expect(result.status).toBe('fail');
    expect(result.message).toContain('sg-sandbox has no outbound rule');
  });

  it('passes when one of several groups allows some egress', () => {
    const snapshot = networkSnapshot({
      securityGroups: [
        securityGroup({ id: 'sg-sandbox', vpc: VPC, egress: [] }),
        securityGroup({ id: 'sg-db', vpc: VPC, egress: [egress.tcp(5432, '10.0.0.0/16')] }),
      ],
      functions: [withGroups('sg-sandbox', 'sg-db')],
    });
    expect(resultFor(runRule(functionSecurityGroupsNoEgress, snapshot), 'pdf-sanitizer').status).toBe('pass');
  });

  it('is unknown when a group is missing and the ones found allow nothing', () => {
    const snapshot = networkSnapshot({
      securityGroups: [securityGroup({ id: 'sg-sandbox', vpc: VPC, egress: [] })],
      functions: [withGroups('sg-sandbox', 'sg-gone')],
    });
    const result = resultFor(runRule(functionSecurityGroupsNoEgress, snapshot), 'pdf-sanitizer');
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('sg-gone not found');
  });

  it('is unknown when security groups were not collected', () => {
    const snapshot = withMissing(networkSnapshot({ functions: [withGroups('sg-1')] }), 'securityGroups');
    expect(resultFor(runRule(functionSecurityGroupsNoEgress, snapshot), 'pdf-sanitizer').status).toBe(
      'unknown',
    );
  });
});
