import { LAMBDA_ENI_ACTIONS } from './lambda-eni-actions.js';
import { partitionOf } from './partition.js';
import { ANY_RESOURCE, type PermissionRequest, type RequestResource } from './permission-request.js';
import type { PolicyDecision } from './snapshot-iam.js';
import type { CapacityProvider } from './snapshot-providers.js';

/**
 * The roles whose permissions the audit checks, each with the actions Lambda needs it to have: one description
 * for both ways permissions are evaluated: the role's own policies (lib/analyze/policy, as PermissionRequests)
 * and SimulatePrincipalPolicy (lib/collect/role-permissions.ts), whose answers the snapshot keeps as one decision
 * per role and action (`rolePermissions`).
 */

/** Actions evaluated together on the same resources, with the request context Lambda's calls carry. */
export interface ActionRequirement {
  actions: readonly string[];
  /**
   * The resources the actions must be allowed on; empty: every resource ("*"). A family of resources
   * (`{ kind: 'every' }`) is simulated as its prefix followed by `*`.
   */
  resources: readonly RequestResource[];
  /** The condition keys Lambda's requests carry: the simulation passes them; the evaluator cannot. */
  context: readonly { key: string; values: readonly string[] }[];
}

export type RolePurpose = 'execution' | 'capacity-provider-operator';

export interface RoleCheck {
  roleArn: string;
  purpose: RolePurpose;
  requirements: readonly ActionRequirement[];
}

/** A VPC function's execution role: the five EC2 actions of AWSLambdaVPCAccessExecutionRole on every resource. */
export const EXECUTION_ROLE_REQUIREMENTS: readonly ActionRequirement[] = [
  { actions: LAMBDA_ENI_ACTIONS, resources: [], context: [] },
];

/**
 * What a capacity provider's operator role must allow for Lambda to launch instances and give them network
 * interfaces in the provider's subnets: the creating actions of the managed policy AWSLambdaManagedEC2ResourceOperator,
 * each on the resources and with the conditions that policy grants it
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-operator-role.html). The policy scopes
 * them to resource ARNs, so they are evaluated on such ARNs: on "*" a resource-scoped Allow never matches.
 */
export const OPERATOR_ROLE_ACTIONS = [
  'ec2:RunInstances',
  'ec2:CreateNetworkInterface',
  'ec2:AttachNetworkInterface',
  'ec2:CreateTags',
] as const;

/** Without these Lambda can launch no instance and give none a network interface: the provider cannot scale. */
export const OPERATOR_LAUNCH_ACTIONS: readonly string[] = ['ec2:RunInstances', 'ec2:CreateNetworkInterface'];

/** The operator of the EC2 resources Lambda creates for managed instances (the policy's condition value). */
const MANAGED_RESOURCE_OPERATOR = {
  key: 'ec2:ManagedResourceOperator',
  values: ['scaler.lambda.amazonaws.com'],
};
/** Lambda launches its instances from Amazon-owned images (the policy's `ec2:Owner` condition). */
const AMAZON_IMAGES = { key: 'ec2:Owner', values: ['amazon'] };

function ec2Arn(region: string, accountId: string, resource: string): string {
  return `arn:${partitionOf(region)}:ec2:${region}:${accountId}:${resource}`;
}

/** The operator role's requirements for the providers it serves: their subnets and security groups. */
export function operatorRoleRequirements(
  providers: readonly CapacityProvider[],
  region: string,
  accountId: string,
): ActionRequirement[] {
  const arn = (resource: string): RequestResource => ({
    kind: 'arn',
    arn: ec2Arn(region, accountId, resource),
  });
  // Resources Lambda creates (or, for images, picks): any of the type.
  const every = (type: string, account = accountId): RequestResource => ({
    kind: 'every',
    prefix: ec2Arn(region, account, `${type}/`),
  });
  const subnets = [...new Set(providers.flatMap((p) => p.VpcConfig.SubnetIds))].sort();
  const groups = [...new Set(providers.flatMap((p) => p.VpcConfig.SecurityGroupIds))].sort();
  // No security group configured: the instances get the VPC's default one, whichever it is.
  const network = [
    ...subnets.map((id) => arn(`subnet/${id}`)),
    ...(groups.length === 0 ? [every('security-group')] : groups.map((id) => arn(`security-group/${id}`))),
  ];
  const created = [every('instance'), every('network-interface'), every('volume')];
  return [
    {
      actions: ['ec2:RunInstances'],
      // An image ARN names no account.
      resources: [...network, ...created, every('image', '')],
      context: [MANAGED_RESOURCE_OPERATOR, AMAZON_IMAGES],
    },
    { actions: ['ec2:CreateNetworkInterface'], resources: network, context: [] },
    {
      actions: ['ec2:AttachNetworkInterface', 'ec2:CreateTags'],
      resources: [every('instance'), every('network-interface')],
      context: [MANAGED_RESOURCE_OPERATOR],
    },
  ];
}

/**
 * The same requirements as questions for a role's policies (lib/analyze/policy): one request per action, on
 * every resource it needs. The evaluator does not know the request context, so a statement with a Condition
 * (AWSLambdaManagedEC2ResourceOperator's on ec2:ManagedResourceOperator and ec2:Owner) leaves the action
 * undecidable, and the role is simulated with the context.
 */
export function permissionRequestsOf(requirements: readonly ActionRequirement[]): PermissionRequest[] {
  const byAction = new Map<string, RequestResource[]>();
  for (const { actions, resources } of requirements)
    for (const action of actions)
      byAction.set(action, [
        ...(byAction.get(action) ?? []),
        ...(resources.length === 0 ? [ANY_RESOURCE] : resources),
      ]);
  return [...byAction.entries()].map(([action, resources]) => ({ action, resources }));
}

/** One check per distinct operator role of the providers, each over the providers it serves. */
export function operatorRoleChecks(
  providers: readonly CapacityProvider[],
  region: string,
  accountId: string,
): RoleCheck[] {
  const byRole = new Map<string, CapacityProvider[]>();
  for (const provider of providers) {
    const roleArn = provider.PermissionsConfig.CapacityProviderOperatorRoleArn;
    byRole.set(roleArn, [...(byRole.get(roleArn) ?? []), provider]);
  }
  return [...byRole.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([roleArn, served]) => ({
      roleArn,
      purpose: 'capacity-provider-operator',
      requirements: operatorRoleRequirements(served, region, accountId),
    }));
}

const DECISION_RANK: Record<PolicyDecision, number> = { allowed: 0, implicitDeny: 1, explicitDeny: 2 };

/** The more restrictive of two decisions: an action must be allowed on every resource it needs. */
export function stricterDecision(a: PolicyDecision | undefined, b: PolicyDecision): PolicyDecision {
  return a === undefined || DECISION_RANK[b] > DECISION_RANK[a] ? b : a;
}
