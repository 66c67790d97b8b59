import { describe, expect, it } from 'vitest';
import { buildDemoAccount } from '../../examples/demo-account.js';
import { eniOrphaned } from '../../lib/analyze/rules/eni-orphaned.js';
import { functionRoleEniPermissions } from '../../lib/analyze/rules/function-role-eni-permissions.js';
import { functionRoleExists } from '../../lib/analyze/rules/function-role-exists.js';
import { runRule } from '../analyze/run-rule.js';

const demo = buildDemoAccount();

function failing(results: ReturnType<typeof runRule>) {
  return results.filter((r) => r.status !== 'pass').map((r) => [r.resourceId, r.status, r.severity]);
}

describe('the demo account holds each orphan and role case', () => {
  it('has four orphaned ENIs, graded, and keeps the shared ENI whose creator is gone', () => {
    const results = runRule(eniOrphaned, demo);
    expect(failing(results)).toEqual([
      ['eni-0a7f3c9e1d5b2f604', 'fail', 'high'],
      ['eni-0b8e4d2a6c1f3e715', 'fail', 'medium'],
      ['eni-7c2d9e4f', 'fail', 'high'],
      ['eni-0f3b5d7e9a1c24e06', 'fail', 'high'],
    ]);
    expect(results.find((r) => r.resourceId === 'eni-0c9f5e3b7d2a4c826')?.status).toBe('pass');
  });

  it('has one deleted execution role, one role that may not delete ENIs, and two an SCP keeps from it', () => {
    expect(failing(runRule(functionRoleExists, demo))).toEqual([['statement-archiver', 'fail', undefined]]);
    expect(failing(runRule(functionRoleEniPermissions, demo))).toEqual([
      ['fx-rates-fetcher', 'fail', 'medium'],
      ['ledger-sync', 'fail', 'medium'],
      ['reconciliation-batch', 'fail', 'medium'],
      ['report-scheduler', 'fail', 'medium'],
    ]);
  });

  it('decides most roles from their policies and simulates the few it must', () => {
    const results = runRule(functionRoleEniPermissions, demo);
    const decidedBy = (name: string) => {
      const roles = results.find((r) => r.resourceId === name)?.evidence.roles as { decidedBy: string }[];
      return roles[0]?.decidedBy;
    };
    expect(decidedBy('orders-api')).toBe('policies');
    expect(decidedBy('card-tokenizer')).toBe('policies');
    // Its inline Deny has a Condition: only a simulation can tell.
    expect(decidedBy('fraud-scorer')).toBe('simulation');
    expect(Object.keys(demo.rolePermissions ?? {}).map((arn) => arn.slice(arn.lastIndexOf('/') + 1))).toEqual(
      [
        // The capacity providers' operator roles: their policy's Conditions only the request shows.
        'batch-burst-operator',
        'card-tokenizer-role',
        'fraud-scorer-role',
        'fx-rates-fetcher-role',
        'ledger-lambda-role',
        'orders-api-role',
        'partner-sync-operator',
        'payments-pool-operator',
        'report-scheduler-role',
      ],
    );
  });
});
