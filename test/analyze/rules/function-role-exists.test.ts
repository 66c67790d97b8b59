import { describe, expect, it } from 'vitest';
import { functionRoleExists } from '../../../lib/analyze/rules/function-role-exists.js';
import { emptySnapshot, fn, lambdaEni, role, withMissing } from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

const functions = [
  fn({ name: 'reports', role: 'reports-role', subnets: ['subnet-a'], securityGroups: ['sg-2', 'sg-1'] }),
];
const enis = [
  lambdaEni({ id: 'eni-0aaa', subnet: 'subnet-a', groups: ['sg-1', 'sg-2'], creator: 'reports' }),
  lambdaEni({ id: 'eni-0bbb', subnet: 'subnet-a', groups: ['sg-1'], creator: 'other' }),
];

describe('function-role-exists', () => {
  it('fails when the role is gone and lists the ENIs Lambda can no longer delete', () => {
    const snapshot = emptySnapshot({ functions, networkInterfaces: enis, roles: [role('unrelated')] });
    const result = resultFor(runRule(functionRoleExists, snapshot), 'reports');
    expect(result.status).toBe('fail');
    expect(result.message).toContain('reports-role does not exist');
    expect(result.evidence.networkInterfaces).toEqual(['eni-0aaa']);
  });

  it('passes when the role exists, whatever its path', () => {
    const snapshot = emptySnapshot({ functions, roles: [role('reports-role', '/service-role/')] });
    expect(resultFor(runRule(functionRoleExists, snapshot), 'reports').status).toBe('pass');
  });

  it('is unknown when roles could not be listed', () => {
    const snapshot = withMissing(emptySnapshot({ functions }), 'roles');
    const result = resultFor(runRule(functionRoleExists, snapshot), 'reports');
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('iam:ListRoles');
  });
});
