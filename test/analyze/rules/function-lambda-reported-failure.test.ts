import { describe, expect, it } from 'vitest';
import { functionLambdaReportedFailure } from '../../../lib/analyze/rules/function-lambda-reported-failure.js';
import {
  capacityProvider,
  detailsOf,
  emptySnapshot,
  fn,
  functionArn,
  functionDetail,
  role,
  roleArn,
  securityGroup,
  subnet,
  withMissing,
} from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

const subnets = [
  subnet({ id: 'subnet-a', vpc: 'vpc-1', az: 'eu-west-1a', cidr: '10.0.1.0/28', free: 0 }),
  subnet({ id: 'subnet-b', vpc: 'vpc-1', az: 'eu-west-1b', cidr: '10.0.2.0/28', free: 2 }),
];
const api = fn({
  name: 'orders-api',
  subnets: ['subnet-a', 'subnet-b'],
  securityGroups: ['sg-1', 'sg-gone'],
});

function accountWithDetail(detail: Parameters<typeof functionDetail>[0]) {
  return emptySnapshot({
    functions: [api],
    functionDetails: detailsOf(functionDetail(detail)),
    subnets,
    securityGroups: [securityGroup({ id: 'sg-1', vpc: 'vpc-1' })],
    roles: [role('orders-api-role')],
    rolePermissions: {
      [roleArn('orders-api-role')]: {
        'ec2:CreateNetworkInterface': 'implicitDeny',
        'ec2:DescribeNetworkInterfaces': 'allowed',
      },
    },
  });
}

describe('function-lambda-reported-failure', () => {
  it('is critical for SubnetOutOfIPAddresses, with Lambda reason text and each subnet free addresses', () => {
    const snapshot = accountWithDetail({
      name: 'orders-api',
      state: 'Failed',
      stateReasonCode: 'SubnetOutOfIPAddresses',
      stateReason: 'Lambda was not able to create an ENI in the VPC of the Lambda function.',
    });
    const result = resultFor(runRule(functionLambdaReportedFailure, snapshot), 'orders-api');
    expect(result.status).toBe('fail');
    expect(result.severity).toBeUndefined();
    expect(result.message).toBe(
      'orders-api: Lambda reports State Failed, SubnetOutOfIPAddresses: "Lambda was not able to create an ENI in ' +
        'the VPC of the Lambda function.". Subnets: subnet-a (0 free), subnet-b (2 free).',
    );
    expect(result.evidence).toMatchObject({
      pointsAt: [
        {
          code: 'SubnetOutOfIPAddresses',
          subnets: [
            { subnetId: 'subnet-a', availableIpAddressCount: 0 },
            { subnetId: 'subnet-b', availableIpAddressCount: 2 },
          ],
        },
      ],
    });
  });

  it('names the missing group for InvalidSecurityGroup and the denied actions for InsufficientRolePermissions', () => {
    const groups = runRule(
      functionLambdaReportedFailure,
      accountWithDetail({
        name: 'orders-api',
        lastUpdateStatus: 'Failed',
        lastUpdateStatusReasonCode: 'InvalidSecurityGroup',
      }),
    );
    expect(resultFor(groups, 'orders-api').message).toContain('Missing security group: sg-gone.');
    const role = resultFor(
      runRule(
        functionLambdaReportedFailure,
        accountWithDetail({
          name: 'orders-api',
          state: 'Failed',
          stateReasonCode: 'InsufficientRolePermissions',
        }),
      ),
      'orders-api',
    );
    expect(role.message).toContain(`Role ${roleArn('orders-api-role')} may not ec2:CreateNetworkInterface.`);
  });

  it('lists an Inactive function at info', () => {
    const result = resultFor(
      runRule(functionLambdaReportedFailure, accountWithDetail({ name: 'orders-api', state: 'Inactive' })),
      'orders-api',
    );
    expect(result).toMatchObject({ status: 'fail', severity: 'info' });
    expect(result.message).toContain('orders-api is Inactive: Lambda reclaimed its network interfaces');
  });

  it('passes a healthy function, and one Failed for a reason that is not about its network', () => {
    expect(
      resultFor(
        runRule(functionLambdaReportedFailure, accountWithDetail({ name: 'orders-api' })),
        'orders-api',
      ).status,
    ).toBe('pass');
    const other = accountWithDetail({
      name: 'orders-api',
      state: 'Failed',
      stateReasonCode: 'InvalidConfiguration',
    });
    expect(resultFor(runRule(functionLambdaReportedFailure, other), 'orders-api').status).toBe('pass');
  });

  it('judges a version on a capacity provider by what ListFunctionVersionsByCapacityProvider reports, naming the provider', () => {
    const providerArn = 'arn:aws:lambda:eu-west-1:123456789012:capacity-provider:pool';
    const snapshot = emptySnapshot({
      functions: [fn({ name: 'ingest', version: '4', capacityProvider: 'pool' })],
      functionDetails: detailsOf(functionDetail({ name: 'ingest' })),
      subnets,
      capacityProviders: [capacityProvider({ name: 'pool', subnets: ['subnet-a'], maxVCpuCount: 32 })],
      capacityProviderVersions: {
        [providerArn]: [
          {
            FunctionArn: functionArn('ingest', '4'),
            State: 'Failed',
            StateReasonCode: 'CapacityProviderScalingLimitExceeded',
            StateReason: 'Reached MaxVCpuCount.',
          },
        ],
      },
    });
    const result = resultFor(runRule(functionLambdaReportedFailure, snapshot), 'ingest');
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      `ingest (version 4): Lambda reports State Failed, CapacityProviderScalingLimitExceeded: "Reached MaxVCpuCount.". Capacity provider ${providerArn}.`,
    );
    expect(result.evidence).toMatchObject({
      pointsAt: [{ capacityProviders: [{ capacityProvider: providerArn, maxVCpuCount: 32 }] }],
    });
  });

  it('is unknown when GetFunction was not collected, and for a function it was not answered for', () => {
    const missing = withMissing(accountWithDetail({ name: 'orders-api' }), 'functionDetails');
    expect(resultFor(runRule(functionLambdaReportedFailure, missing), 'orders-api').status).toBe('unknown');
    const unanswered = { ...accountWithDetail({ name: 'orders-api' }), functionDetails: {} };
    expect(resultFor(runRule(functionLambdaReportedFailure, unanswered), 'orders-api').status).toBe(
      'unknown',
    );
  });
});
