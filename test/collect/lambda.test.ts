import {
  type FunctionConfiguration,
  GetAccountSettingsCommand,
  GetFunctionCommand,
  LambdaClient,
  ListFunctionsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  collectAccountSettings,
  collectFunctionDetails,
  collectFunctions,
  LIST_FUNCTIONS_PAGE_SIZE,
  vpcFunctionNames,
} from '../../lib/collect/lambda.js';
import { FunctionRecordSchema } from '../../lib/model/snapshot.js';
import { LAMBDA_ACCESS_DENIED, lambdaError, testContext } from './helpers.js';

const lambdaMock = mockClient(LambdaClient);
const lambda = new LambdaClient({ region: 'eu-west-1' });
const FAST = { concurrency: 4, perSecond: 1000 };

/** A ListFunctions item as AWS returns it (more fields than the snapshot keeps). */
function functionConfiguration(
  name: string,
  version = '$LATEST',
  vpc?: { subnets: string[]; groups: string[]; vpcId?: string },
): FunctionConfiguration {
  return {
    FunctionName: name,
    FunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${name}${version === '$LATEST' ? '' : `:${version}`}`,
    Runtime: 'nodejs22.x',
    Role: `arn:aws:iam::123456789012:role/${name}-role`,
    Handler: 'index.handler',
    CodeSize: 1234,
    Description: '',
    Timeout: 30,
    MemorySize: 1024,
    LastModified: '2025-06-01T10:00:00.000+0000',
    CodeSha256: 'abc=',
    Version: version,
    VpcConfig: vpc
      ? {
          SubnetIds: vpc.subnets,
          SecurityGroupIds: vpc.groups,
          VpcId: vpc.vpcId ?? 'vpc-1',
          Ipv6AllowedForDualStack: false,
        }
      : { SubnetIds: [], SecurityGroupIds: [], VpcId: '' },
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: 'r-1',
    PackageType: 'Zip',
    Architectures: ['arm64'],
    EphemeralStorage: { Size: 512 },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${name}` },
  };
}

beforeEach(() => {
  lambdaMock.reset();
});

describe('collectFunctions', () => {
  it('reads every page, published versions included, and trims items to the schema', async () => {
    lambdaMock
      .on(ListFunctionsCommand)
      .resolvesOnce({
        Functions: [
          functionConfiguration('api', '$LATEST', { subnets: ['subnet-a'], groups: ['sg-1'] }),
          functionConfiguration('api', '1', { subnets: ['subnet-a'], groups: ['sg-1'] }),
        ],
        NextMarker: 'page-2',
      })
      .resolvesOnce({ Functions: [functionConfiguration('cron')], NextMarker: 'page-3' })
      .resolvesOnce({
        Functions: [functionConfiguration('worker', '7', { subnets: ['subnet-b'], groups: [] })],
      });
    const context = testContext();

    const functions = await collectFunctions(lambda, context);

    expect(functions?.map((f) => `${f.FunctionName}:${f.Version}`)).toEqual([
      'api:$LATEST',
      'api:1',
      'cron:$LATEST',
      'worker:7',
    ]);
    const calls = lambdaMock.commandCalls(ListFunctionsCommand);
    expect(calls).toHaveLength(3);
    expect(calls[0]?.args[0].input).toMatchObject({
      FunctionVersion: 'ALL',
      MaxItems: LIST_FUNCTIONS_PAGE_SIZE,
    });
    for (const record of functions ?? []) expect(FunctionRecordSchema.parse(record)).toEqual(record);
    expect(functions?.[0]).not.toHaveProperty('Handler');
    expect(functions?.[0]?.VpcConfig).toEqual({
      SubnetIds: ['subnet-a'],
      SecurityGroupIds: ['sg-1'],
      VpcId: 'vpc-1',
      Ipv6AllowedForDualStack: false,
    });
    expect(context.progress.at(-1)).toEqual({ api: 'lambda:ListFunctions', pages: 3, items: 4 });
    expect(context.recorder.gaps()).toEqual([]);
  });

  it('stops when the endpoint repeats a marker instead of looping forever, and trusts none of the list', async () => {
    lambdaMock
      .on(ListFunctionsCommand)
      .resolvesOnce({ Functions: [functionConfiguration('a')], NextMarker: 'same' })
      .resolves({ Functions: [functionConfiguration('b')], NextMarker: 'same' });
    const context = testContext();

    expect(await collectFunctions(lambda, context)).toBeNull();

    expect(lambdaMock.commandCalls(ListFunctionsCommand)).toHaveLength(2);
    expect(context.recorder.gaps()).toEqual([
      expect.objectContaining({ part: 'functions', errorCode: 'RepeatedPageTokenError' }),
    ]);
  });

  it('is null with a gap, not an empty list, when ListFunctions is denied', async () => {
    lambdaMock.on(ListFunctionsCommand).rejects(LAMBDA_ACCESS_DENIED('lambda:ListFunctions'));
    const context = testContext();

    expect(await collectFunctions(lambda, context)).toBeNull();
    expect(context.recorder.gaps()).toEqual([
      expect.objectContaining({
        part: 'functions',
        api: 'lambda:ListFunctions',
        errorCode: 'AccessDeniedException',
      }),
    ]);
  });

  it('turns an item missing a field AWS always sends into a gap, not a guessed value', async () => {
    const { MemorySize: _, ...withoutMemory } = functionConfiguration('odd');
    lambdaMock.on(ListFunctionsCommand).resolves({ Functions: [withoutMemory] });
    const context = testContext();

    expect(await collectFunctions(lambda, context)).toBeNull();
    expect(context.recorder.gaps()[0]).toMatchObject({
      errorCode: 'IncompleteResponseError',
      message: 'The response has no MemorySize for odd.',
    });
  });
});

describe('vpcFunctionNames', () => {
  it('names each function with any VPC-enabled record once; SubnetIds [] is not in a VPC', async () => {
    lambdaMock.on(ListFunctionsCommand).resolves({
      Functions: [
        functionConfiguration('api'),
        functionConfiguration('api', '3', { subnets: ['subnet-a'], groups: ['sg-1'] }),
        functionConfiguration('worker', '$LATEST', { subnets: ['subnet-b'], groups: ['sg-2'] }),
        functionConfiguration('worker', '1', { subnets: ['subnet-b'], groups: ['sg-2'] }),
        functionConfiguration('plain'),
      ],
    });
    const functions = (await collectFunctions(lambda, testContext())) ?? [];
    expect(vpcFunctionNames(functions)).toEqual(['api', 'worker']);
  });
});

describe('collectFunctionDetails', () => {
  it('calls GetFunction only for the names given and keeps state, reserved concurrency and tags', async () => {
    lambdaMock
      .on(GetFunctionCommand, { FunctionName: 'api' })
      .resolves({
        Configuration: {
          ...functionConfiguration('api'),
          State: 'Inactive',
          StateReasonCode: 'Idle',
          StateReason: 'The function is inactive.',
          LastUpdateStatus: 'Successful',
        },
        Code: {
          RepositoryType: 'S3',
          Location: 'https://awslambda-eu-west-1-tasks.s3.amazonaws.com/presigned',
        },
        Tags: { team: 'payments' },
        Concurrency: { ReservedConcurrentExecutions: 50 },
      })
      .on(GetFunctionCommand, { FunctionName: 'worker' })
      .resolves({ Configuration: { ...functionConfiguration('worker'), State: 'Active' } });
    const context = testContext();

    const details = await collectFunctionDetails(lambda, ['api', 'worker'], context, FAST);

    expect(details).toEqual({
      api: {
        FunctionName: 'api',
        State: 'Inactive',
        StateReasonCode: 'Idle',
        StateReason: 'The function is inactive.',
        LastUpdateStatus: 'Successful',
        ReservedConcurrentExecutions: 50,
        Tags: { team: 'payments' },
      },
      worker: { FunctionName: 'worker', State: 'Active', Tags: {} },
    });
    expect(details?.worker).not.toHaveProperty('ReservedConcurrentExecutions');
    expect(
      lambdaMock
        .commandCalls(GetFunctionCommand)
        .map((c) => c.args[0].input.FunctionName)
        .sort(),
    ).toEqual(['api', 'worker']);
    expect(context.progress.at(-1)).toEqual({ api: 'lambda:GetFunction', pages: 2, items: 2 });
  });

  it('records a gap naming the one function whose GetFunction failed and keeps the others', async () => {
    lambdaMock
      .on(GetFunctionCommand)
      .resolves({ Configuration: { State: 'Active' } })
      .on(GetFunctionCommand, { FunctionName: 'gone' })
      .rejects(
        new ResourceNotFoundException({
          message: 'Function not found: arn:aws:lambda:eu-west-1:123456789012:function:gone',
          $metadata: { httpStatusCode: 404 },
        }),
      );
    const context = testContext();

    const details = await collectFunctionDetails(lambda, ['a', 'gone', 'b'], context, FAST);

    expect(Object.keys(details ?? {}).sort()).toEqual(['a', 'b']);
    expect(context.recorder.gaps()).toEqual([
      {
        part: 'functionDetails',
        api: 'lambda:GetFunction',
        errorCode: 'ResourceNotFoundException',
        message: expect.stringContaining('Function not found'),
        resource: 'gone',
      },
    ]);
  });

  it('is null with one gap when every GetFunction is denied (the permission is missing)', async () => {
    lambdaMock.on(GetFunctionCommand).rejects(LAMBDA_ACCESS_DENIED('lambda:GetFunction'));
    const context = testContext();

    expect(await collectFunctionDetails(lambda, ['a', 'b', 'c'], context, FAST)).toBeNull();
    expect(context.recorder.gaps()).toEqual([
      expect.objectContaining({
        part: 'functionDetails',
        api: 'lambda:GetFunction',
        errorCode: 'AccessDeniedException',
      }),
    ]);
    expect(context.recorder.gaps()[0]).not.toHaveProperty('resource');
  });

  it('records refused tags as a gap for that function but keeps its state', async () => {
    lambdaMock.on(GetFunctionCommand).resolves({
      Configuration: { State: 'Active' },
      TagsError: {
        ErrorCode: 'AccessDeniedException',
        Message: 'not authorized to perform: lambda:ListTags',
      },
    });
    const context = testContext();

    const details = await collectFunctionDetails(lambda, ['api'], context, FAST);

    expect(details?.api?.State).toBe('Active');
    expect(context.recorder.gaps()).toEqual([
      {
        part: 'functionDetails',
        api: 'lambda:ListTags',
        errorCode: 'AccessDeniedException',
        message: 'not authorized to perform: lambda:ListTags',
        resource: 'api',
      },
    ]);
  });

  it('records one ListTags gap, not one per function, when every function had its tags refused alike', async () => {
    lambdaMock.on(GetFunctionCommand).resolves({
      Configuration: { State: 'Active' },
      TagsError: {
        ErrorCode: 'AccessDeniedException',
        Message: 'not authorized to perform: lambda:ListTags',
      },
    });
    const context = testContext();

    const details = await collectFunctionDetails(lambda, ['a', 'b', 'c'], context, FAST);

    expect(Object.keys(details ?? {})).toEqual(['a', 'b', 'c']);
    expect(context.recorder.gaps()).toEqual([
      {
        part: 'functionDetails',
        api: 'lambda:ListTags',
        errorCode: 'AccessDeniedException',
        message: 'not authorized to perform: lambda:ListTags',
      },
    ]);
  });

  it('keeps the part (empty) when the only VPC function cannot be read', async () => {
    lambdaMock.on(GetFunctionCommand).rejects(LAMBDA_ACCESS_DENIED('lambda:GetFunction'));
    const context = testContext();

    expect(await collectFunctionDetails(lambda, ['solo'], context, FAST)).toEqual({});
    expect(context.recorder.gaps()).toEqual([expect.objectContaining({ resource: 'solo' })]);
  });

  it('makes no call and returns {} when no function is in a VPC', async () => {
    expect(await collectFunctionDetails(lambda, [], testContext(), FAST)).toEqual({});
    expect(lambdaMock.commandCalls(GetFunctionCommand)).toHaveLength(0);
  });
});

describe('collectAccountSettings', () => {
  it('keeps the account concurrency limits', async () => {
    lambdaMock.on(GetAccountSettingsCommand).resolves({
      AccountLimit: {
        TotalCodeSize: 80530636800,
        CodeSizeUnzipped: 262144000,
        CodeSizeZipped: 52428800,
        ConcurrentExecutions: 1000,
        UnreservedConcurrentExecutions: 850,
      },
      AccountUsage: { TotalCodeSize: 1000, FunctionCount: 12 },
    });
    expect(await collectAccountSettings(lambda, testContext())).toEqual({
      ConcurrentExecutions: 1000,
      UnreservedConcurrentExecutions: 850,
    });
  });

  it('is null with a gap when the endpoint does not implement it', async () => {
    lambdaMock
      .on(GetAccountSettingsCommand)
      .rejects(lambdaError({ name: 'UnknownOperationException', status: 404, message: 'Unknown operation' }));
    const context = testContext();
    expect(await collectAccountSettings(lambda, context)).toBeNull();
    expect(context.recorder.gaps()).toEqual([
      expect.objectContaining({ part: 'accountSettings', errorCode: 'UnknownOperationException' }),
    ]);
  });
});
