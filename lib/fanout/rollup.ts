import type { Rollup, TargetOutcome } from '../model/rollup.js';
import type { PublishConfig } from '../publish/config.js';
import { publishRollup, type RollupPublishDeps, type RollupPublishOutcome } from '../publish/rollup.js';
import { buildRollup } from '../report/assemble/rollup.js';

/** Where a roll-up is published: its objects in the report bucket and the run's ONE alert. */
export interface RollupPublishing {
  config: PublishConfig;
  clients: RollupPublishDeps['clients'];
  /** The auditor's region, for the console link. */
  region: string;
}

/**
 * The run's roll-up from every target's line, stored and alerted on: the last step of a run in one process
 * (lib/fanout/pipeline.ts) and of the Step Functions fan-out (lib/lambda/rollup.ts).
 */
export async function rollUpAndPublish(
  outcomes: readonly TargetOutcome[],
  runId: string,
  generatedAt: Date,
  publishing: RollupPublishing,
): Promise<{ rollup: Rollup; published: RollupPublishOutcome }> {
  const rollup = buildRollup({ runId, generatedAt, outcomes });
  const { config, clients, region } = publishing;
  return { rollup, published: await publishRollup(rollup, outcomes, config, { clients }, region) };
}
