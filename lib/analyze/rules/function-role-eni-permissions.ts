import type { RuleResult, Severity } from '../../model/finding.js';
import { ENI_CREATION_ACTIONS, LAMBDA_ENI_ACTIONS } from '../../model/lambda-eni-actions.js';
import type { PolicyDecision, Snapshot } from '../../model/snapshot.js';
import { functionResult } from '../function-result.js';
import { flatMapList, mapDefined } from '../lists.js';
import { oncePer } from '../memo.js';
import { operatorRoleResults } from '../operator-role-check.js';
import type { Rule } from '../rule.js';
import { roleNameFromArn, sortedUnique } from '../snapshot-index.js';

interface Denial {
  role: string;
  action: string;
  decision: Exclude<PolicyDecision, 'allowed'>;
}

interface RoleCheck {
  role: string;
  /** Null when the role was not simulated (see `reason`). */
  decisions: Record<string, PolicyDecision> | null;
  denied: Denial[];
  /** Actions the simulation did not answer for. */
  unanswered: string[];
  reason?: string;
}

/** The actions every result's evidence lists; one array, shared (results are read-only). */
const REQUIRED_ACTIONS: readonly string[] = [...LAMBDA_ENI_ACTIONS];

function notSimulatedReason(snapshot: Snapshot, roleArn: string): string {
  const gap = snapshot.coverage.find((g) => g.part === 'rolePermissions' && g.resource === roleArn);
  return gap ? `${gap.api}: ${gap.errorCode}` : 'not simulated';
}

function checkRole(snapshot: Snapshot, roleArn: string): RoleCheck {
  const decisions = snapshot.rolePermissions?.[roleArn];
  if (decisions === undefined) {
    return {
      role: roleArn,
      decisions: null,
      denied: [],
      unanswered: [],
      reason: notSimulatedReason(snapshot, roleArn),
    };
  }
  const denied: Denial[] = [];
  const unanswered: string[] = [];
  for (const action of LAMBDA_ENI_ACTIONS) {
    const decision = decisions[action];
    if (decision === undefined) unanswered.push(action);
    else if (decision !== 'allowed') denied.push({ role: roleArn, action, decision });
  }
  return { role: roleArn, decisions, denied, unanswered };
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

export const functionRoleEniPermissions: Rule = {
  id: 'function-role-eni-permissions',
  title: 'VPC function whose execution role cannot manage its network interfaces',
  severity: 'high',
  severities: ['high', 'medium'],
  section: 'orphans-and-roles',
  finds:
    'an execution role that may not create, describe or delete ENIs, or a capacity provider whose operator role ' +
    'is gone or may not launch instances and create their ENIs (checked with `iam:SimulatePrincipalPolicy` once ' +
    'per role; unknown when the simulation is denied)',
  resourceType: 'function',
  capacityProviders: 'providers',
  requires: ['functions', 'roles', 'rolePermissions'],
  risk:
    "Lambda creates and deletes a VPC function's network interfaces with the function's execution role. Without " +
    'ec2:CreateNetworkInterface or ec2:DescribeNetworkInterfaces, invocations that need a new ENI fail (after a ' +
    'configuration change, or when an idle function is activated again). Without ec2:DeleteNetworkInterface, ' +
    'its ENIs stay behind when the function is deleted or leaves the VPC, and block deleting their subnets and ' +
    'security groups.',
  remediation:
    'Attach the AWS managed policy AWSLambdaVPCAccessExecutionRole to the role (or allow the five EC2 actions on ' +
    'Resource "*": the check simulates them on all resources), and check that no explicit Deny, permissions ' +
    'boundary or SCP takes them away.',
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
    'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaVPCAccessExecutionRole.html',
  ],
  evaluate({ index, snapshot }) {
    const roleNames = index.roleNames ?? new Set<string>();
    // A few execution roles serve many functions: each is checked, and described as evidence, once.
    const checkOf = oncePer((roleArn: string) => checkRole(snapshot, roleArn));
    const roleEvidence = oncePer((check: RoleCheck) => ({
      role: check.role,
      decisions: check.decisions,
      ...(check.reason === undefined ? {} : { notSimulated: check.reason }),
    }));
    const functions = mapDefined(index.vpcFunctions, (fn): RuleResult | undefined => {
      // A published version keeps the role it was published with: every VPC-enabled record's role counts.
      const roles = sortedUnique(fn.records.map((record) => record.Role));
      const existing = roles.filter((arn) => roleNames.has(roleNameFromArn(arn)));
      // A role that does not exist is function-role-exists' finding; there is nothing to simulate here.
      if (existing.length === 0) return undefined;
      const checks = existing.map(checkOf);
      const denied = flatMapList(checks, (check) => check.denied);
      const evidence = {
        requiredActions: REQUIRED_ACTIONS,
        // SimulatePrincipalPolicy without ResourceArns: each action on all resources.
        simulatedResource: '*',
        roles: checks.map(roleEvidence),
        denied,
      };
      if (denied.length > 0) {
        const byRole = checks
          .filter((check) => check.denied.length > 0)
          .map(
            (check) =>
              `${roleNameFromArn(check.role)} is not allowed ` +
              check.denied.map((d) => `${d.action} (${d.decision})`).join(', '),
          );
        return functionResult(fn, {
          status: 'fail',
          severity: severityOf(denied),
          message: `${fn.name}'s execution role ${byRole.join('; role ')}: ${consequence(denied)}.`,
          evidence,
        });
      }
      const unknown = checks.filter((check) => check.decisions === null || check.unanswered.length > 0);
      if (unknown.length > 0) {
        const reasons = unknown.map((check) =>
          check.decisions === null
            ? `${roleNameFromArn(check.role)} (${check.reason ?? 'not simulated'})`
            : `${roleNameFromArn(check.role)} (no answer for ${check.unanswered.join(', ')})`,
        );
        return functionResult(fn, {
          status: 'unknown',
          message: `Cannot tell whether ${fn.name}'s execution role may manage ENIs: ${reasons.join(', ')}.`,
          evidence,
        });
      }
      return functionResult(fn, {
        status: 'pass',
        message: `${fn.name}'s execution role may create and delete its ENIs.`,
        evidence,
      });
    });
    return [...functions, ...operatorRoleResults(snapshot, index)];
  },
};
