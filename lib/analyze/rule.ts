import type { RuleMetadata, RuleResult } from '../model/finding.js';
import type { AnalysisSettings } from '../model/settings.js';
import type { Snapshot } from '../model/snapshot.js';
import type { SnapshotIndex } from './snapshot-index.js';

/** What every rule receives. Time comes in as a value: rules never read the clock. */
export interface RuleContext {
  snapshot: Snapshot;
  index: SnapshotIndex;
  settings: AnalysisSettings;
  now: Date;
  /**
   * Finding key (`<ruleId>:<resourceId>`) -> ISO time the finding was first reported, carried over from the
   * previous report; empty when there is none. How long an ENI has been orphaned comes from here.
   */
  firstSeen: ReadonlyMap<string, string>;
}

/** A rule: its metadata beside its logic. `evaluate` is pure and must not mutate the context. */
export interface Rule extends RuleMetadata {
  evaluate(ctx: RuleContext): RuleResult[];
}
