import { describe, expect, it } from 'vitest';
import { analyze, type RuleOutcome } from '../../lib/analyze/engine.js';
import { eniOrphaned } from '../../lib/analyze/rules/eni-orphaned.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../lib/model/settings.js';
import { MAX_DELETIONS_PER_RUN, planCleanup } from '../../lib/remediate/plan.js';
import { emptySnapshot, lambdaEni } from '../fixtures/snapshot-builder.js';

const NOW = new Date('2026-11-24T03:00:00.000Z');
const orphan = lambdaEni({ id: 'eni-0a01', subnet: 'subnet-a', groups: ['sg-1'], status: 'available' });
const snapshot = emptySnapshot({ networkInterfaces: [orphan] });
const firstSeen = new Map([['eni-orphaned:eni-0a01', '2026-11-20T03:00:00.000Z']]);

function outcome(s = snapshot): RuleOutcome | undefined {
  return analyze(s, [eniOrphaned], DEFAULT_ANALYSIS_SETTINGS, NOW, firstSeen).outcomes[0];
}

describe('planCleanup', () => {
  it('makes an old enough, detached orphan a candidate', () => {
    const plan = planCleanup(snapshot, outcome(), 24);
    expect(plan.candidates.map((c) => [c.eni.NetworkInterfaceId, c.firstSeen.hours])).toEqual([
      ['eni-0a01', 96],
    ]);
    expect(plan.skipped).toEqual([]);
  });

  it('leaves orphans over the per-run limit for the next run', () => {
    const many = Array.from({ length: MAX_DELETIONS_PER_RUN + 2 }, (_, i) =>
      lambdaEni({
        id: `eni-0${String(i).padStart(3, '0')}`,
        subnet: 'subnet-a',
        groups: ['sg-1'],
        status: 'available',
      }),
    );
    const s = emptySnapshot({ networkInterfaces: many });
    const plan = planCleanup(s, outcome(s), 0);
    expect(plan.candidates).toHaveLength(MAX_DELETIONS_PER_RUN);
    expect(plan.skipped.map((a) => [a.networkInterfaceId, a.reason])).toEqual([
      ['eni-0050', "Over this run's limit of 50 deletions: left for the next run."],
      ['eni-0051', "Over this run's limit of 50 deletions: left for the next run."],
    ]);
  });

  it('plans nothing from an incomplete collection', () => {
    const incomplete = {
      ...snapshot,
      meta: { ...snapshot.meta, incomplete: { reason: 'time budget reached' } },
    };
    const plan = planCleanup(incomplete, outcome(incomplete), 0);
    expect(plan.candidates).toEqual([]);
    expect(plan.notes).toEqual(['The collection is incomplete (time budget reached): nothing was deleted.']);
  });

  it('plans nothing when the orphan rule failed or did not run', () => {
    const failed: RuleOutcome = {
      ruleId: 'eni-orphaned',
      results: [],
      error: 'Rule eni-orphaned failed: boom',
    };
    expect(planCleanup(snapshot, failed, 0).notes).toEqual([
      'Rule eni-orphaned failed: boom Nothing was deleted.',
    ]);
    expect(planCleanup(snapshot, undefined, 0).notes).toEqual([
      'Rule eni-orphaned did not run: nothing to clean up.',
    ]);
  });

  it('never takes an ENI the rule could not judge', () => {
    const foreign = { ...orphan, OwnerId: '210987654321' };
    const s = emptySnapshot({ networkInterfaces: [foreign] });
    const plan = planCleanup(s, outcome(s), 0);
    expect(plan.candidates).toEqual([]);
    expect(plan.notes).toEqual(['1 Lambda ENI check could not be made (unknown); never touched.']);
  });
});
