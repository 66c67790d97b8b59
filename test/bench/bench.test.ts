/**
 * The benchmark's machinery on a tiny account: the real collectors against the simulated AWS make exactly
 * the fewest calls AWS allows, none throttled, and collect everything generated. No timing is asserted here:
 * speed and memory are the benchmark's (`npm run bench`).
 */
import { describe, expect, it } from 'vitest';
import { generateAccount } from '../../bench/account.js';
import type { AccountSize } from '../../bench/account-types.js';
import { collectSimulated, completenessIssues } from '../../bench/collection.js';
import { minimumCalls } from '../../bench/minimum.js';

const TINY: AccountSize = {
  functions: 240,
  vpcFunctions: 120,
  publishedVersions: 10,
  networkInterfaces: 400,
  subnets: 24,
  routeTables: 8,
  vpcs: 4,
  securityGroups: 30,
  roles: 40,
  executionRoles: 6,
  vpcEndpoints: 4,
  capacityProviders: 2,
};

describe('the benchmark on a tiny account', () => {
  it('makes the minimum number of calls per API, none throttled, and collects the whole account', async () => {
    const account = generateAccount(TINY);

    const run = await collectSimulated(account, { latencyMs: 2 });

    const calls = Object.fromEntries([...run.counts].map(([api, count]) => [api, count.calls]));
    expect(calls).toEqual(Object.fromEntries(minimumCalls(account)));
    // More GetFunction calls than the bucket's burst: the limiter, not luck, kept them under the rate.
    // 120 VPC functions and 2 functions on each of the 2 capacity providers.
    expect(calls['lambda:GetFunction']).toBe(124);
    expect(calls['lambda:ListFunctionVersionsByCapacityProvider']).toBe(2);
    expect([...run.counts.values()].reduce((sum, count) => sum + count.throttled, 0)).toBe(0);
    expect(completenessIssues(account, run.snapshot)).toEqual([]);
  });
});
