import {
  IAMClient,
  ListRolesCommand,
  type ListRolesCommandOutput,
  SimulatePrincipalPolicyCommand,
  TagRoleCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClients, type RequestHandler } from '../../lib/aws/clients.js';
import { withRateLimits } from '../../lib/aws/rate-limited.js';
import { RateLimiters } from '../../lib/aws/rate-plan.js';
import { cacheKeyOf, iamSharedPerAccount, sharedIamClient, stableJson } from '../../lib/aws/shared-iam.js';
import { TIME_BUDGET_EXCEEDED, TimeBudgetExceededError, withTimeBudget } from '../../lib/aws/time-budget.js';
import { TokenBucket } from '../../lib/aws/token-bucket.js';
import { collectRoles } from '../../lib/collect/iam.js';
import { collectRolePermissions } from '../../lib/collect/role-permissions.js';
import { iamError, testContext } from '../collect/helpers.js';
import { fn, role } from '../fixtures/snapshot-builder.js';

const ROLES: Partial<ListRolesCommandOutput> = {
  Roles: [
    {
      Path: '/',
      RoleName: 'api-role',
      RoleId: 'AROAAPI',
      Arn: 'arn:aws:iam::123456789012:role/api-role',
      CreateDate: new Date('2024-01-01T00:00:00Z'),
    },
  ],
  IsTruncated: false,
};

const mockIam = () => mockClient(IAMClient);

const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('cache key', () => {
  it('is the command and its input, whatever order the input was built in', () => {
    expect(stableJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    );
    expect(cacheKeyOf(new ListRolesCommand({ MaxItems: 1000, Marker: 'm' }))).toBe(
      cacheKeyOf(new ListRolesCommand({ Marker: 'm', MaxItems: 1000 })),
    );
    expect(cacheKeyOf(new ListRolesCommand({ Marker: 'm' }))).toBe('ListRolesCommand {"Marker":"m"}');
    expect(cacheKeyOf(new ListRolesCommand({}))).not.toBe(cacheKeyOf(new ListRolesCommand({ Marker: 'm' })));
    // Only reads are answered from the cache.
    expect(cacheKeyOf(new TagRoleCommand({ RoleName: 'r', Tags: [] }))).toBeUndefined();
  });
});

describe('sharedIamClient', () => {
  let iamMock: ReturnType<typeof mockIam>;
  beforeEach(() => {
    iamMock = mockIam();
  });
  afterEach(() => iamMock.restore());

  /** The abort signal the shared client gave IAM's `send` for its `index`th ListRoles call. */
  const signalOfCall = (index: number): AbortSignal | undefined => {
    const options: unknown = (
      iamMock.commandCalls(ListRolesCommand)[index]?.args as unknown[] | undefined
    )?.[1];
    const signal: unknown =
      typeof options === 'object' && options !== null ? Reflect.get(options, 'abortSignal') : undefined;
    return signal instanceof AbortSignal ? signal : undefined;
  };

  const newIam = () => new IAMClient({ region: 'eu-west-1' });

  it('answers a repeated read from the first answer: one IAM call, the same (frozen) object', async () => {
    iamMock.on(ListRolesCommand).callsFake(async () => structuredClone(ROLES));
    const shared = sharedIamClient(newIam());

    const first = await shared.send(new ListRolesCommand({ MaxItems: 1000 }));
    const second = await shared.send(new ListRolesCommand({ MaxItems: 1000 }));
    const other = await shared.send(new ListRolesCommand({ MaxItems: 1000, Marker: 'p2' }));

    expect(iamMock.commandCalls(ListRolesCommand)).toHaveLength(2);
    expect(second).toBe(first);
    expect(other).not.toBe(first);
    // No Region can change what another one reads.
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.Roles?.[0])).toBe(true);
    // Still an IAMClient: the SDK's paginators accept it.
    expect(shared).toBeInstanceOf(IAMClient);
  });

  it('makes one call for two identical reads in flight at once', async () => {
    iamMock.on(ListRolesCommand).callsFake(() => later(50, structuredClone(ROLES)));
    const shared = sharedIamClient(newIam());

    const [a, b] = await Promise.all([
      shared.send(new ListRolesCommand({ MaxItems: 1000 })),
      shared.send(new ListRolesCommand({ MaxItems: 1000 })),
    ]);

    expect(iamMock.commandCalls(ListRolesCommand)).toHaveLength(1);
    expect(a).toBe(b);
  });

  it('keeps no failure: the next caller asks IAM again and gets its answer', async () => {
    iamMock
      .on(SimulatePrincipalPolicyCommand)
      .rejectsOnce(iamError({ name: 'ServiceFailure', status: 500, message: 'bad moment' }))
      .resolves({ EvaluationResults: [], IsTruncated: false });
    const shared = sharedIamClient(newIam());
    const input = { PolicySourceArn: 'arn:aws:iam::123456789012:role/api-role', ActionNames: ['ec2:X'] };

    await expect(shared.send(new SimulatePrincipalPolicyCommand(input))).rejects.toThrow('bad moment');
    await expect(shared.send(new SimulatePrincipalPolicyCommand(input))).resolves.toMatchObject({
      EvaluationResults: [],
    });

    expect(iamMock.commandCalls(SimulatePrincipalPolicyCommand)).toHaveLength(2);
  });

  it("a failed simulation is each Region's own gap: a later Region's collector simulates again", async () => {
    iamMock
      .on(SimulatePrincipalPolicyCommand)
      .rejectsOnce(iamError({ name: 'ServiceFailure', status: 500, message: 'bad moment' }))
      .callsFake(async (input: { ActionNames: string[] }) => ({
        EvaluationResults: input.ActionNames.map((action) => ({
          EvalActionName: action,
          EvalDecision: 'allowed',
        })),
        IsTruncated: false,
      }));
    const shared = sharedIamClient(newIam());
    const functions = [
      fn({ name: 'api', subnets: ['subnet-a'], securityGroups: ['sg-1'], role: 'api-role' }),
    ];
    const roles = [role('api-role')];

    const first = testContext();
    expect(await collectRolePermissions(shared, functions, roles, first)).toEqual({});
    const second = testContext();
    const permissions = await collectRolePermissions(shared, functions, roles, second);

    expect(first.recorder.gaps()).toEqual([expect.objectContaining({ errorCode: 'ServiceFailure' })]);
    expect(second.recorder.gaps()).toEqual([]);
    expect(Object.values(permissions ?? {})).toHaveLength(1);
  });

  it("one Region's deadline cuts its own wait, not the shared call another Region is waiting for", async () => {
    iamMock.on(ListRolesCommand).callsFake(() => later(400, structuredClone(ROLES)));
    const shared = sharedIamClient(newIam());
    // As in collectSnapshot: each collection's time budget sits over the shared client.
    const regionA = withTimeBudget({ iam: shared }, new Date(Date.now() + 100)).iam;
    const regionB = withTimeBudget({ iam: shared }, new Date(Date.now() + 10_000)).iam;
    const a = testContext();
    const b = testContext();

    const started = Date.now();
    const [rolesA, rolesB] = await Promise.all([
      collectRoles(regionA, a).then((roles) => [roles, Date.now() - started] as const),
      collectRoles(regionB, b),
    ]);

    // A: cut at its deadline, a gap of its own; it did not wait for the answer.
    expect(rolesA[0]).toBeNull();
    expect(rolesA[1]).toBeLessThan(350);
    expect(a.recorder.gaps()).toEqual([
      expect.objectContaining({ part: 'roles', api: 'iam:ListRoles', errorCode: TIME_BUDGET_EXCEEDED }),
    ]);
    // B: the answer, from the one call, which A's deadline did not abort.
    expect(rolesB?.map((r) => r.RoleName)).toEqual(['api-role']);
    expect(b.recorder.gaps()).toEqual([]);
    expect(iamMock.commandCalls(ListRolesCommand)).toHaveLength(1);
    expect(signalOfCall(0)?.aborted).toBe(false);
  });

  it('aborts the call when every caller waiting for it has given up, and asks again for the next one', async () => {
    iamMock.on(ListRolesCommand).callsFake(() => later(300, structuredClone(ROLES)));
    const shared = sharedIamClient(newIam());
    const expiring = withTimeBudget({ iam: shared }, new Date(Date.now() + 50)).iam;

    await expect(expiring.send(new ListRolesCommand({}))).rejects.toBeInstanceOf(TimeBudgetExceededError);
    expect(signalOfCall(0)?.aborted).toBe(true);

    await expect(shared.send(new ListRolesCommand({}))).resolves.toMatchObject({ IsTruncated: false });
    expect(iamMock.commandCalls(ListRolesCommand)).toHaveLength(2);
  });

  it('sends anything but a read straight to IAM', async () => {
    iamMock.on(TagRoleCommand).resolves({});
    const shared = sharedIamClient(newIam());

    await shared.send(new TagRoleCommand({ RoleName: 'r', Tags: [] }));
    await shared.send(new TagRoleCommand({ RoleName: 'r', Tags: [] }));

    expect(iamMock.commandCalls(TagRoleCommand)).toHaveLength(2);
  });
});

describe('iamSharedPerAccount', () => {
  it('gives every collection of one account the same client, built on the first one given, and no other account', () => {
    const shareFor = iamSharedPerAccount();
    const first = new IAMClient({ region: 'eu-west-1' });
    const euWest = shareFor('111111111111')(first);
    const usEast = shareFor('111111111111')(new IAMClient({ region: 'us-east-1' }));
    const member = shareFor('222222222222')(new IAMClient({ region: 'eu-west-1' }));

    expect(usEast).toBe(euWest);
    expect(member).not.toBe(euWest);
    expect(euWest.config).toBe(first.config);
    // A new run, a new registry: nothing kept from the last one.
    expect(iamSharedPerAccount()('111111111111')(first)).not.toBe(euWest);
  });
});

describe('the account-wide IAM bucket', () => {
  /** IAM throttling like AWS, per account: 5 calls at once, 5 more per second (assumed). */
  function throttlingIam() {
    const bucket = new TokenBucket({ capacity: 5, refillPerSecond: 5 });
    const seen = { calls: 0, throttled: 0 };
    const xml = (status: number, body: string) => ({
      response: {
        statusCode: status,
        headers: { 'content-type': 'text/xml' },
        body: new TextEncoder().encode(body),
      },
    });
    const handler: RequestHandler = {
      handle: async () => {
        seen.calls += 1;
        if (!bucket.tryTake()) {
          seen.throttled += 1;
          return xml(
            400,
            '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>',
          );
        }
        return xml(
          200,
          '<ListRolesResponse><ListRolesResult><IsTruncated>false</IsTruncated><Roles></Roles></ListRolesResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListRolesResponse>',
        );
      },
      updateHttpClientConfig: () => {},
      httpHandlerConfigs: () => ({}),
    };
    return { handler, seen };
  }

  it("paces every Region's IAM calls through one bucket, so together they stay under the account's rate", async () => {
    const aws = throttlingIam();
    const overrides = { requestHandler: aws.handler, maxAttempts: 1 };
    const shareFor = iamSharedPerAccount()('123456789012');
    // Two Regions' collections, each with its own rate limiters (one IAM bucket each), as collectSnapshot has.
    const regions = ['eu-west-1', 'us-east-1'].map((region) => {
      const clients = createClients({ region, overrides });
      return withRateLimits({ ...clients, iam: shareFor(clients.iam) }, new RateLimiters()).iam;
    });

    // Six different reads from each: twelve, more than the two Region buckets' four each let out at once.
    await Promise.all(
      regions.flatMap((iam, r) =>
        Array.from({ length: 6 }, (_, i) => iam.send(new ListRolesCommand({ PathPrefix: `/r${r}/p${i}/` }))),
      ),
    );

    expect(aws.seen).toEqual({ calls: 12, throttled: 0 });
  });
});
