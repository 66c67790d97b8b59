import { ANY_RESOURCE, type PermissionRequest } from './permission-request.js';

/**
 * What Lambda does with a VPC function's execution role to manage its network interfaces (the EC2 part of the
 * AWS managed policy AWSLambdaVPCAccessExecutionRole). The `function-role-eni-permissions` rule judges whether
 * the role may; the collector decides from the role's policies where it can and simulates the rest.
 */
export const LAMBDA_ENI_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
] as const;

export type LambdaEniAction = (typeof LAMBDA_ENI_ACTIONS)[number];

/** Without these Lambda cannot give a function a new ENI: invocations that need one fail. */
export const ENI_CREATION_ACTIONS: readonly LambdaEniAction[] = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
];

/** Where a function's network resources are: their ARNs are built from these. */
export type ArnScope = { partition: string; region: string; accountId: string };

/**
 * The resources each call touches, per the EC2 service authorization reference
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html): CreateNetworkInterface
 * the new interface, the function's subnet and its security groups (each in turn; every one must be allowed);
 * Delete/Assign/Unassign an interface Lambda made, whichever it is (any network-interface ARN of the account
 * and Region); DescribeNetworkInterfaces supports no resource-level permissions (`*`). The subnets' and
 * security groups' ARNs carry the function's own account: a subnet shared from another account would carry
 * its owner's.
 */
export function lambdaEniRequests(
  scope: ArnScope,
  subnetIds: readonly string[],
  securityGroupIds: readonly string[],
): PermissionRequest[] {
  const arn = (resource: string) =>
    `arn:${scope.partition}:ec2:${scope.region}:${scope.accountId}:${resource}`;
  const anyInterface = { kind: 'every', prefix: arn('network-interface/') } as const;
  return [
    {
      action: 'ec2:CreateNetworkInterface',
      resources: [
        anyInterface,
        ...subnetIds.map((id) => ({ kind: 'arn' as const, arn: arn(`subnet/${id}`) })),
        ...securityGroupIds.map((id) => ({ kind: 'arn' as const, arn: arn(`security-group/${id}`) })),
      ],
    },
    { action: 'ec2:DescribeNetworkInterfaces', resources: [ANY_RESOURCE] },
    { action: 'ec2:DeleteNetworkInterface', resources: [anyInterface] },
    { action: 'ec2:AssignPrivateIpAddresses', resources: [anyInterface] },
    { action: 'ec2:UnassignPrivateIpAddresses', resources: [anyInterface] },
  ];
}
