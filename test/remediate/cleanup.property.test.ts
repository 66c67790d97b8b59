import { EC2Client } from '@aws-sdk/client-ec2';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../lib/analyze/engine.js';
import { eniOrphaned } from '../../lib/analyze/rules/eni-orphaned.js';
import type { CleanupMode } from '../../lib/model/cleanup.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../lib/model/settings.js';
import type { FunctionRecord, NetworkInterface } from '../../lib/model/snapshot.js';
import { runCleanup } from '../../lib/remediate/cleanup.js';
import { ORPHAN_RULE_ID, planCleanup } from '../../lib/remediate/plan.js';
import { ACCOUNT_ID, emptySnapshot, fn, lambdaEni } from '../fixtures/snapshot-builder.js';
import { type Ec2Fault, ec2World } from './ec2-world.js';

const NOW = new Date('2026-11-24T03:00:00.000Z');
const HOUR = 3_600_000;
const SUBNETS = ['subnet-a', 'subnet-b', 'subnet-c'];
const GROUPS = ['sg-1', 'sg-2', 'sg-3'];

const groupSet = fc.subarray(GROUPS, { minLength: 1 });

const functionArb = fc.record({
  name: fc.constantFrom('f1', 'f2', 'f3', 'f4'),
  version: fc.constantFrom('$LATEST', '1', '2'),
  subnets: fc.subarray(SUBNETS, { minLength: 1 }),
  // Listed in any order: the ENI's set is matched order-insensitively.
  groups: groupSet.chain((groups) => fc.shuffledSubarray(groups, { minLength: groups.length })),
});

/** What happened to an ENI between the collection and the cleanup. */
const CHANGES = ['same', 'same', 'gone', 'attached', 'regrouped', 'not-lambda', 'other-account'] as const;

const eniArb = fc.record({
  subnet: fc.constantFrom(...SUBNETS),
  groups: groupSet,
  status: fc.constantFrom('available', 'in-use'),
  lambda: fc.boolean(),
  /** Hours since first reported orphaned; undefined: no previous report of it. */
  firstSeenHoursAgo: fc.option(fc.integer({ min: 0, max: 96 }), { nil: undefined }),
  change: fc.constantFrom(...CHANGES),
  regroupTo: groupSet,
});

const accountArb = fc.record({
  functions: fc.uniqueArray(functionArb, { selector: (f) => `${f.name}:${f.version}`, maxLength: 6 }),
  enis: fc.array(eniArb, { maxLength: 8 }),
  minOrphanAgeHours: fc.integer({ min: 0, max: 48 }),
  mode: fc.constantFrom<CleanupMode>('dry-run', 'apply'),
});

type Account = typeof accountArb extends fc.Arbitrary<infer T> ? T : never;

function isLambda(eni: NetworkInterface): boolean {
  return eni.InterfaceType === 'lambda' || (eni.Description?.startsWith('AWS Lambda VPC ENI') ?? false);
}

/** Computed here, independently of the index: does any function or version use this ENI's combination? */
function usedBy(functions: readonly FunctionRecord[], eni: NetworkInterface): boolean {
  const groups = [...new Set(eni.Groups.map((g) => g.GroupId))].sort().join(',');
  return functions.some(
    (f) =>
      (f.VpcConfig?.SubnetIds ?? []).includes(eni.SubnetId ?? '') &&
      [...new Set(f.VpcConfig?.SecurityGroupIds ?? [])].sort().join(',') === groups,
  );
}

function build(account: Account) {
  const functions = account.functions.map((f) =>
    fn({ name: f.name, version: f.version, subnets: f.subnets, securityGroups: f.groups }),
  );
  const collected = account.enis.map((e, i) =>
    lambdaEni({
      id: `eni-0${i}`,
      subnet: e.subnet,
      groups: e.groups,
      status: e.status,
      ...(e.lambda ? {} : { interfaceType: 'interface', description: 'Primary network interface' }),
    }),
  );
  const firstSeen = new Map<string, string>();
  account.enis.forEach((e, i) => {
    if (e.firstSeenHoursAgo !== undefined)
      firstSeen.set(
        `eni-orphaned:eni-0${i}`,
        new Date(NOW.getTime() - e.firstSeenHoursAgo * HOUR).toISOString(),
      );
  });
  const world = new Map<string, NetworkInterface>();
  collected.forEach((eni, i) => {
    const e = account.enis[i];
    if (e === undefined || e.change === 'gone') return;
    const attached = lambdaEni({ id: eni.NetworkInterfaceId, subnet: e.subnet, groups: e.groups });
    const now: NetworkInterface =
      e.change === 'attached'
        ? { ...eni, Status: 'in-use', Attachment: attached.Attachment }
        : e.change === 'regrouped'
          ? { ...eni, Groups: e.regroupTo.map((g) => ({ GroupId: g, GroupName: g })) }
          : e.change === 'not-lambda'
            ? { ...eni, InterfaceType: 'interface', Description: 'Primary network interface' }
            : e.change === 'other-account'
              ? { ...eni, OwnerId: '210987654321' }
              : eni;
    world.set(eni.NetworkInterfaceId, now);
  });
  return { snapshot: emptySnapshot({ functions, networkInterfaces: collected }), firstSeen, world };
}

describe('ENI cleanup over random accounts', () => {
  it('never deletes an in-use, non-Lambda, still-used or too young ENI, and never in a dry run', async () => {
    let deleted = 0;
    await fc.assert(
      fc.asyncProperty(accountArb, async (account) => {
        const { snapshot, firstSeen, world } = build(account);
        const collectedById = new Map(
          snapshot.networkInterfaces?.map((eni) => [eni.NetworkInterfaceId, eni]),
        );
        const ec2 = ec2World(world);
        try {
          const analysis = analyze(snapshot, [eniOrphaned], DEFAULT_ANALYSIS_SETTINGS, NOW, firstSeen);
          const plan = planCleanup(
            snapshot,
            analysis.outcomes.find((o) => o.ruleId === ORPHAN_RULE_ID),
            account.minOrphanAgeHours,
          );
          const report = await runCleanup(new EC2Client({ region: 'eu-west-1' }), plan, analysis.index, {
            mode: account.mode,
            minOrphanAgeHours: account.minOrphanAgeHours,
            accountId: ACCOUNT_ID,
            now: () => NOW,
            deletesPerSecond: 1_000_000,
          });
          const deletions = ec2.deletes.filter((call) => !call.dryRun);
          deleted += deletions.length;
          if (account.mode === 'dry-run') expect(deletions).toEqual([]);
          for (const call of deletions) {
            const collected = collectedById.get(call.id);
            const current = call.state;
            // What the collection saw: an available orphan, old enough.
            expect(collected?.Status).toBe('available');
            expect(collected && usedBy(snapshot.functions ?? [], collected)).toBe(false);
            const hours = account.enis[Number(call.id.slice(5))]?.firstSeenHoursAgo ?? 0;
            expect(hours).toBeGreaterThanOrEqual(account.minOrphanAgeHours);
            // What EC2 held at the moment of the call: still a detached Lambda ENI of this account, unused.
            expect(current).toBeDefined();
            if (current === undefined) continue;
            expect(isLambda(current)).toBe(true);
            expect(current.Status).toBe('available');
            expect(current.Attachment).toBeUndefined();
            expect(current.OwnerId ?? ACCOUNT_ID).toBe(ACCOUNT_ID);
            expect(usedBy(snapshot.functions ?? [], current)).toBe(false);
          }
          // Every deletion is in the report, and the report claims no other.
          expect(
            report.actions.filter((a) => a.outcome === 'deleted').map((a) => a.networkInterfaceId),
          ).toEqual(deletions.map((call) => call.id).sort());
        } finally {
          ec2.mock.restore();
        }
      }),
      { numRuns: 300 },
    );
    // Not vacuous: the accounts generated do hold ENIs that may be deleted.
    expect(deleted).toBeGreaterThan(0);
  });
});

/** One entry per EC2 call the cleanup makes, in order: most calls go through, some fail or race a change. */
const faultsArb = fc.array(
  fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 3 },
    {
      arbitrary: fc.constantFrom<Ec2Fault>('throttled', 'server-error', 'attach', 'regroup', 'vanish'),
      weight: 1,
    },
  ),
  { maxLength: 40 },
);

/** Whether the auditor may delete this ENI as it last saw it: the re-check it must have made. */
function eligible(eni: NetworkInterface, functions: readonly FunctionRecord[]): boolean {
  return (
    isLambda(eni) &&
    eni.Status === 'available' &&
    eni.Attachment === undefined &&
    (eni.OwnerId ?? ACCOUNT_ID) === ACCOUNT_ID &&
    !usedBy(functions, eni)
  );
}

describe('ENI cleanup over random fault sequences', () => {
  it('deletes only what it re-described as deletable, never after a failed re-describe, and reports every failure', async () => {
    const tally = { runs: 0, deleted: 0, refusedByEc2: 0, failedCalls: 0 };
    await fc.assert(
      fc.asyncProperty(accountArb, faultsArb, async (account, faults) => {
        const { snapshot, firstSeen, world } = build(account);
        const functions = snapshot.functions ?? [];
        const ec2 = ec2World(world, { faults });
        try {
          const analysis = analyze(snapshot, [eniOrphaned], DEFAULT_ANALYSIS_SETTINGS, NOW, firstSeen);
          const plan = planCleanup(
            snapshot,
            analysis.outcomes.find((o) => o.ruleId === ORPHAN_RULE_ID),
            account.minOrphanAgeHours,
          );
          const report = await runCleanup(new EC2Client({ region: 'eu-west-1' }), plan, analysis.index, {
            mode: account.mode,
            minOrphanAgeHours: account.minOrphanAgeHours,
            accountId: ACCOUNT_ID,
            now: () => NOW,
            deletesPerSecond: 1_000_000,
          });
          const real = ec2.deletes.filter((call) => !call.dryRun);
          if (account.mode === 'dry-run') expect(real).toEqual([]);
          for (const call of real) {
            // Asked only right after a re-describe that succeeded and showed a deletable ENI.
            expect(call.described).toBeDefined();
            if (call.described) expect(eligible(call.described, functions)).toBe(true);
          }
          for (const call of real.filter((c) => c.deleted)) {
            // What went was a detached Lambda ENI of this account, unused, when EC2 acted.
            expect(call.state && eligible(call.state, functions)).toBe(true);
          }
          // The report claims exactly the deletions that happened; a failed or refused call is never "deleted".
          const deletedIds = real
            .filter((c) => c.deleted)
            .map((c) => c.id)
            .sort();
          expect(
            report.actions.filter((a) => a.outcome === 'deleted').map((a) => a.networkInterfaceId),
          ).toEqual(deletedIds);
          expect(report.summary.deleted).toBe(deletedIds.length);
          tally.runs += 1;
          tally.deleted += deletedIds.length;
          tally.refusedByEc2 += real.filter((c) => !c.deleted && c.state?.Status === 'in-use').length;
          tally.failedCalls += report.actions.filter((a) => a.outcome === 'failed').length;
        } finally {
          ec2.mock.restore();
        }
      }),
      { numRuns: 500 },
    );
    console.log(
      `[reliability] cleanup under faults: runs=${tally.runs}, deleted=${tally.deleted}, ` +
        `refusedByEc2=${tally.refusedByEc2}, failedAndReported=${tally.failedCalls}, wrongDeletions=0`,
    );
    // Not vacuous: faults struck, and deletions still happened where they were right.
    expect(tally.deleted).toBeGreaterThan(0);
    expect(tally.failedCalls).toBeGreaterThan(0);
  });
});
