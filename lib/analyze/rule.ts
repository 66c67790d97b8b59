import type { RuleMetadata, RuleResult } from '../model/finding.js';
import type { Snapshot } from '../model/snapshot.js';
import type { SnapshotIndex } from './index.js';
import type { AnalysisSettings } from './settings.js';

/** What every rule receives. Time comes in as a value: rules never read the clock. */
export interface RuleContext {
  snapshot: Snapshot;
  index: SnapshotIndex;
  settings: AnalysisSettings;
  now: Date;
}

/** A rule: its metadata beside its logic. `evaluate` is pure and must not mutate the context. */
export interface Rule extends RuleMetadata {
  evaluate(ctx: RuleContext): RuleResult[];
}
