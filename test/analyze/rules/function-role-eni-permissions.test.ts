import { describe, expect, it } from 'vitest';
import { functionRoleEniPermissions } from '../../../lib/analyze/rules/function-role-eni-permissions.js';
import { LAMBDA_ENI_ACTIONS } from '../../../lib/model/lambda-eni-actions.js';
import { OPERATOR_ROLE_ACTIONS } from '../../../lib/model/role-checks.js';
import type { PolicyDecision } from '../../../lib/model/snapshot.js';
import {
  capacityProvider,
  emptySnapshot,
  fn,
  gap,
  role,
  roleArn,
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

describe('function-role-eni-permissions', () => {
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
