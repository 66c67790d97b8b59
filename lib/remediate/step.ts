import type { Analysis } from '../analyze/engine.js';
import { createClients } from '../collect/clients.js';
import { ConfigError } from '../errors.js';
import type { CleanupReport } from '../model/cleanup.js';
import type { Snapshot } from '../model/snapshot.js';
import { runCleanup } from './cleanup.js';
import type { CleanupOptions } from './options.js';
import { ORPHAN_RULE_ID, planCleanup } from './plan.js';

/** Where the snapshot came from, as runAudit knows it; only a live collection may be cleaned up. */
export type CleanupSource = { kind: 'file' } | { kind: 'aws'; region: string; profile?: string };

/**
 * The cleanup step of an audit, after the analysis and before the report: plans from this collection's
 * `eni-orphaned` results, then re-checks and deletes (or dry-runs) in the audited account and region.
 */
export async function cleanUpOrphanedEnis(
  source: CleanupSource,
  snapshot: Snapshot,
  analysis: Analysis,
  options: CleanupOptions,
  clock: () => Date = () => new Date(),
): Promise<CleanupReport> {
  if (source.kind !== 'aws') {
    throw new ConfigError(
      'ENI cleanup acts on what a live collection found orphaned: it cannot run on a saved snapshot (--snapshot).',
    );
  }
  const plan = planCleanup(
    snapshot,
    analysis.outcomes.find((outcome) => outcome.ruleId === ORPHAN_RULE_ID),
    options.minOrphanAgeHours,
  );
  const { ec2 } = createClients({ region: source.region, profile: source.profile });
  return runCleanup(ec2, plan, analysis.index, {
    mode: options.mode,
    minOrphanAgeHours: options.minOrphanAgeHours,
    accountId: snapshot.meta.accountId,
    now: clock,
  });
}
