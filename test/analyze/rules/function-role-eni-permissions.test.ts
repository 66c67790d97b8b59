import { describe, expect, it } from 'vitest';
import { functionRoleEniPermissions } from '../../../lib/analyze/rules/function-role-eni-permissions.js';
import { LAMBDA_ENI_ACTIONS } from '../../../lib/model/lambda-eni-actions.js';
import { OPERATOR_ROLE_ACTIONS } from '../../../lib/model/role-checks.js';
import type { PolicyDecision, RolePolicies, Snapshot } from '../../../lib/model/snapshot.js';
import {
  capacityProvider,
  emptySnapshot,
  fn,
  gap,
  role,
  roleArn,
  rolePolicies,
  VPC_ACCESS_POLICY,
  withMissing,
} from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

function decisions(overrides: Record<string, PolicyDecision> = {}): Record<string, PolicyDecision> {
  return Object.fromEntries(LAMBDA_ENI_ACTIONS.map((action) => [action, overrides[action] ?? 'allowed']));
}

const reports = fn({
  name: 'reports',
  role: 'reports-role',
  subnets: ['subnet-a'],
  securityGroups: ['sg-1'],
});
const roles = [role('reports-role')];

describe('function-role-eni-permissions, from simulations alone (no policies in the snapshot)', () => {
  it('fails, medium, when the role may not delete ENIs: they will be orphaned', () => {
    const snapshot = emptySnapshot({
      functions: [reports],
      roles,
      rolePermissions: {
        [roleArn('reports-role')]: decisions({ 'ec2:DeleteNetworkInterface': 'implicitDeny' }),
      },
    });
    const result = resultFor(runRule(functionRoleEniPermissions, snapshot), 'reports');
    expect(result.status).toBe('fail');
    expect(result.severity).toBe('medium');
    expect(result.message).toBe(
      "reports's execution role reports-role is not allowed ec2:DeleteNetworkInterface (implicitDeny): its ENIs " +
        'will be left behind (orphaned) when it no longer needs them.',
    );
    expect(result.evidence.denied).toEqual([
      { role: roleArn('reports-role'), action: 'ec2:DeleteNetworkInterface', decision: 'implicitDeny' },
    ]);
  });

  it('fails, high, when an explicit deny stops Lambda from creating ENIs', () => {
    const snapshot = emptySnapshot({
      functions: [reports],
      roles,
      rolePermissions: {
        [roleArn('reports-role')]: decisions({ 'ec2:CreateNetworkInterface': 'explicitDeny' }),
      },
    });
    const result = resultFor(runRule(functionRoleEniPermissions, snapshot), 'reports');
    expect(result.status).toBe('fail');
    expect(result.severity).toBe('high');
    expect(result.message).toContain(
      'Lambda cannot create its ENIs, so invocations that need a new one fail',
    );
  });

  it('judges the role of every VPC-enabled version, not only $LATEST', () => {
    const snapshot = emptySnapshot({
      functions: [
        reports,
        fn({
          name: 'reports',
          version: '4',
          role: 'old-role',
          subnets: ['subnet-a'],
          securityGroups: ['sg-1'],
        }),
      ],
      roles: [...roles, role('old-role')],
      rolePermissions: {
        [roleArn('reports-role')]: decisions(),
        [roleArn('old-role')]: decisions({ 'ec2:UnassignPrivateIpAddresses': 'implicitDeny' }),
      },
    });
    const result = resultFor(runRule(functionRoleEniPermissions, snapshot), 'reports');
    expect(result.status).toBe('fail');
    expect(result.message).toContain('old-role is not allowed ec2:UnassignPrivateIpAddresses');
  });

  it('passes when the role may do all five actions', () => {
    const snapshot = emptySnapshot({
      functions: [reports],
      roles,
      rolePermissions: { [roleArn('reports-role')]: decisions() },
    });
    expect(resultFor(runRule(functionRoleEniPermissions, snapshot), 'reports').status).toBe('pass');
  });

  it('is unknown, not pass, when that role could not be simulated', () => {
    const snapshot = emptySnapshot({
      functions: [reports],
      roles,
      rolePermissions: {},
      coverage: [
        gap({ part: 'rolePermissions', errorCode: 'AccessDenied', resource: roleArn('reports-role') }),
      ],
    });
    const result = resultFor(runRule(functionRoleEniPermissions, snapshot), 'reports');
    expect(result.status).toBe('unknown');
    expect(result.message).toBe(
      "Cannot tell whether reports's execution role may manage ENIs: reports-role (iam:SimulatePrincipalPolicy: AccessDenied).",
    );
  });

  it('is unknown when the simulation left an action unanswered', () => {
    const partial = decisions();
    delete partial['ec2:AssignPrivateIpAddresses'];
    const snapshot = emptySnapshot({
      functions: [reports],
      roles,
      rolePermissions: { [roleArn('reports-role')]: partial },
    });
    const result = resultFor(runRule(functionRoleEniPermissions, snapshot), 'reports');
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('no answer for ec2:AssignPrivateIpAddresses');
  });

  it('is unknown for every VPC function when SimulatePrincipalPolicy was denied for all roles', () => {
    const snapshot = withMissing(emptySnapshot({ functions: [reports], roles }), 'rolePermissions');
    const result = resultFor(runRule(functionRoleEniPermissions, snapshot), 'reports');
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('iam:SimulatePrincipalPolicy');
  });

  it('leaves a function whose role is gone to function-role-exists', () => {
    const snapshot = emptySnapshot({ functions: [reports], roles: [], rolePermissions: {} });
    expect(runRule(functionRoleEniPermissions, snapshot)).toEqual([]);
  });

  describe("a capacity provider's operator role", () => {
    const operatorDecisions = (overrides: Record<string, PolicyDecision> = {}) =>
      Object.fromEntries(OPERATOR_ROLE_ACTIONS.map((action) => [action, overrides[action] ?? 'allowed']));
    const account = (
      permissions: Record<string, Record<string, PolicyDecision>>,
      roleNames = ['pool-operator'],
    ) =>
      emptySnapshot({
        functions: [fn({ name: 'ingest', version: '1', capacityProvider: 'pool' })],
        capacityProviders: [capacityProvider({ name: 'pool', subnets: ['subnet-a'] })],
        roles: roleNames.map((name) => role(name)),
        rolePermissions: permissions,
      });

    it('fails, high, the provider once when its operator role may not launch instances', () => {
      const snapshot = account({
        [roleArn('pool-operator')]: operatorDecisions({ 'ec2:RunInstances': 'implicitDeny' }),
      });
      const result = resultFor(runRule(functionRoleEniPermissions, snapshot), 'pool');
      expect(result).toMatchObject({ status: 'fail', severity: 'high', resourceType: 'capacity-provider' });
      expect(result.message).toContain(
        'capacity provider pool (function ingest): its operator role pool-operator is not allowed ec2:RunInstances (implicitDeny)',
      );
    });

    it('fails when the operator role is gone, and passes when it may do everything', () => {
      expect(resultFor(runRule(functionRoleEniPermissions, account({}, [])), 'pool').message).toContain(
        'its operator role pool-operator does not exist',
      );
      const fine = account({ [roleArn('pool-operator')]: operatorDecisions() });
      expect(resultFor(runRule(functionRoleEniPermissions, fine), 'pool').status).toBe('pass');
    });

    it('is unknown when the operator role was not simulated', () => {
      expect(resultFor(runRule(functionRoleEniPermissions, account({})), 'pool').status).toBe('unknown');
    });
  });
});

const VPC_ACCESS = VPC_ACCESS_POLICY.Arn;
const denyDelete = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'KeepEnis', Effect: 'Deny', Action: 'ec2:DeleteNetworkInterface', Resource: '*' }],
};
const onlyInEuWest1 = {
  Version: '2012-10-17',
  Statement: {
    Effect: 'Deny',
    Action: 'ec2:*',
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
  },
};

/** reports (reports-role) and billing (billing-role), both attaching the AWS managed policy. */
function withPolicies(
  details: RolePolicies['roles'][string][],
  overrides: Partial<Snapshot> = {},
  organizationsDenied: RolePolicies['organizationsDenied'] = {},
): Snapshot {
  const billing = fn({
    name: 'billing',
    role: 'billing-role',
    subnets: ['subnet-b'],
    securityGroups: ['sg-2'],
  });
  return emptySnapshot({
    functions: [reports, billing],
    roles: [...roles, role('billing-role')],
    rolePolicies: {
      roles: Object.fromEntries(details.map((d) => [d.Arn, d])),
      managedPolicies: { [VPC_ACCESS]: VPC_ACCESS_POLICY },
      organizationsDenied,
    },
    // The collector simulated one role of the managed-policy set (for service control policies).
    rolePermissions: { [roleArn('billing-role')]: decisions() },
    ...overrides,
  });
}

describe('function-role-eni-permissions, from the roles’ policies', () => {
  const plain = (name: string) => rolePolicies(name, { attached: [VPC_ACCESS] });

  it('passes, decided by its policies, when another role of its managed-policy set was simulated', () => {
    const result = resultFor(
      runRule(functionRoleEniPermissions, withPolicies([plain('reports-role'), plain('billing-role')])),
      'reports',
    );
    expect(result.status).toBe('pass');
    expect(result.message).toBe(
      "reports's execution role may create and delete its ENIs (decided by its policies).",
    );
    expect(result.evidence.roles).toEqual([
      {
        role: roleArn('reports-role'),
        decidedBy: 'policies',
        serviceControlPolicies: 'checked by simulating billing-role (same managed policies)',
      },
    ]);
  });

  it('fails, naming the statement, when an inline Deny takes ec2:DeleteNetworkInterface away', () => {
    const snapshot = withPolicies([
      rolePolicies('reports-role', { attached: [VPC_ACCESS], inline: { 'keep-enis': denyDelete } }),
      plain('billing-role'),
    ]);
    const result = resultFor(runRule(functionRoleEniPermissions, snapshot), 'reports');
    expect(result.status).toBe('fail');
    expect(result.severity).toBe('medium');
    expect(result.message).toBe(
      "reports's execution role reports-role is not allowed ec2:DeleteNetworkInterface (explicitDeny by inline " +
        'policy keep-enis, statement KeepEnis): its ENIs will be left behind (orphaned) when it no longer needs them.',
    );
  });

  it('fails when a permissions boundary leaves the EC2 actions out', () => {
    const boundary = 'arn:aws:iam::123456789012:policy/only-logs';
    const snapshot = withPolicies([
      rolePolicies('reports-role', { attached: [VPC_ACCESS], boundary }),
      plain('billing-role'),
    ]);
    if (snapshot.rolePolicies === null) throw new Error('no policies');
    snapshot.rolePolicies.managedPolicies[boundary] = {
      Arn: boundary,
      PolicyName: 'only-logs',
      DefaultVersionId: 'v1',
      Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }] },
    };
    const result = resultFor(runRule(functionRoleEniPermissions, snapshot), 'reports');
    expect(result.status).toBe('fail');
    expect(result.severity).toBe('high');
    expect(result.evidence.denied).toHaveLength(5);
  });

  it('takes the simulation’s answer where a Condition leaves the policies undecided', () => {
    const conditional = rolePolicies('reports-role', {
      attached: [VPC_ACCESS],
      inline: { regional: onlyInEuWest1 },
    });
    const simulated = withPolicies([conditional, plain('billing-role')], {
      rolePermissions: {
        [roleArn('billing-role')]: decisions(),
        [roleArn('reports-role')]: decisions({ 'ec2:CreateNetworkInterface': 'explicitDeny' }),
      },
    });
    const result = resultFor(runRule(functionRoleEniPermissions, simulated), 'reports');
    expect(result.status).toBe('fail');
    expect(result.evidence.roles).toEqual([expect.objectContaining({ decidedBy: 'simulation' })]);
  });

  it('is unknown, never pass, when a Condition leaves it undecided and the role was not simulated', () => {
    const conditional = rolePolicies('reports-role', {
      attached: [VPC_ACCESS],
      inline: { regional: onlyInEuWest1 },
    });
    const snapshot = withPolicies([conditional, plain('billing-role')], {
      coverage: [
        gap({ part: 'rolePermissions', errorCode: 'Throttling', resource: roleArn('reports-role') }),
      ],
    });
    const result = resultFor(runRule(functionRoleEniPermissions, snapshot), 'reports');
    expect(result.status).toBe('unknown');
    expect(result.message).toContain(
      'ec2:CreateNetworkInterface needs a simulation (inline policy regional, statement #1): iam:SimulatePrincipalPolicy: Throttling',
    );
  });

  it('fails a role whose simulation says a service control policy denies what its policies allow', () => {
    const snapshot = withPolicies(
      [plain('reports-role'), plain('billing-role')],
      {},
      {
        [roleArn('billing-role')]: ['ec2:DeleteNetworkInterface'],
      },
    );
    const billing = resultFor(runRule(functionRoleEniPermissions, snapshot), 'billing');
    expect(billing.status).toBe('fail');
    expect(billing.message).toContain(
      'billing-role is not allowed ec2:DeleteNetworkInterface (explicitDeny by a service control policy (AWS Organizations))',
    );
    // The other role of the set was not simulated: it may be denied too.
    const reportsResult = resultFor(runRule(functionRoleEniPermissions, snapshot), 'reports');
    expect(reportsResult.status).toBe('unknown');
    expect(reportsResult.message).toContain(
      'AWS Organizations denies ec2:DeleteNetworkInterface to billing-role',
    );
  });

  it('is unknown when no role of its managed-policy set was simulated: service control policies unseen', () => {
    const snapshot = withMissing(
      withPolicies([plain('reports-role'), plain('billing-role')]),
      'rolePermissions',
    );
    const result = resultFor(runRule(functionRoleEniPermissions, snapshot), 'reports');
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('service control policies not checked');
  });

  it('still fails on what the policies deny when no simulation could be made', () => {
    const snapshot = withMissing(
      withPolicies([
        rolePolicies('reports-role', { attached: [VPC_ACCESS], inline: { 'keep-enis': denyDelete } }),
      ]),
      'rolePermissions',
    );
    expect(resultFor(runRule(functionRoleEniPermissions, snapshot), 'reports').status).toBe('fail');
  });

  it('reads a managed policy that was not read as one that may deny anything', () => {
    const snapshot = withPolicies([plain('reports-role'), plain('billing-role')]);
    if (snapshot.rolePolicies) snapshot.rolePolicies.managedPolicies = {};
    const result = resultFor(runRule(functionRoleEniPermissions, snapshot), 'reports');
    expect(result.status).toBe('unknown');
    expect(result.message).toContain(`managed policy ${VPC_ACCESS} was not read`);
  });
});
