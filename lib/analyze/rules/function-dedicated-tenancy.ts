import type { RuleResult } from '../../model/finding.js';
import { functionResult } from '../function-result.js';
import { providerTenancy } from '../provider-checks.js';
import type { Rule } from '../rule.js';
import { functionVpcIds } from '../snapshot-index.js';

export const functionDedicatedTenancy: Rule = {
  id: 'function-dedicated-tenancy',
  title: 'VPC function in a dedicated-tenancy VPC',
  severity: 'high',
  severities: ['high'],
  section: 'configuration',
  finds: 'a function in a dedicated-tenancy VPC (Lambda does not support them)',
  resourceType: 'function',
  capacityProviders: 'providers',
  requires: ['functions', 'subnets', 'vpcs'],
  risk: 'Lambda does not support dedicated-tenancy VPCs: the function cannot create its network interfaces.',
  remediation: 'Move the function to subnets of a VPC with default instance tenancy.',
  docs: ['https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html'],
  evaluate({ index, snapshot }) {
    const functions = index.vpcFunctions.map((fn): RuleResult => {
      const vpcIds = functionVpcIds(fn, index);
      const tenancies = vpcIds.map((vpcId) => ({
        vpcId,
        tenancy: index.vpcById.get(vpcId)?.InstanceTenancy,
      }));
      const evidence = { vpcs: tenancies };
      const dedicated = tenancies.filter((t) => t.tenancy === 'dedicated');
      if (dedicated.length > 0) {
        return functionResult(fn, {
          status: 'fail',
          message: `${fn.name} is in dedicated-tenancy VPC ${dedicated.map((t) => t.vpcId).join(', ')}, which Lambda does not support.`,
          evidence,
        });
      }
      const unresolved = fn.subnetIds.some((id) => !index.subnetById.has(id));
      // Only `default` passes: a tenancy no documentation lists for a VPC is not taken for it.
      const odd = tenancies.find((t) => t.tenancy !== undefined && t.tenancy !== 'default');
      if (vpcIds.length === 0 || unresolved || tenancies.some((t) => t.tenancy === undefined) || odd) {
        return functionResult(fn, {
          status: 'unknown',
          message: odd
            ? `Cannot tell whether Lambda supports ${fn.name}'s VPC ${odd.vpcId}: its tenancy is "${odd.tenancy}".`
            : `Cannot tell the tenancy of ${fn.name}'s VPC.`,
          evidence,
        });
      }
      return functionResult(fn, {
        status: 'pass',
        message: `${fn.name}'s VPC has default tenancy.`,
        evidence,
      });
    });
    return [...functions, ...providerTenancy(snapshot, index)];
  },
};
