import { describe, expect, it } from 'vitest';
import { LambdaEniUses } from '../../../lib/analyze/policy/lambda-eni-use.js';
import { RolePolicyLibrary } from '../../../lib/analyze/policy/role-policies.js';
import { RoleEvaluator, SimulationPlan } from '../../../lib/analyze/policy/simulation-plan.js';
import { fn, roleArn, rolePolicies, VPC_ACCESS_POLICY } from '../../fixtures/snapshot-builder.js';

const SCOPE = { partition: 'aws', region: 'eu-west-1', accountId: '123456789012' };
const use = (name: string) =>
  new LambdaEniUses(SCOPE).of(
    fn({ name, role: `${name}-role`, subnets: ['subnet-a'], securityGroups: ['sg-1'] }),
  );

function plan(...names: string[]) {
  const roles = Object.fromEntries(
    names.map((name) => [
      roleArn(`${name}-role`),
      rolePolicies(`${name}-role`, { attached: [VPC_ACCESS_POLICY.Arn] }),
    ]),
  );
  return new SimulationPlan(
    new RoleEvaluator(roles, new RolePolicyLibrary({ [VPC_ACCESS_POLICY.Arn]: VPC_ACCESS_POLICY })),
  );
}

describe('SimulationPlan', () => {
  it('samples the first role of a managed-policy set, once', () => {
    const p = plan('a', 'b');
    expect(p.see(use('a'))).toEqual([{ roleArn: roleArn('a-role'), purpose: 'execution', reason: 'sample' }]);
    expect(p.see(use('a'))).toEqual([]);
    expect(p.see(use('b'))).toEqual([]);
  });

  it('after AWS Organizations denied the sample something: the roles of its set seen so far, then each new one', () => {
    const p = plan('a', 'b', 'c');
    p.see(use('a'));
    p.see(use('b'));
    expect(p.answered(roleArn('a-role'), 'execution', [])).toEqual([]);
    expect(p.answered(roleArn('a-role'), 'execution', ['ec2:DeleteNetworkInterface'])).toEqual([
      { roleArn: roleArn('b-role'), purpose: 'execution', reason: 'organizations' },
    ]);
    expect(p.see(use('c'))).toEqual([
      { roleArn: roleArn('c-role'), purpose: 'execution', reason: 'organizations' },
    ]);
    expect(p.planned().map((s) => s.reason)).toEqual(['sample', 'organizations', 'organizations']);
  });

  it('plans nothing for a role it has no policies of', () => {
    expect(plan('a').see(use('z'))).toEqual([]);
  });
});
