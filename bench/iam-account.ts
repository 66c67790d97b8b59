/**
 * The synthetic account's IAM, shaped like what CDK and SAM deploy: one role per function, each with an inline
 * policy for the function's own resources, AWSLambdaBasicExecutionRole attached, AWSLambdaVPCAccessExecutionRole
 * too for VPC functions, AWSXRayDaemonWriteAccess for one role in ten, a shared customer managed policy for one
 * execution role in fifty; one execution role in twenty denies ec2:DeleteNetworkInterface (an inline Deny), and
 * one in a hundred carries a Deny with a Condition, which only a simulation can settle. The last roles are the
 * capacity providers' operator roles, with AWSLambdaManagedEC2ResourceOperator attached (its Conditions make
 * each one a simulation too).
 */
import {
  AWS_LAMBDA_BASIC_EXECUTION_ROLE,
  AWS_LAMBDA_MANAGED_EC2_RESOURCE_OPERATOR,
  AWS_LAMBDA_VPC_ACCESS_EXECUTION_ROLE,
  AWS_XRAY_DAEMON_WRITE_ACCESS,
} from '../examples/demo/aws-managed-policies.js';

export type SyntheticPolicy = { arn: string; name: string; versionId: string; document: object };

export type SyntheticRole = {
  name: string;
  arn: string;
  id: string;
  /** Attached managed policies, by ARN. */
  attached: string[];
  inline: { name: string; document: object }[];
  /** An inline Deny of ec2:DeleteNetworkInterface: its ENIs would be orphaned. */
  deniesEniDeletes: boolean;
  /** An inline Deny with a Condition (that does not hold here): its policies cannot decide it. */
  conditional: boolean;
};

const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

export const BASIC = AWS_LAMBDA_BASIC_EXECUTION_ROLE.Arn;
export const VPC_ACCESS = AWS_LAMBDA_VPC_ACCESS_EXECUTION_ROLE.Arn;
export const XRAY = AWS_XRAY_DAEMON_WRITE_ACCESS.Arn;
export const OPERATOR = AWS_LAMBDA_MANAGED_EC2_RESOURCE_OPERATOR.Arn;

/** The AWS managed policies the roles attach, as GetPolicy and GetPolicyVersion describe them. */
export const AWS_MANAGED_POLICIES: readonly SyntheticPolicy[] = [
  AWS_LAMBDA_BASIC_EXECUTION_ROLE,
  AWS_LAMBDA_VPC_ACCESS_EXECUTION_ROLE,
  AWS_XRAY_DAEMON_WRITE_ACCESS,
  AWS_LAMBDA_MANAGED_EC2_RESOURCE_OPERATOR,
].map((policy) => ({
  arn: policy.Arn,
  name: policy.PolicyName ?? policy.Arn,
  versionId: policy.DefaultVersionId,
  document: policy.Document as object,
}));

/** The account's customer managed policies: a few shared ones execution roles attach, and the team policies. */
export function localPoliciesFor(accountId: string): SyntheticPolicy[] {
  return Array.from({ length: 50 }, (_, p) => {
    const name = p < 5 ? `shared-data-access-${p}` : `team-policy-${p}`;
    return {
      arn: `arn:aws:iam::${accountId}:policy/${name}`,
      name,
      versionId: 'v2',
      document: doc({
        Effect: 'Allow',
        Action: ['s3:GetObject', 'dynamodb:Query'],
        Resource: [`arn:aws:s3:::data-${p}/*`, `arn:aws:dynamodb:*:${accountId}:table/data-${p}`],
      }),
    };
  });
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** The operator role of capacity provider `p` (one each, the account's last roles). */
export function operatorRoleName(p: number): string {
  return `lmi-operator-${p}`;
}

export function rolesFor(
  accountId: string,
  roles: number,
  executionRoles: number,
  operatorRoles = 0,
): SyntheticRole[] {
  return Array.from({ length: roles }, (_, r) => {
    const operator = r - (roles - operatorRoles);
    if (operator >= 0) {
      const name = operatorRoleName(operator);
      return {
        name,
        arn: `arn:aws:iam::${accountId}:role/${name}`,
        id: `AROA${hex(r, 17).toUpperCase()}`,
        attached: [OPERATOR],
        inline: [],
        deniesEniDeletes: false,
        conditional: false,
      };
    }
    const execution = r < executionRoles;
    const name = execution ? `vpc-exec-${r}` : `role-${r}`;
    const deniesEniDeletes = execution && r % 20 === 19;
    const conditional = execution && r % 100 === 42;
    const statements: object[] = [
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
        Resource: `arn:aws:dynamodb:eu-west-1:${accountId}:table/${name}`,
      },
      ...(deniesEniDeletes
        ? [{ Sid: 'KeepEnis', Effect: 'Deny', Action: 'ec2:DeleteNetworkInterface', Resource: '*' }]
        : []),
      ...(conditional
        ? [
            {
              Sid: 'OnlyHere',
              Effect: 'Deny',
              Action: 'ec2:*',
              Resource: '*',
              Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
            },
          ]
        : []),
    ];
    return {
      name,
      arn: `arn:aws:iam::${accountId}:role/${name}`,
      id: `AROA${hex(r, 17).toUpperCase()}`,
      attached: [
        BASIC,
        ...(execution ? [VPC_ACCESS] : []),
        ...(r % 10 === 3 ? [XRAY] : []),
        ...(execution && r % 50 === 7
          ? [`arn:aws:iam::${accountId}:policy/shared-data-access-${r % 5}`]
          : []),
      ],
      inline: [{ name: `${name}DefaultPolicy`, document: doc(...statements) }],
      deniesEniDeletes,
      conditional,
    };
  });
}
