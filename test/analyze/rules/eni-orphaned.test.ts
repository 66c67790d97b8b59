import { describe, expect, it } from 'vitest';
import { analyze } from '../../../lib/analyze/engine.js';
import { eniOrphaned } from '../../../lib/analyze/rules/eni-orphaned.js';
import type { RuleResult } from '../../../lib/model/finding.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../../lib/model/settings.js';
import type { Snapshot } from '../../../lib/model/snapshot.js';
import {
  ACCOUNT_ID,
  emptySnapshot,
  eniDescription,
  fn,
  fnVersions,
  hexFrom,
  lambdaEni,
  role,
  withMissing,
} from '../../fixtures/snapshot-builder.js';
import { NOW, resultFor, runRule } from '../run-rule.js';

/** A role's unique id as ListRoles returns it (the builder's `role()` derives it the same way). */
const roleIdOf = (name: string) => `AROA${hexFrom(`role:${name}`, 17).toUpperCase()}`;

function orphanResults(snapshot: Snapshot, firstSeen: Record<string, string> = {}): RuleResult[] {
  const analysis = analyze(
    snapshot,
    [eniOrphaned],
    DEFAULT_ANALYSIS_SETTINGS,
    NOW,
    new Map(Object.entries(firstSeen)),
  );
  return analysis.outcomes[0]?.results ?? [];
}

const payments = fn({
  name: 'payments',
  subnets: ['subnet-a', 'subnet-b'],
  securityGroups: ['sg-2', 'sg-1'],
});

describe('eni-orphaned', () => {
  it('fails an ENI whose (subnet, security groups) no function uses, with its evidence', () => {
    const snapshot = emptySnapshot({
      functions: [payments],
      roles: [role('payments-role')],
      networkInterfaces: [
        lambdaEni({
          id: 'eni-0aaa',
          subnet: 'subnet-a',
          groups: ['sg-9'],
          creator: 'legacy-checkout',
          status: 'available',
          requesterId: `${roleIdOf('legacy-checkout-role')}:legacy-checkout`,
        }),
      ],
    });

    const result = resultFor(orphanResults(snapshot), 'eni-0aaa');

    expect(result.status).toBe('fail');
    expect(result.message).toContain('eni-0aaa is orphaned: no function or version uses subnet subnet-a');
    expect(result.message).toContain('Created by legacy-checkout (no longer exists)');
    expect(result.message).toContain('first seen in this run');
    expect(result.evidence).toMatchObject({
      creator: 'legacy-checkout',
      descriptionForm: 'hyperplane',
      status: 'available',
      attachment: null,
      subnetId: 'subnet-a',
      securityGroupIds: ['sg-9'],
      users: [],
      creatorRole: { status: 'deleted', source: 'requester-id' },
      firstSeen: { at: NOW.toISOString(), fromPreviousReport: false, hours: 0 },
    });
  });

  it('does not call an ENI orphaned when its creator is gone but another function uses its combination', () => {
    const snapshot = emptySnapshot({
      functions: [payments],
      networkInterfaces: [
        lambdaEni({ id: 'eni-0bbb', subnet: 'subnet-a', groups: ['sg-1', 'sg-2'], creator: 'checkout-api' }),
      ],
    });

    const result = resultFor(orphanResults(snapshot), 'eni-0bbb');

    expect(result.status).toBe('pass');
    expect(result.message).toBe(
      'eni-0bbb is used by payments (1 configuration). Its creator checkout-api no longer exists, but the ' +
        'combination is still in use.',
    );
  });

  it('matches security groups whatever their order on the function and on the ENI', () => {
    const snapshot = emptySnapshot({
      functions: [fn({ name: 'api', subnets: ['subnet-a'], securityGroups: ['sg-b', 'sg-a', 'sg-c'] })],
      networkInterfaces: [
        lambdaEni({ id: 'eni-0ccc', subnet: 'subnet-a', groups: ['sg-c', 'sg-b', 'sg-a'] }),
      ],
    });
    expect(resultFor(orphanResults(snapshot), 'eni-0ccc').status).toBe('pass');
  });

  it('counts a published version that still uses the combination as a user', () => {
    const snapshot = emptySnapshot({
      functions: [
        fn({ name: 'orders', subnets: ['subnet-new'], securityGroups: ['sg-1'] }),
        fn({ name: 'orders', version: '2', subnets: ['subnet-old'], securityGroups: ['sg-1'] }),
      ],
      networkInterfaces: [
        lambdaEni({ id: 'eni-0ddd', subnet: 'subnet-old', groups: ['sg-1'], creator: 'orders' }),
      ],
    });
    const result = resultFor(orphanResults(snapshot), 'eni-0ddd');
    expect(result.status).toBe('pass');
    expect(result.evidence.users).toEqual([{ functionName: 'orders', version: '2' }]);
  });

  it('reads the pre-2019 description and still judges the ENI by its combination', () => {
    const snapshot = emptySnapshot({
      functions: [payments],
      networkInterfaces: [
        lambdaEni({
          id: 'eni-7c2d9e4f',
          subnet: 'subnet-z',
          groups: ['sg-1'],
          description: eniDescription.legacy(),
          interfaceType: 'interface',
          status: 'available',
        }),
      ],
    });
    const result = resultFor(orphanResults(snapshot), 'eni-7c2d9e4f');
    expect(result.status).toBe('fail');
    expect(result.evidence).toMatchObject({ creator: null, descriptionForm: 'pre-2019' });
    expect(result.message).toContain('Its creator is not named (pre-2019 description)');
  });

  it('grades severity: detached with its role gone is high, one of the two medium, neither low', () => {
    const creatorRoleGone = `${roleIdOf('gone-role')}:gone`;
    const creatorRoleHere = `${roleIdOf('kept-role')}:kept`;
    const snapshot = emptySnapshot({
      functions: [payments],
      roles: [role('kept-role')],
      networkInterfaces: [
        lambdaEni({
          id: 'eni-0001',
          subnet: 'subnet-x',
          groups: ['sg-1'],
          status: 'available',
          requesterId: creatorRoleGone,
        }),
        lambdaEni({
          id: 'eni-0002',
          subnet: 'subnet-x',
          groups: ['sg-2'],
          status: 'available',
          requesterId: creatorRoleHere,
        }),
        lambdaEni({ id: 'eni-0003', subnet: 'subnet-x', groups: ['sg-3'], requesterId: creatorRoleGone }),
        lambdaEni({ id: 'eni-0004', subnet: 'subnet-x', groups: ['sg-4'], requesterId: creatorRoleHere }),
      ],
    });
    const results = orphanResults(snapshot);
    expect(
      ['eni-0001', 'eni-0002', 'eni-0003', 'eni-0004'].map((id) => resultFor(results, id).severity),
    ).toEqual(['high', 'medium', 'medium', 'low']);
    expect(resultFor(results, 'eni-0004').evidence.creatorRole).toEqual({
      status: 'exists',
      name: 'kept-role',
      source: 'requester-id',
    });
  });

  it("takes the creator's role from the creator function when it still exists", () => {
    const snapshot = emptySnapshot({
      functions: [
        payments,
        fn({ name: 'moved', role: 'moved-role', subnets: ['subnet-b'], securityGroups: ['sg-7'] }),
      ],
      roles: [],
      networkInterfaces: [
        lambdaEni({ id: 'eni-0eee', subnet: 'subnet-a', groups: ['sg-7'], creator: 'moved' }),
      ],
    });
    const result = resultFor(orphanResults(snapshot), 'eni-0eee');
    expect(result.evidence.creatorRole).toEqual({
      status: 'deleted',
      name: 'moved-role',
      source: 'creator-function',
    });
    expect(result.message).toContain('Created by moved (still exists); role moved-role no longer exists');
  });

  it('names the functions in the same subnet when an attached ENI looks orphaned (security groups changed by hand)', () => {
    const snapshot = emptySnapshot({
      functions: [payments],
      networkInterfaces: [lambdaEni({ id: 'eni-0fff', subnet: 'subnet-a', groups: ['sg-changed'] })],
    });
    const result = resultFor(orphanResults(snapshot), 'eni-0fff');
    expect(result.status).toBe('fail');
    expect(result.message).toContain(
      'if its security groups were changed by hand, payments (same subnet) may still use it',
    );
    expect(result.evidence.sameSubnetFunctions).toEqual(['payments']);
  });

  it('carries the first-seen time of the previous report into the evidence and the message', () => {
    const snapshot = emptySnapshot({
      functions: [payments],
      networkInterfaces: [
        lambdaEni({ id: 'eni-0abc', subnet: 'subnet-q', groups: ['sg-1'], status: 'available' }),
      ],
    });
    const result = resultFor(
      orphanResults(snapshot, { 'eni-orphaned:eni-0abc': '2026-11-21T01:30:00.000Z' }),
      'eni-0abc',
    );
    expect(result.evidence.firstSeen).toEqual({
      at: '2026-11-21T01:30:00.000Z',
      fromPreviousReport: true,
      hours: 73,
    });
    expect(result.message).toContain('first seen 2026-11-21T01:30:00.000Z, 73 h ago');
  });

  it('is unknown for an ENI another account owns (a shared VPC subnet)', () => {
    const eni = {
      ...lambdaEni({ id: 'eni-0999', subnet: 'subnet-a', groups: ['sg-5'] }),
      OwnerId: '210987654321',
    };
    const result = resultFor(
      orphanResults(emptySnapshot({ functions: [payments], networkInterfaces: [eni] })),
      'eni-0999',
    );
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('belongs to account 210987654321');
    const own = { ...eni, OwnerId: ACCOUNT_ID };
    expect(
      resultFor(orphanResults(emptySnapshot({ functions: [payments], networkInterfaces: [own] })), 'eni-0999')
        .status,
    ).toBe('fail');
  });

  it('is unknown, never orphaned, when the functions were not collected', () => {
    const snapshot = withMissing(
      emptySnapshot({
        networkInterfaces: [lambdaEni({ id: 'eni-0aaa', subnet: 'subnet-a', groups: ['sg-1'] })],
      }),
      'functions',
    );
    const results = runRule(eniOrphaned, snapshot);
    expect(results.every((r) => r.status === 'unknown')).toBe(true);
    expect(results[0]?.message).toContain('lambda:ListFunctions');
  });

  it('is unknown for every function-held scope when the ENIs were not collected', () => {
    const snapshot = withMissing(
      emptySnapshot({
        functions: fnVersions({ name: 'a', subnets: ['subnet-a'], securityGroups: ['sg-1'] }, ['1']),
      }),
      'networkInterfaces',
    );
    const results = runRule(eniOrphaned, snapshot);
    expect(results.map((r) => r.status)).toEqual(['unknown']);
    expect(results[0]?.message).toContain('ec2:DescribeNetworkInterfaces');
  });
});
