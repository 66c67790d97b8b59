import type { RuleResult } from '../../model/finding.js';
import { functionResult } from '../function-result.js';
import { providerResourcesExist } from '../provider-checks.js';
import type { Rule } from '../rule.js';

export const functionNetworkResourcesExist: Rule = {
  id: 'function-network-resources-exist',
  title: 'VPC function references a subnet or security group that no longer exists',
  severity: 'high',
  severities: ['high'],
  section: 'configuration',
  finds: 'a function or capacity provider whose configured subnet or security group no longer exists',
  resourceType: 'function',
  capacityProviders: 'providers',
  requires: ['functions', 'subnets', 'securityGroups'],
  risk:
    'Lambda cannot create a network interface in a deleted subnet or with a deleted security group: ' +
    'invocations that need a new ENI fail, and updates to the function fail.',
  remediation: "Update the function's VPC configuration to subnets and security groups that exist.",
  docs: ['https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html'],
  evaluate({ index, snapshot }) {
    const functions = index.vpcFunctions.map((fn): RuleResult => {
      const missingSubnets = fn.subnetIds.filter((id) => !index.subnetById.has(id));
      const missingGroups = fn.securityGroupIds.filter((id) => !index.securityGroupById.has(id));
      const evidence = { missingSubnets, missingSecurityGroups: missingGroups };
      if (missingSubnets.length === 0 && missingGroups.length === 0) {
        return functionResult(fn, {
          status: 'pass',
          message: `${fn.name}'s subnets and security groups exist.`,
          evidence,
        });
      }
      const missing = [...missingSubnets, ...missingGroups];
      return functionResult(fn, {
        status: 'fail',
        message: `${fn.name} references ${missing.join(', ')}, which no longer exist${missing.length === 1 ? 's' : ''}.`,
        evidence,
      });
    });
    return [...functions, ...providerResourcesExist(snapshot, index)];
  },
};
