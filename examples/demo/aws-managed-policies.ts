import type { ManagedPolicy } from '../../lib/model/snapshot.js';

/**
 * The AWS managed policies Lambda's roles attach (execution roles, capacity providers' operator roles), as
 * GetPolicyVersion returns their default version
 * (decoded): the one source of them for the demo account, the benchmark's account and the tests.
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaVPCAccessExecutionRole.html
 */

const LOGS = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];

export const AWS_LAMBDA_BASIC_EXECUTION_ROLE: ManagedPolicy = {
  Arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
  PolicyName: 'AWSLambdaBasicExecutionRole',
  DefaultVersionId: 'v1',
  Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: LOGS, Resource: '*' }] },
};

export const AWS_LAMBDA_VPC_ACCESS_EXECUTION_ROLE: ManagedPolicy = {
  Arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
  PolicyName: 'AWSLambdaVPCAccessExecutionRole',
  DefaultVersionId: 'v3',
  Document: {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AWSLambdaVPCAccessExecutionPermissions',
        Effect: 'Allow',
        Action: [
          ...LOGS,
          'ec2:CreateNetworkInterface',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeSubnets',
          'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses',
          'ec2:UnassignPrivateIpAddresses',
        ],
        Resource: '*',
      },
    ],
  },
};

export const AWS_XRAY_DAEMON_WRITE_ACCESS: ManagedPolicy = {
  Arn: 'arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess',
  PolicyName: 'AWSXRayDaemonWriteAccess',
  DefaultVersionId: 'v1',
  Document: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules'],
        Resource: '*',
      },
    ],
  },
};

/**
 * What a capacity provider's operator role attaches (Lambda Managed Instances): the EC2 actions Lambda takes to
 * launch and network the provider's instances, scoped to resource types and, for the resources it creates and the
 * images it launches, to Conditions only the request shows (so an evaluation from the policy alone cannot settle
 * them: the role is simulated with Lambda's request context).
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaManagedEC2ResourceOperator.html
 */
export const AWS_LAMBDA_MANAGED_EC2_RESOURCE_OPERATOR: ManagedPolicy = {
  Arn: 'arn:aws:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator',
  PolicyName: 'AWSLambdaManagedEC2ResourceOperator',
  DefaultVersionId: 'v1',
  Document: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['ec2:RunInstances', 'ec2:CreateTags', 'ec2:AttachNetworkInterface'],
        Resource: [
          'arn:aws:ec2:*:*:instance/*',
          'arn:aws:ec2:*:*:network-interface/*',
          'arn:aws:ec2:*:*:volume/*',
        ],
        Condition: { StringEquals: { 'ec2:ManagedResourceOperator': 'scaler.lambda.amazonaws.com' } },
      },
      {
        Effect: 'Allow',
        Action: [
          'ec2:DescribeAvailabilityZones',
          'ec2:DescribeCapacityReservations',
          'ec2:DescribeInstances',
          'ec2:DescribeInstanceStatus',
          'ec2:DescribeInstanceTypeOfferings',
          'ec2:DescribeInstanceTypes',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeSubnets',
        ],
        Resource: '*',
      },
      {
        Effect: 'Allow',
        Action: ['ec2:RunInstances', 'ec2:CreateNetworkInterface'],
        Resource: ['arn:aws:ec2:*:*:subnet/*', 'arn:aws:ec2:*:*:security-group/*'],
      },
      {
        Effect: 'Allow',
        Action: ['ec2:RunInstances'],
        Resource: ['arn:aws:ec2:*:*:image/*'],
        Condition: { StringEquals: { 'ec2:Owner': 'amazon' } },
      },
    ],
  },
};
