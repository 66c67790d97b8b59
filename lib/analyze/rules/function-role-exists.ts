import type { RuleResult } from '../../model/finding.js';
import { functionResult } from '../function-result.js';
import type { Rule } from '../rule.js';
import { combinationKey, eniGroupIds, roleNameFromArn } from '../snapshot-index.js';

export const functionRoleExists: Rule = {
  id: 'function-role-exists',
  title: 'VPC function whose execution role no longer exists',
  severity: 'high',
  severities: ['high'],
  section: 'orphans-and-roles',
  finds:
    'a VPC function whose execution role is gone: Lambda can neither create nor delete its ENIs (they ' +
    'are listed)',
  resourceType: 'function',
  requires: ['functions', 'roles'],
  risk:
    "Lambda creates and deletes a VPC function's network interfaces with its execution role. Without the role, " +
    'invocations that need a new ENI fail, and the ENIs it leaves behind block deletion of their subnets and ' +
    'security groups (DependencyViolation) until someone deletes them by hand.',
  remediation:
    'Recreate the role with the AWSLambdaVPCAccessExecutionRole permissions (same name), or point the function ' +
    'at an existing role; then remove the VPC configuration or the function before deleting the role.',
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
  ],
  evaluate({ index, snapshot }) {
    const roleNames = index.roleNames ?? new Set<string>();
    return index.vpcFunctions.map((fn): RuleResult => {
      const roleName = roleNameFromArn(fn.role);
      if (roleNames.has(roleName)) {
        return functionResult(fn, {
          status: 'pass',
          message: `${fn.name}'s role ${roleName} exists.`,
          evidence: { role: fn.role },
        });
      }
      // The ENIs whose combination this function uses: Lambda can no longer delete them on its behalf.
      const combos = new Set(
        fn.variants.flatMap((v) => v.subnetIds.map((s) => combinationKey(s, v.securityGroupIds))),
      );
      const enis =
        snapshot.networkInterfaces === null
          ? 'not collected'
          : snapshot.networkInterfaces
              .filter((eni) => eni.SubnetId && combos.has(combinationKey(eni.SubnetId, eniGroupIds(eni))))
              .map((eni) => eni.NetworkInterfaceId);
      return functionResult(fn, {
        status: 'fail',
        message: `${fn.name}'s execution role ${roleName} does not exist; Lambda cannot create or delete its ENIs.`,
        evidence: { role: fn.role, networkInterfaces: enis },
      });
    });
  },
};
