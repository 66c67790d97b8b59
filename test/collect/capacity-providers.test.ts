import {
  type CapacityProvider,
  GetFunctionCommand,
  LambdaClient,
  ListCapacityProvidersCommand,
  ListFunctionVersionsByCapacityProviderCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CAPACITY_PROVIDER_PAGE_SIZE,
  collectCapacityProviders,
  collectCapacityProviderVersions,
} from '../../lib/collect/capacity-providers.js';
import { CapacityProviderSchema } from '../../lib/model/snapshot.js';
import { LAMBDA_ACCESS_DENIED, lambdaError, testContext } from './helpers.js';

const lambdaMock = mockClient(LambdaClient);
const lambda = new LambdaClient({ region: 'eu-west-1' });

const arnOf = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:capacity-provider:${name}`;

/** A CapacityProvider as the Lambda API reference (2025-11-30) shapes it, with the fields the snapshot drops. */
function provider(name: string, subnets = ['subnet-a', 'subnet-b']): CapacityProvider {
  return {
    CapacityProviderArn: arnOf(name),
    State: 'Active',
    VpcConfig: { SubnetIds: subnets, SecurityGroupIds: ['sg-1'] },
    PermissionsConfig: { CapacityProviderOperatorRoleArn: `arn:aws:iam::123456789012:role/${name}-operator` },
    InstanceRequirements: {
      Architectures: ['x86_64'],
      AllowedInstanceTypes: ['m7a.large'],
      ExcludedInstanceTypes: [],
    },
    CapacityProviderScalingConfig: {
      MaxVCpuCount: 96,
      ScalingMode: 'Manual',
      ScalingPolicies: [
        { PredefinedMetricType: 'LambdaCapacityProviderAverageCPUUtilization', TargetValue: 60 },
      ],
    },
    KmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/1',
    LastModified: '2026-11-01T10:00:00.000+0000',
  };
}

beforeEach(() => lambdaMock.reset());

describe('collectCapacityProviders', () => {
  it('reads every page at the largest page size and keeps the networking, scaling and role fields', async () => {
    lambdaMock
      .on(ListCapacityProvidersCommand)
      .resolvesOnce({ CapacityProviders: [provider('a')], NextMarker: 'm2' })
      .resolvesOnce({ CapacityProviders: [provider('b', ['subnet-c'])] });
    const context = testContext();

    const providers = await collectCapacityProviders(lambda, context);

    expect(providers?.map((p) => p.CapacityProviderArn)).toEqual([arnOf('a'), arnOf('b')]);
    expect(providers?.[0]).toEqual({
      CapacityProviderArn: arnOf('a'),
      State: 'Active',
      VpcConfig: { SubnetIds: ['subnet-a', 'subnet-b'], SecurityGroupIds: ['sg-1'] },
      PermissionsConfig: { CapacityProviderOperatorRoleArn: 'arn:aws:iam::123456789012:role/a-operator' },
      InstanceRequirements: {
        Architectures: ['x86_64'],
        AllowedInstanceTypes: ['m7a.large'],
        ExcludedInstanceTypes: [],
      },
      CapacityProviderScalingConfig: { MaxVCpuCount: 96, ScalingMode: 'Manual' },
      LastModified: '2026-11-01T10:00:00.000+0000',
    });
    for (const p of providers ?? []) expect(CapacityProviderSchema.parse(p)).toEqual(p);
    // The paginator reuses one input object: every call asked for the largest page.
    const calls = lambdaMock.commandCalls(ListCapacityProvidersCommand);
    expect(calls).toHaveLength(2);
    for (const call of calls) expect(call.args[0].input.MaxItems).toBe(CAPACITY_PROVIDER_PAGE_SIZE);
    expect(context.recorder.gaps()).toEqual([]);
  });

  it('an emulator without the API: a gap for capacity providers, and null (not an empty list)', async () => {
    lambdaMock
      .on(ListCapacityProvidersCommand)
      .rejects(lambdaError({ name: 'InternalFailure', status: 501, message: 'not yet implemented' }));
    const context = testContext();

    expect(await collectCapacityProviders(lambda, context)).toBeNull();
    expect(context.recorder.gaps()).toEqual([
      {
        part: 'capacityProviders',
        api: 'lambda:ListCapacityProviders',
        errorCode: 'InternalFailure',
        message: 'not yet implemented',
      },
    ]);
  });

  it('an answer without a provider VpcConfig is a gap, not a guessed provider', async () => {
    lambdaMock
      .on(ListCapacityProvidersCommand)
      .resolves({ CapacityProviders: [{ ...provider('a'), VpcConfig: undefined }] });
    const context = testContext();

    expect(await collectCapacityProviders(lambda, context)).toBeNull();
    expect(context.recorder.gaps()[0]?.message).toBe(`The response has no VpcConfig for ${arnOf('a')}.`);
  });
});

describe('collectCapacityProviderVersions', () => {
  const providers = [
    { ...provider('a'), VpcConfig: { SubnetIds: ['subnet-a'], SecurityGroupIds: [] } },
    { ...provider('b'), VpcConfig: { SubnetIds: ['subnet-b'], SecurityGroupIds: [] } },
  ].map((p) => ({
    CapacityProviderArn: p.CapacityProviderArn ?? '',
    State: 'Active',
    VpcConfig: p.VpcConfig,
    PermissionsConfig: { CapacityProviderOperatorRoleArn: 'arn:aws:iam::123456789012:role/op' },
  }));

  it('lists every page per provider and reads a Failed version reason with GetFunction on its ARN', async () => {
    const failed = 'arn:aws:lambda:eu-west-1:123456789012:function:worker:3';
    lambdaMock
      .on(ListFunctionVersionsByCapacityProviderCommand, { CapacityProviderName: arnOf('a') })
      .resolvesOnce({
        CapacityProviderArn: arnOf('a'),
        FunctionVersions: [
          { FunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:api:1', State: 'Active' },
        ],
        NextMarker: 'v2',
      })
      .resolvesOnce({
        CapacityProviderArn: arnOf('a'),
        FunctionVersions: [{ FunctionArn: failed, State: 'Failed' }],
      })
      .on(ListFunctionVersionsByCapacityProviderCommand, { CapacityProviderName: arnOf('b') })
      .resolves({ CapacityProviderArn: arnOf('b'), FunctionVersions: [] })
      .on(GetFunctionCommand, { FunctionName: failed })
      .resolves({
        Configuration: {
          FunctionName: 'worker',
          State: 'Failed',
          StateReasonCode: 'CapacityProviderScalingLimitExceeded',
          StateReason: 'The capacity provider reached its maximum vCPU count.',
          LastUpdateStatus: 'Failed',
          LastUpdateStatusReasonCode: 'CapacityProviderScalingLimitExceeded',
          LastUpdateStatusReason: 'Scaling limit.',
        },
      });
    const context = testContext();

    const versions = await collectCapacityProviderVersions(lambda, providers, context);

    expect(versions).toEqual({
      [arnOf('a')]: [
        { FunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:api:1', State: 'Active' },
        {
          FunctionArn: failed,
          State: 'Failed',
          StateReasonCode: 'CapacityProviderScalingLimitExceeded',
          StateReason: 'The capacity provider reached its maximum vCPU count.',
          LastUpdateStatus: 'Failed',
          LastUpdateStatusReasonCode: 'CapacityProviderScalingLimitExceeded',
          LastUpdateStatusReason: 'Scaling limit.',
        },
      ],
      [arnOf('b')]: [],
    });
    expect(lambdaMock.commandCalls(GetFunctionCommand)).toHaveLength(1);
    expect(context.recorder.gaps()).toEqual([]);
  });

  it("one provider's failure is a gap naming it; the others are kept", async () => {
    lambdaMock
      .on(ListFunctionVersionsByCapacityProviderCommand, { CapacityProviderName: arnOf('a') })
      .rejects(lambdaError({ name: 'ResourceNotFoundException', status: 404, message: 'gone' }))
      .on(ListFunctionVersionsByCapacityProviderCommand, { CapacityProviderName: arnOf('b') })
      .resolves({ CapacityProviderArn: arnOf('b'), FunctionVersions: [] });
    const context = testContext();

    expect(await collectCapacityProviderVersions(lambda, providers, context)).toEqual({ [arnOf('b')]: [] });
    expect(context.recorder.gaps()).toMatchObject([
      { part: 'capacityProviderVersions', errorCode: 'ResourceNotFoundException', resource: arnOf('a') },
    ]);
  });

  it('every provider denied alike: one gap and null', async () => {
    lambdaMock
      .on(ListFunctionVersionsByCapacityProviderCommand)
      .rejects(LAMBDA_ACCESS_DENIED('lambda:ListFunctionVersionsByCapacityProvider'));
    const context = testContext();

    expect(await collectCapacityProviderVersions(lambda, providers, context)).toBeNull();
    expect(context.recorder.gaps()).toMatchObject([
      { part: 'capacityProviderVersions', errorCode: 'AccessDeniedException' },
    ]);
    expect(context.recorder.gaps()[0]?.resource).toBeUndefined();
  });

  it('without the provider list it is not attempted, and says why', async () => {
    const context = testContext();

    expect(await collectCapacityProviderVersions(lambda, null, context)).toBeNull();
    expect(context.recorder.gaps()).toMatchObject([
      { part: 'capacityProviderVersions', errorCode: 'DependencyNotCollected' },
    ]);
    expect(lambdaMock.calls()).toHaveLength(0);
  });
});
