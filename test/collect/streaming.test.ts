/** GetFunction and the role simulations start with the first ListFunctions page, not after the last. */
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient, ListRolesCommand, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import {
  type FunctionConfiguration,
  GetAccountSettingsCommand,
  GetFunctionCommand,
  LambdaClient,
  ListFunctionsCommand,
} from '@aws-sdk/client-lambda';
import { GetServiceQuotaCommand, ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createClients } from '../../lib/aws/clients.js';
import { collectSnapshot } from '../../lib/collect/collect.js';
import { LAMBDA_ACCESS_DENIED } from './helpers.js';

const sts = mockClient(STSClient);
const lambda = mockClient(LambdaClient);
const ec2 = mockClient(EC2Client);
const iam = mockClient(IAMClient);
const cloudwatch = mockClient(CloudWatchClient);
const quotas = mockClient(ServiceQuotasClient);

const OPTIONS = { region: 'eu-west-1', now: new Date('2025-07-01T12:00:00.000Z') };
const ROLE = 'arn:aws:iam::123456789012:role/api';

const vpcFunction = (name: string): FunctionConfiguration => ({
  FunctionName: name,
  FunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${name}`,
  Version: '$LATEST',
  Role: ROLE,
  MemorySize: 256,
  VpcConfig: { SubnetIds: ['subnet-a'], SecurityGroupIds: ['sg-1'], VpcId: 'vpc-1' },
});

/** Resolves when `condition` holds, or after `ms` (so a broken expectation fails instead of hanging). */
async function until(condition: () => boolean, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
}

beforeEach(() => {
  for (const mock of [sts, lambda, ec2, iam, cloudwatch, quotas]) mock.reset();
  sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012' });
  lambda
    .on(GetAccountSettingsCommand)
    .resolves({ AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 1000 } })
    .on(GetFunctionCommand)
    .callsFake(async (input: { FunctionName: string }) => ({
      Configuration: { FunctionName: input.FunctionName, State: 'Active' },
      Tags: {},
    }));
  // Every Describe call: an empty page.
  ec2.onAnyCommand().resolves({});
  iam
    .on(ListRolesCommand)
    .resolves({
      Roles: [{ RoleName: 'api', Arn: ROLE, RoleId: 'AROAAPI', Path: '/', CreateDate: new Date() }],
    })
    .on(SimulatePrincipalPolicyCommand)
    .callsFake(async (input: { ActionNames: string[] }) => ({
      EvaluationResults: input.ActionNames.map((action) => ({
        EvalActionName: action,
        EvalDecision: 'allowed',
      })),
      IsTruncated: false,
    }));
  cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
  quotas.on(GetServiceQuotaCommand).resolves({ Quota: { Value: 500 } });
});

describe('collectSnapshot while ListFunctions pages', () => {
  it('reads the first page’s function details and role permissions before the next page comes', async () => {
    const beforeLastPage = { details: false, simulation: false };
    lambda
      .on(ListFunctionsCommand)
      .resolvesOnce({ Functions: [vpcFunction('api')], NextMarker: 'page-2' })
      .callsFake(async () => {
        await until(
          () =>
            lambda.commandCalls(GetFunctionCommand).length > 0 &&
            iam.commandCalls(SimulatePrincipalPolicyCommand).length > 0,
        );
        beforeLastPage.details = lambda.commandCalls(GetFunctionCommand).length > 0;
        beforeLastPage.simulation = iam.commandCalls(SimulatePrincipalPolicyCommand).length > 0;
        return { Functions: [vpcFunction('worker')] };
      });

    const snapshot = await collectSnapshot(createClients({ region: 'eu-west-1' }), OPTIONS);

    expect(beforeLastPage).toEqual({ details: true, simulation: true });
    expect(Object.keys(snapshot.functionDetails ?? {})).toEqual(['api', 'worker']);
    expect(Object.keys(snapshot.rolePermissions ?? {})).toEqual([ROLE]);
    expect(iam.commandCalls(SimulatePrincipalPolicyCommand)).toHaveLength(1);
    expect(
      snapshot.coverage.filter((gap) => ['functionDetails', 'rolePermissions'].includes(gap.part)),
    ).toEqual([]);
  });

  it('drops the details read so far when a later page fails: the function list is not known', async () => {
    lambda
      .on(ListFunctionsCommand)
      .resolvesOnce({ Functions: [vpcFunction('api')], NextMarker: 'page-2' })
      .rejects(LAMBDA_ACCESS_DENIED('lambda:ListFunctions'));

    const snapshot = await collectSnapshot(createClients({ region: 'eu-west-1' }), OPTIONS);

    expect(snapshot.functions).toBeNull();
    expect(snapshot.functionDetails).toBeNull();
    expect(snapshot.rolePermissions).toBeNull();
    expect(snapshot.coverage.map((gap) => `${gap.part}:${gap.errorCode}`)).toEqual(
      expect.arrayContaining([
        'functions:AccessDeniedException',
        'functionDetails:DependencyNotCollected',
        'rolePermissions:DependencyNotCollected',
      ]),
    );
  });
});
