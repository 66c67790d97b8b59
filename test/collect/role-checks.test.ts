import {
  GetAccountAuthorizationDetailsCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ArrivingItems } from '../../lib/collect/arriving.js';
import { readAccountAuthorization } from '../../lib/collect/authorization.js';
import { collectRoleChecks } from '../../lib/collect/role-checks.js';
import type { FunctionRecord } from '../../lib/model/snapshot.js';
import { fn, VPC_ACCESS_POLICY } from '../fixtures/snapshot-builder.js';
import { iamError, testContext } from './helpers.js';
import { arnOf, type Decide, type MockRole, mockIam } from './iam-mocks.js';

const iam = mockClient(IAMClient);
const client = () => new IAMClient({ region: 'eu-west-1' });
const SCOPE = { partition: 'aws', region: 'eu-west-1', accountId: '123456789012' };

beforeEach(() => iam.reset());

const conditionalDeny = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Deny',
      Action: 'ec2:DeleteNetworkInterface',
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalTag/team': 'legacy' } },
    },
  ],
};

const record = (name: string, role = `${name}-role`) =>
  fn({ name, role: arnOf(role), subnets: ['subnet-a'], securityGroups: ['sg-1'] });

async function check(roles: MockRole[], records: FunctionRecord[], decide?: Decide) {
  mockIam(iam, roles, decide ? { decide } : {});
  const context = testContext();
  const authorization = await readAccountAuthorization(client());
  const checks = await collectRoleChecks(client(), records, authorization, SCOPE, context, {
    concurrency: 2,
  });
  const simulated = iam
    .commandCalls(SimulatePrincipalPolicyCommand)
    .map((c) => c.args[0].input.PolicySourceArn);
  return { ...checks, simulated: simulated.sort(), gaps: context.recorder.gaps() };
}

describe('collectRoleChecks', () => {
  it('simulates one role per managed-policy set, reads the AWS managed policy once, and records the policies', async () => {
    const roles = ['a', 'b', 'c'].map((n) => ({ name: `${n}-role` }));
    const { simulated, rolePolicies, rolePermissions } = await check(roles, [
      record('a'),
      record('b'),
      record('c'),
    ]);

    expect(simulated).toEqual([arnOf('a-role')]);
    expect(iam.commandCalls(GetPolicyCommand)).toHaveLength(1);
    expect(iam.commandCalls(GetPolicyVersionCommand)).toHaveLength(1);
    expect(Object.keys(rolePolicies.roles)).toEqual(['a-role', 'b-role', 'c-role'].map(arnOf));
    expect(rolePolicies.managedPolicies).toEqual({ [VPC_ACCESS_POLICY.Arn]: VPC_ACCESS_POLICY });
    expect(Object.keys(rolePermissions ?? {})).toEqual([arnOf('a-role')]);
  });

  it('simulates a role whose Condition leaves it undecided, besides the sample', async () => {
    const roles = [{ name: 'a-role' }, { name: 'b-role', inline: { guard: conditionalDeny } }];
    const { simulated } = await check(roles, [record('a'), record('b')]);
    expect(simulated).toEqual([arnOf('a-role'), arnOf('b-role')]);
  });

  it('simulates every role of a set once AWS Organizations denied its sample something', async () => {
    const roles = ['a', 'b', 'c'].map((n) => ({ name: `${n}-role` }));
    const { simulated, rolePolicies } = await check(
      roles,
      [record('a'), record('b'), record('c')],
      (_role, action) =>
        action === 'ec2:DeleteNetworkInterface'
          ? { decision: 'explicitDeny', organizations: false }
          : { decision: 'allowed', organizations: true },
    );
    expect(simulated).toEqual(['a-role', 'b-role', 'c-role'].map(arnOf));
    expect(rolePolicies.organizationsDenied).toEqual(
      Object.fromEntries(
        ['a-role', 'b-role', 'c-role'].map((r) => [arnOf(r), ['ec2:DeleteNetworkInterface']]),
      ),
    );
  });

  it('simulates every role whose AWS managed policy could not be read: it might deny anything', async () => {
    const roles = ['a', 'b'].map((n) => ({ name: `${n}-role` }));
    mockIam(iam, roles);
    iam
      .on(GetPolicyCommand)
      .rejects(
        iamError({ name: 'AccessDenied', status: 403, message: 'not authorized to perform: iam:GetPolicy' }),
      );
    const context = testContext();
    const authorization = await readAccountAuthorization(client());
    const { rolePolicies } = await collectRoleChecks(
      client(),
      [record('a'), record('b')],
      authorization,
      SCOPE,
      context,
    );

    expect(iam.commandCalls(SimulatePrincipalPolicyCommand)).toHaveLength(2);
    expect(rolePolicies.managedPolicies).toEqual({});
    expect(context.recorder.gaps()).toEqual([
      expect.objectContaining({
        part: 'rolePolicies',
        api: 'iam:GetPolicy',
        resource: VPC_ACCESS_POLICY.Arn,
      }),
    ]);
  });

  it('evaluates records as they arrive, and leaves out non-VPC records and roles that do not exist', async () => {
    mockIam(iam, [{ name: 'a-role' }]);
    const authorization = await readAccountAuthorization(client());
    const arriving = new ArrivingItems<FunctionRecord>();
    const done = collectRoleChecks(client(), arriving, authorization, SCOPE, testContext());
    arriving.push([
      record('a'),
      fn({ name: 'plain', role: arnOf('a-role') }),
      record('gone', 'deleted-role'),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The sample's simulation started before the list ended.
    expect(iam.commandCalls(SimulatePrincipalPolicyCommand)).toHaveLength(1);
    arriving.end();
    const { rolePolicies } = await done;
    expect(Object.keys(rolePolicies.roles)).toEqual([arnOf('a-role')]);
  });

  it('records one gap and no answers when every simulation failed alike', async () => {
    const roles = [{ name: 'a-role' }, { name: 'b-role', inline: { guard: conditionalDeny } }];
    mockIam(iam, roles);
    iam.on(SimulatePrincipalPolicyCommand).rejects(
      iamError({
        name: 'AccessDenied',
        status: 403,
        message: 'not authorized to perform: iam:SimulatePrincipalPolicy',
      }),
    );
    const context = testContext();
    const authorization = await readAccountAuthorization(client());
    const checks = await collectRoleChecks(
      client(),
      [record('a'), record('b')],
      authorization,
      SCOPE,
      context,
    );
    expect(checks.rolePermissions).toBeNull();
    expect(checks.rolePolicies.organizationsDenied).toEqual({});
    expect(context.recorder.gaps()).toEqual([
      expect.objectContaining({
        part: 'rolePermissions',
        api: 'iam:SimulatePrincipalPolicy',
        errorCode: 'AccessDenied',
      }),
    ]);
  });
});

describe('GetAccountAuthorizationDetails in a collection', () => {
  it('is asked for roles and customer managed policies only, 1000 at a time', async () => {
    mockIam(iam, []);
    await readAccountAuthorization(client());
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)[0]?.args[0].input).toEqual({
      Filter: ['Role', 'LocalManagedPolicy'],
      MaxItems: 1000,
    });
  });
});
