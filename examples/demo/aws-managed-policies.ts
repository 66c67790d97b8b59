import type { ManagedPolicy } from '../../lib/model/snapshot.js';

/**
 * The AWS managed policies Lambda execution roles attach, as GetPolicyVersion returns their default version
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
