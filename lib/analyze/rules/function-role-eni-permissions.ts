import type { RuleResult, Severity } from '../../model/finding.js';
import { ENI_CREATION_ACTIONS, LAMBDA_ENI_ACTIONS } from '../../model/lambda-eni-actions.js';
import { functionResult } from '../function-result.js';
import { flatMapList, mapDefined } from '../lists.js';
import { oncePer } from '../memo.js';
import { operatorRoleResults } from '../operator-role-check.js';
import { type Denial, type RoleEniCheck, roleEniChecks } from '../role-eni-check.js';
import type { Rule } from '../rule.js';
import { roleNameFromArn } from '../snapshot-index.js';

/** The actions every result's evidence lists; one array, shared (results are read-only). */
const REQUIRED_ACTIONS: readonly string[] = [...LAMBDA_ENI_ACTIONS];

/** One role's checks over a function's records (versions may differ in subnets): denials and doubts together. */
function merged(checks: readonly RoleEniCheck[]): RoleEniCheck[] {
  // Most functions: every version with the same role and network, so the same check object.
  const [first] = checks;
  if (first !== undefined && checks.every((check) => check === first)) return [first];
  const byRole = new Map<string, RoleEniCheck>();
  for (const check of checks) {
    const seen = byRole.get(check.role);
    if (seen === undefined) {
      byRole.set(check.role, check);
      continue;
    }
    const key = (d: Denial) => `${d.action}\u0000${d.decision}`;
    const denied = new Map([...seen.denied, ...check.denied].map((d) => [key(d), d]));
    byRole.set(check.role, {
      ...seen,
      decidedBy: seen.decidedBy === 'simulation' ? seen.decidedBy : check.decidedBy,
      denied: [...denied.values()],
      unknown: [...new Set([...seen.unknown, ...check.unknown])],
    });
  }
  return [...byRole.values()].sort((a, b) => (a.role < b.role ? -1 : 1));
}

function severityOf(denied: readonly Denial[]): Severity {
  return denied.some((d) => ENI_CREATION_ACTIONS.some((action) => action === d.action)) ? 'high' : 'medium';
}

function consequence(denied: readonly Denial[]): string {
  const actions = new Set(denied.map((d) => d.action));
  const parts: string[] = [];
  if (ENI_CREATION_ACTIONS.some((action) => actions.has(action)))
    parts.push('Lambda cannot create its ENIs, so invocations that need a new one fail');
  if (actions.has('ec2:DeleteNetworkInterface'))
    parts.push('its ENIs will be left behind (orphaned) when it no longer needs them');
  if (parts.length === 0) parts.push('Lambda cannot manage the private IP addresses of its ENIs');
  return parts.join('; ');
}

const denialText = (d: Denial) => `${d.action} (${d.decision}${d.by === undefined ? '' : ` by ${d.by}`})`;

export const functionRoleEniPermissions: Rule = {
  id: 'function-role-eni-permissions',
  title: 'VPC function whose execution role cannot manage its network interfaces',
  severity: 'high',
  severities: ['high', 'medium'],
  section: 'orphans-and-roles',
  finds:
    'an execution role that may not create, describe or delete ENIs, or a capacity provider whose operator role ' +
    "is gone or may not launch instances and create their ENIs: decided from the role's policies " +
    '(`iam:GetAccountAuthorizationDetails`), with `iam:SimulatePrincipalPolicy` only where they leave it open ' +
    "(conditions, such as the operator policy's) and once per managed-policy set for service control policies; " +
    'unknown when neither answers',
  resourceType: 'function',
  capacityProviders: 'providers',
  // rolePolicies and rolePermissions may each be missing: the check says unknown only where both were needed.
  requires: ['functions', 'roles'],
  risk:
    "Lambda creates and deletes a VPC function's network interfaces with the function's execution role. Without " +
    'ec2:CreateNetworkInterface or ec2:DescribeNetworkInterfaces, invocations that need a new ENI fail (after a ' +
    'configuration change, or when an idle function is activated again). Without ec2:DeleteNetworkInterface, ' +
    'its ENIs stay behind when the function is deleted or leaves the VPC, and block deleting their subnets and ' +
    'security groups.',
  remediation:
    'Attach the AWS managed policy AWSLambdaVPCAccessExecutionRole to the role (or allow the five EC2 actions on ' +
    'Resource "*", or on the function\'s subnets, security groups and network-interface/*), and check that no ' +
    'explicit Deny, permissions boundary or SCP takes them away.',
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
    'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaVPCAccessExecutionRole.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
  ],
  evaluate({ index, snapshot }) {
    const roleNames = index.roleNames ?? new Set<string>();
    const checks = roleEniChecks(snapshot);
    // A few roles, or one per function: each check described as evidence once.
    const roleEvidence = oncePer((check: RoleEniCheck) => ({
      role: check.role,
      decidedBy: check.decidedBy,
      serviceControlPolicies: check.organizations,
      ...(check.unknown.length === 0 ? {} : { undecided: check.unknown }),
    }));
    const functions = mapDefined(index.vpcFunctions, (fn): RuleResult | undefined => {
      // A published version keeps the role it was published with (and may have other subnets): each record counts.
      const existing = fn.records.filter((record) => roleNames.has(roleNameFromArn(record.Role)));
      // A role that does not exist is function-role-exists' finding; there is nothing to check here.
      if (existing.length === 0) return undefined;
      const roleChecks = merged(existing.map((record) => checks.check(record)));
      const denied = flatMapList(roleChecks, (check) => check.denied);
      const evidence = { requiredActions: REQUIRED_ACTIONS, roles: roleChecks.map(roleEvidence), denied };
      if (denied.length > 0) {
        const byRole = roleChecks
          .filter((check) => check.denied.length > 0)
          .map(
            (check) =>
              `${roleNameFromArn(check.role)} is not allowed ${check.denied.map(denialText).join(', ')}`,
          );
        return functionResult(fn, {
          status: 'fail',
          severity: severityOf(denied),
          message: `${fn.name}'s execution role ${byRole.join('; role ')}: ${consequence(denied)}.`,
          evidence,
        });
      }
      const unknown = roleChecks.filter((check) => check.unknown.length > 0);
      if (unknown.length > 0) {
        const reasons = unknown.map(
          (check) => `${roleNameFromArn(check.role)} (${check.unknown.join('; ')})`,
        );
        return functionResult(fn, {
          status: 'unknown',
          message: `Cannot tell whether ${fn.name}'s execution role may manage ENIs: ${reasons.join(', ')}.`,
          evidence,
        });
      }
      const how = roleChecks.every((check) => check.decidedBy === 'policies')
        ? 'by its policies'
        : 'by its simulation';
      return functionResult(fn, {
        status: 'pass',
        message: `${fn.name}'s execution role may create and delete its ENIs (decided ${how}).`,
        evidence,
      });
    });
    return [...functions, ...operatorRoleResults(snapshot, index)];
  },
};
