import { IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  collectRolePermissions,
  executionRolesToSimulate,
  type RolePermissionLimits,
} from '../../lib/collect/role-permissions.js';
import { LAMBDA_ENI_ACTIONS } from '../../lib/model/lambda-eni-actions.js';
import { operatorRoleChecks } from '../../lib/model/role-checks.js';
import type { PolicyDecision } from '../../lib/model/snapshot.js';
import { capacityProvider, fn, role, roleArn } from '../fixtures/snapshot-builder.js';
import { iamError, testContext } from './helpers.js';

const iamMock = mockClient(IAMClient);
const iam = new IAMClient({ region: 'eu-west-1' });
const FAST: RolePermissionLimits = { concurrency: 2 };

const IAM_ACCESS_DENIED = () =>
  iamError({
    name: 'AccessDenied',
    status: 403,
    message:
      'User: arn:aws:sts::123456789012:assumed-role/auditor/session is not authorized to perform: iam:SimulatePrincipalPolicy on resource: role x',
  });

/** SimulatePrincipalPolicy's answer: every asked action allowed unless `decisions` says otherwise. */
function answer(actions: readonly string[], decisions: Record<string, PolicyDecision> = {}) {
  return {
    EvaluationResults: actions.map((action) => ({
      EvalActionName: action,
      EvalResourceName: '*',
      EvalDecision: decisions[action] ?? 'allowed',
      MatchedStatements: [],
      MissingContextValues: [],
    })),
    IsTruncated: false,
  };
}

const functions = [
  fn({ name: 'api', role: 'api-role', subnets: ['subnet-a'], securityGroups: ['sg-1'] }),
  // A published version keeps the role it was published with.
  fn({ name: 'api', version: '1', role: 'api-old-role', subnets: ['subnet-a'], securityGroups: ['sg-1'] }),
  fn({ name: 'worker', role: 'api-role', subnets: ['subnet-b'], securityGroups: ['sg-1'] }),
  fn({ name: 'plain', role: 'plain-role' }),
  fn({ name: 'orphaned', role: 'deleted-role', subnets: ['subnet-a'], securityGroups: ['sg-1'] }),
];
const roles = [role('api-role'), role('api-old-role'), role('plain-role')];

beforeEach(() => {
  iamMock.reset();
});

describe('executionRolesToSimulate', () => {
  it('lists each existing role of a VPC-enabled record once, sorted', () => {
    expect(executionRolesToSimulate(functions, roles)).toEqual([
      roleArn('api-old-role'),
      roleArn('api-role'),
    ]);
  });
});

describe('collectRolePermissions', () => {
  it("simulates an operator role on its provider's resources, an action's decision the strictest over them", async () => {
    // api-role is both an execution role and the provider's operator role: each purpose's actions, merged.
    const checks = operatorRoleChecks(
      [
        capacityProvider({
          name: 'pool',
          subnets: ['subnet-a'],
          securityGroups: ['sg-1'],
          operatorRole: 'api-role',
        }),
      ],
      'eu-west-1',
      '123456789012',
    );
    iamMock
      .on(SimulatePrincipalPolicyCommand)
      .callsFake(async (input: { ActionNames: string[]; ResourceArns?: string[] }) =>
        answer(
          input.ActionNames,
          // RunInstances is denied on the image only: still denied as an action Lambda needs.
          input.ActionNames.includes('ec2:RunInstances') ? { 'ec2:RunInstances': 'implicitDeny' } : {},
        ),
      );
    const context = testContext();

    const permissions = await collectRolePermissions(
      iam,
      functions.slice(0, 1),
      roles,
      context,
      FAST,
      Promise.resolve(checks),
    );

    expect(permissions?.[roleArn('api-role')]).toEqual({
      ...Object.fromEntries(LAMBDA_ENI_ACTIONS.map((action) => [action, 'allowed'])),
      'ec2:RunInstances': 'implicitDeny',
      'ec2:AttachNetworkInterface': 'allowed',
      'ec2:CreateTags': 'allowed',
    });
    const calls = iamMock.commandCalls(SimulatePrincipalPolicyCommand).map((c) => c.args[0].input);
    // One call for the execution role's five actions on "*", three for the operator role's requirements.
    expect(calls.map((c) => c.ResourceArns?.length ?? 0)).toEqual([0, 6, 2, 2]);
    expect(calls[1]?.ResourceArns).toContain('arn:aws:ec2:eu-west-1::image/*');
    expect(context.recorder.gaps()).toEqual([]);
  });

  it('simulates the five ENI actions once per distinct role and records every decision', async () => {
    iamMock
      .on(SimulatePrincipalPolicyCommand)
      .callsFake(async (input: { PolicySourceArn: string; ActionNames: string[] }) =>
        answer(
          input.ActionNames,
          input.PolicySourceArn === roleArn('api-old-role')
            ? { 'ec2:DeleteNetworkInterface': 'implicitDeny', 'ec2:CreateNetworkInterface': 'explicitDeny' }
            : {},
        ),
      );
    const context = testContext();

    const permissions = await collectRolePermissions(iam, functions, roles, context, FAST);

    const calls = iamMock.commandCalls(SimulatePrincipalPolicyCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => c.PolicySourceArn).sort()).toEqual([
      roleArn('api-old-role'),
      roleArn('api-role'),
    ]);
    for (const call of calls) expect(call.ActionNames).toEqual([...LAMBDA_ENI_ACTIONS]);
    expect(permissions?.[roleArn('api-old-role')]).toEqual({
      'ec2:CreateNetworkInterface': 'explicitDeny',
      'ec2:DescribeNetworkInterfaces': 'allowed',
      'ec2:DeleteNetworkInterface': 'implicitDeny',
      'ec2:AssignPrivateIpAddresses': 'allowed',
      'ec2:UnassignPrivateIpAddresses': 'allowed',
    });
    expect(Object.values(permissions?.[roleArn('api-role')] ?? {})).toEqual(Array(5).fill('allowed'));
    expect(context.recorder.gaps()).toEqual([]);
    expect(context.progress.at(-1)).toEqual({ api: 'iam:SimulatePrincipalPolicy', pages: 2, items: 2 });
  });

  it('keeps the other roles and records a gap naming the role whose simulation failed', async () => {
    iamMock
      .on(SimulatePrincipalPolicyCommand)
      .callsFake(async (input: { ActionNames: string[] }) => answer(input.ActionNames))
      .on(SimulatePrincipalPolicyCommand, { PolicySourceArn: roleArn('api-old-role') })
      .rejects(
        iamError({
          name: 'NoSuchEntity',
          status: 404,
          message: 'The role with name api-old-role cannot be found.',
        }),
      );
    const context = testContext();

    const permissions = await collectRolePermissions(iam, functions, roles, context, FAST);

    expect(Object.keys(permissions ?? {})).toEqual([roleArn('api-role')]);
    expect(context.recorder.gaps()).toEqual([
      {
        part: 'rolePermissions',
        api: 'iam:SimulatePrincipalPolicy',
        errorCode: 'NoSuchEntity',
        message: 'The role with name api-old-role cannot be found.',
        resource: roleArn('api-old-role'),
      },
    ]);
  });

  it('is null with one gap when every simulation is denied alike', async () => {
    iamMock.on(SimulatePrincipalPolicyCommand).rejects(IAM_ACCESS_DENIED());
    const context = testContext();

    const permissions = await collectRolePermissions(iam, functions, roles, context, FAST);

    expect(permissions).toBeNull();
    expect(context.recorder.gaps()).toEqual([
      expect.objectContaining({ part: 'rolePermissions', errorCode: 'AccessDenied' }),
    ]);
    expect(context.recorder.gaps()[0]?.resource).toBeUndefined();
  });

  it('makes an answer it cannot read a gap for that role, never a decision', async () => {
    // A value outside the documented enum (an emulator, a future decision type).
    iamMock.on(SimulatePrincipalPolicyCommand).callsFake(async () => ({
      EvaluationResults: [{ EvalActionName: 'ec2:CreateNetworkInterface', EvalDecision: 'maybe' }],
    }));
    const context = testContext();
    const only = [fn({ name: 'api', role: 'api-role', subnets: ['subnet-a'], securityGroups: ['sg-1'] })];

    const permissions = await collectRolePermissions(iam, only, roles, context, FAST);

    expect(permissions).toEqual({});
    expect(context.recorder.gaps()).toEqual([
      expect.objectContaining({
        errorCode: 'IncompleteResponseError',
        resource: roleArn('api-role'),
        message: 'SimulatePrincipalPolicy answered "maybe" for ec2:CreateNetworkInterface.',
      }),
    ]);
  });

  it('stops a simulation whose marker comes back (A, B, A) and makes it a gap, not a loop', async () => {
    const markers = ['A', 'B', 'A'];
    let call = 0;
    iamMock.on(SimulatePrincipalPolicyCommand).callsFake(async (input: { ActionNames: string[] }) => ({
      ...answer(input.ActionNames),
      IsTruncated: true,
      Marker: markers[call++ % markers.length],
    }));
    const context = testContext();
    const only = [fn({ name: 'api', role: 'api-role', subnets: ['subnet-a'], securityGroups: ['sg-1'] })];

    expect(await collectRolePermissions(iam, only, roles, context, FAST)).toEqual({});
    expect(iamMock.commandCalls(SimulatePrincipalPolicyCommand)).toHaveLength(3);
    expect(context.recorder.gaps()).toEqual([
      expect.objectContaining({ errorCode: 'RepeatedPageTokenError', resource: roleArn('api-role') }),
    ]);
  });

  it('is null with a gap of its own, and calls nothing, when the roles were not listed', async () => {
    const context = testContext();

    const permissions = await collectRolePermissions(iam, functions, null, context, FAST);

    expect(permissions).toBeNull();
    expect(iamMock.commandCalls(SimulatePrincipalPolicyCommand)).toHaveLength(0);
    expect(context.recorder.gaps()).toEqual([
      {
        part: 'rolePermissions',
        api: 'iam:SimulatePrincipalPolicy',
        errorCode: 'DependencyNotCollected',
        message: 'Not attempted: it needs the role list, and iam:ListRoles failed.',
      },
    ]);
  });

  it('keeps at most `concurrency` simulations in flight', async () => {
    let inFlight = 0;
    let most = 0;
    iamMock.on(SimulatePrincipalPolicyCommand).callsFake(async (input: { ActionNames: string[] }) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return answer(input.ActionNames);
    });
    const many = Array.from({ length: 7 }, (_, i) =>
      fn({ name: `f${i}`, role: `r${i}`, subnets: ['subnet-a'], securityGroups: ['sg-1'] }),
    );
    const manyRoles = many.map((_, i) => role(`r${i}`));

    const permissions = await collectRolePermissions(iam, many, manyRoles, testContext(), FAST);

    expect(Object.keys(permissions ?? {})).toHaveLength(7);
    expect(most).toBe(2);
  });
});
