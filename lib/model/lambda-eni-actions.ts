/**
 * What Lambda does with a VPC function's execution role to manage its network interfaces (the EC2 part of the
 * AWS managed policy AWSLambdaVPCAccessExecutionRole). The collector simulates these per role; the
 * `function-role-eni-permissions` rule judges the answers.
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
