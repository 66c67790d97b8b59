import { operatorRoleChecks } from '../../lib/model/role-checks.js';
import type {
  CapacityProvider,
  FunctionRecord,
  ManagedPolicy,
  Role,
  RolePolicyDetail,
  Snapshot,
  SnapshotMeta,
} from '../../lib/model/snapshot.js';
import {
  AWS_LAMBDA_BASIC_EXECUTION_ROLE,
  AWS_LAMBDA_MANAGED_EC2_RESOURCE_OPERATOR,
  AWS_LAMBDA_VPC_ACCESS_EXECUTION_ROLE,
} from './aws-managed-policies.js';
import { simulationsOf } from './simulated-iam.js';

/**
 * The demo's execution roles as GetAccountAuthorizationDetails describes them, and the simulations a collection
 * makes of them. Most roles are what CDK generates: AWSLambdaBasicExecutionRole and
 * AWSLambdaVPCAccessExecutionRole attached, an inline DefaultPolicy for the function's own resources. Cases:
 *   report-scheduler-role     a hand-written customer managed policy that forgot ec2:DeleteNetworkInterface
 *                             (implicitDeny, decided from its policies): its ENIs will be orphaned when it goes
 *   fraud-scorer-role         an inline Deny of ec2:* outside eu-west-1 (a Condition): undecidable from the
 *                             policies, so it is simulated (allowed)
 *   card-tokenizer-role       ENI permissions scoped to the HSM VPC's subnets, its security groups and
 *                             network-interface/*: allowed, decided from the policies with those ARNs
 *   ledger-lambda-role,       the data platform's permissions boundary; the data OU's service control policy
 *   fx-rates-fetcher-role     denies ec2:DeleteNetworkInterface, which only a simulation shows: the simulated
 *                             role of that managed-policy set is denied, so every role of the set is simulated
 *   <provider>-operator       the capacity providers' operator roles (examples/demo/capacity-providers.ts):
 *                             AWSLambdaManagedEC2ResourceOperator attached, whose Conditions leave RunInstances,
 *                             AttachNetworkInterface and CreateTags undecidable from the policy: each simulated
 *                             with Lambda's request context (allowed)
 */

const BASIC = AWS_LAMBDA_BASIC_EXECUTION_ROLE.Arn;
const VPC_ACCESS = AWS_LAMBDA_VPC_ACCESS_EXECUTION_ROLE.Arn;

const policyArn = (accountId: string, name: string) => `arn:aws:iam::${accountId}:policy/${name}`;
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

function managedPolicies(accountId: string): ManagedPolicy[] {
  return [
    AWS_LAMBDA_BASIC_EXECUTION_ROLE,
    AWS_LAMBDA_VPC_ACCESS_EXECUTION_ROLE,
    AWS_LAMBDA_MANAGED_EC2_RESOURCE_OPERATOR,
    {
      Arn: policyArn(accountId, 'report-scheduler-network'),
      PolicyName: 'report-scheduler-network',
      DefaultVersionId: 'v2',
      Document: doc({
        Sid: 'LambdaEnis',
        Effect: 'Allow',
        Action: [
          'ec2:CreateNetworkInterface',
          'ec2:DescribeNetworkInterfaces',
          'ec2:AssignPrivateIpAddresses',
          'ec2:UnassignPrivateIpAddresses',
        ],
        Resource: '*',
      }),
    },
    {
      Arn: policyArn(accountId, 'hsm-lambda-network'),
      PolicyName: 'hsm-lambda-network',
      DefaultVersionId: 'v1',
      Document: doc(
        { Sid: 'Describe', Effect: 'Allow', Action: 'ec2:DescribeNetworkInterfaces', Resource: '*' },
        {
          Sid: 'HsmEnis',
          Effect: 'Allow',
          Action: ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:*PrivateIpAddresses'],
          Resource: [
            `arn:aws:ec2:eu-west-1:${accountId}:network-interface/*`,
            `arn:aws:ec2:eu-west-1:${accountId}:subnet/*`,
            `arn:aws:ec2:eu-west-1:${accountId}:security-group/*`,
          ],
        },
      ),
    },
    {
      Arn: policyArn(accountId, 'data-platform-boundary'),
      PolicyName: 'data-platform-boundary',
      DefaultVersionId: 'v4',
      Document: doc({
        Effect: 'Allow',
        Action: ['ec2:*', 'logs:*', 'dynamodb:*', 's3:*', 'secretsmanager:GetSecretValue', 'kms:Decrypt'],
        Resource: '*',
      }),
    },
  ];
}

/** The CDK-style inline policy: the function's own table. */
function defaultPolicy(accountId: string, name: string) {
  return {
    PolicyName: `${name}DefaultPolicy`,
    PolicyDocument: doc({
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
      Resource: `arn:aws:dynamodb:eu-west-1:${accountId}:table/${name}`,
    }),
  };
}

function detailOf(role: Role, accountId: string, operator: boolean): RolePolicyDetail {
  const name = role.RoleName;
  const attach = (...arns: string[]) =>
    arns.map((arn) => ({ PolicyName: arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn }));
  if (operator)
    return {
      RoleName: name,
      Arn: role.Arn,
      RolePolicyList: [],
      AttachedManagedPolicies: attach(AWS_LAMBDA_MANAGED_EC2_RESOURCE_OPERATOR.Arn),
    };
  const base = { RoleName: name, Arn: role.Arn, RolePolicyList: [defaultPolicy(accountId, name)] };
  switch (name) {
    case 'report-scheduler-role':
      return {
        ...base,
        AttachedManagedPolicies: attach(BASIC, policyArn(accountId, 'report-scheduler-network')),
      };
    case 'card-tokenizer-role':
      return { ...base, AttachedManagedPolicies: attach(BASIC, policyArn(accountId, 'hsm-lambda-network')) };
    case 'fraud-scorer-role':
      return {
        ...base,
        RolePolicyList: [
          ...base.RolePolicyList,
          {
            PolicyName: 'regional-guard',
            PolicyDocument: doc({
              Sid: 'OnlyInIreland',
              Effect: 'Deny',
              Action: 'ec2:*',
              Resource: '*',
              Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
            }),
          },
        ],
        AttachedManagedPolicies: attach(BASIC, VPC_ACCESS),
      };
    case 'ledger-lambda-role':
    case 'fx-rates-fetcher-role':
      return {
        ...base,
        AttachedManagedPolicies: attach(BASIC, VPC_ACCESS),
        PermissionsBoundary: { PermissionsBoundaryArn: policyArn(accountId, 'data-platform-boundary') },
      };
    default:
      return { ...base, AttachedManagedPolicies: attach(BASIC, VPC_ACCESS) };
  }
}

/** The data OU's SCP: no deleting network interfaces (it protects the data VPC's endpoints' ENIs). */
const ORGANIZATIONS_DENIED = ['ec2:DeleteNetworkInterface'];
const DATA_PLATFORM_ROLES = ['ledger-lambda-role', 'fx-rates-fetcher-role'];

/** `rolePolicies` and `rolePermissions` as a collection of the demo account records them. */
export function demoIam(
  meta: Pick<SnapshotMeta, 'accountId' | 'region'>,
  functions: readonly FunctionRecord[],
  roles: readonly Role[],
  capacityProviders: readonly CapacityProvider[],
): Pick<Snapshot, 'rolePolicies' | 'rolePermissions'> {
  const existing = new Map(roles.map((role) => [role.Arn, role]));
  const operatorChecks = operatorRoleChecks(capacityProviders, meta.region, meta.accountId).filter((check) =>
    existing.has(check.roleArn),
  );
  const operators = new Set(operatorChecks.map((check) => check.roleArn));
  const used = [
    ...new Set([
      ...functions.filter((f) => (f.VpcConfig?.SubnetIds.length ?? 0) > 0).map((f) => f.Role),
      ...operators,
    ]),
  ]
    .flatMap((arn) => existing.get(arn) ?? [])
    .sort((a, b) => (a.Arn < b.Arn ? -1 : 1));
  const details = Object.fromEntries(
    used.map((role) => [role.Arn, detailOf(role, meta.accountId, operators.has(role.Arn))]),
  );
  const attached = new Set(
    Object.values(details).flatMap((d) => [
      ...d.AttachedManagedPolicies.map((a) => a.PolicyArn),
      ...(d.PermissionsBoundary ? [d.PermissionsBoundary.PermissionsBoundaryArn] : []),
    ]),
  );
  const managed = Object.fromEntries(
    managedPolicies(meta.accountId)
      .filter((policy) => attached.has(policy.Arn))
      .sort((a, b) => (a.Arn < b.Arn ? -1 : 1))
      .map((policy) => [policy.Arn, policy]),
  );
  const worldDenied = Object.fromEntries(
    used
      .filter((role) => DATA_PLATFORM_ROLES.includes(role.RoleName))
      .map((role) => [role.Arn, ORGANIZATIONS_DENIED]),
  );
  const simulations = simulationsOf({
    meta,
    functions,
    roles: details,
    managedPolicies: managed,
    organizationsDenied: worldDenied,
    operatorChecks,
  });
  const simulated = [...simulations].sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    rolePolicies: {
      roles: details,
      managedPolicies: managed,
      organizationsDenied: Object.fromEntries(
        simulated
          .filter(([, s]) => s.organizationsDenied.length > 0)
          .map(([arn, s]) => [arn, s.organizationsDenied]),
      ),
    },
    rolePermissions: Object.fromEntries(simulated.map(([arn, s]) => [arn, s.decisions])),
  };
}
