import type { Analysis } from '../analyze/engine.js';
import { type Clients, createClients } from '../aws/clients.js';
import { withTimeBudget } from '../aws/time-budget.js';
import { ConfigError } from '../errors.js';
import type { CleanupReport } from '../model/cleanup.js';
import type { Snapshot } from '../model/snapshot.js';
import { runCleanup } from './cleanup.js';
import type { CleanupOptions } from './options.js';
import { ORPHAN_RULE_ID, planCleanup } from './plan.js';

/** Where the snapshot came from, as runAudit knows it; only a live collection may be cleaned up. */
export type CleanupSource =
  | { kind: 'file' }
  | { kind: 'aws'; region: string; profile?: string; deadline?: Date };

type AwsCleanupSource = Extract<CleanupSource, { kind: 'aws' }>;

/** The EC2 client to clean up with: the Lambda handler's traced one, or a new one for the source. */
export type CleanupClient = (source: AwsCleanupSource) => Clients['ec2'];

const newEc2Client: CleanupClient = (source) =>
  createClients({ region: source.region, profile: source.profile }).ec2;

/**
 * The cleanup step of an audit, after the analysis and before the report: plans from this collection's
 * `eni-orphaned` results, then re-checks and deletes (or dry-runs) in the audited account and region. The
 * collection's deadline (the Lambda handler's time budget) bounds it too: past it nothing is re-described or
 * deleted, and each ENI left says so, so the publishing reserve stays whole.
 */
export async function cleanUpOrphanedEnis(
  source: CleanupSource,
  snapshot: Snapshot,
  analysis: Analysis,
  options: CleanupOptions,
  ec2For: CleanupClient = newEc2Client,
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
  const client = ec2For(source);
  const ec2 = source.deadline === undefined ? client : withTimeBudget({ ec2: client }, source.deadline).ec2;
  return runCleanup(ec2, plan, analysis.index, {
    mode: options.mode,
    minOrphanAgeHours: options.minOrphanAgeHours,
    accountId: snapshot.meta.accountId,
    // The wall clock, not the audit's `now`: each EC2 answer is stamped with when it came, well after the collection.
    now: () => new Date(),
  });
}
