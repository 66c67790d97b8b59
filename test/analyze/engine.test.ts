import { describe, expect, it } from 'vitest';
import { analyze } from '../../lib/analyze/engine.js';
import type { Rule } from '../../lib/analyze/rule.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../lib/model/settings.js';
import { emptySnapshot, fn, subnet, withMissing } from '../fixtures/snapshot-builder.js';
import { NOW } from './run-rule.js';

const passing: Rule = {
  id: 'always-pass',
  title: 'passes',
  severity: 'low',
  severities: ['low'],
  section: 'configuration',
  finds: 'nothing',
  resourceType: 'function',
  requires: ['functions'],
  risk: 'none',
  remediation: 'none',
  docs: [],
  evaluate: ({ index }) =>
    index.vpcFunctions.map((f) => ({
      status: 'pass',
      resourceType: 'function',
      resourceId: f.name,
      message: 'ok',
      evidence: {},
    })),
};

const throwing: Rule = {
  ...passing,
  id: 'always-throws',
  evaluate: () => {
    throw new Error('boom');
  },
};

const snapshot = emptySnapshot({
  subnets: [subnet({ id: 'subnet-a', vpc: 'vpc-1', az: 'eu-west-1a' })],
  functions: [
    fn({ name: 'a', subnets: ['subnet-a'], securityGroups: ['sg-1'] }),
    fn({ name: 'b', subnets: ['subnet-a'], securityGroups: ['sg-1'] }),
  ],
});

describe('analyze', () => {
  it('isolates a rule that throws: its resources become unknown with the error, the next rule still runs', () => {
    const { outcomes } = analyze(snapshot, [throwing, passing], DEFAULT_ANALYSIS_SETTINGS, NOW);
    expect(outcomes[0]?.error).toBe('Rule always-throws failed: boom');
    expect(outcomes[0]?.results.map((r) => [r.resourceId, r.status])).toEqual([
      ['a', 'unknown'],
      ['b', 'unknown'],
    ]);
    expect(outcomes[1]?.results.every((r) => r.status === 'pass')).toBe(true);
  });

  it('marks every in-scope resource unknown when a required part is missing, without calling the rule', () => {
    const needsRoles: Rule = { ...throwing, id: 'needs-roles', requires: ['functions', 'roles'] };
    const { outcomes } = analyze(
      withMissing(snapshot, 'roles'),
      [needsRoles],
      DEFAULT_ANALYSIS_SETTINGS,
      NOW,
    );
    expect(outcomes[0]?.error).toBeUndefined();
    expect(outcomes[0]?.results).toHaveLength(2);
    expect(outcomes[0]?.results[0]?.message).toContain('roles (iam:ListRoles: AccessDeniedException)');
  });

  it('reports one account-level unknown when the functions themselves could not be listed', () => {
    const { outcomes } = analyze(
      withMissing(snapshot, 'functions'),
      [passing],
      DEFAULT_ANALYSIS_SETTINGS,
      NOW,
    );
    expect(outcomes[0]?.results).toEqual([
      expect.objectContaining({ status: 'unknown', resourceType: 'account', resourceId: '123456789012' }),
    ]);
  });
});
