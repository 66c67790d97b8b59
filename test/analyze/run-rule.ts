import { analyze } from '../../lib/analyze/engine.js';
import type { Rule } from '../../lib/analyze/rule.js';
import type { RuleResult } from '../../lib/model/finding.js';
import { type AnalysisSettings, DEFAULT_ANALYSIS_SETTINGS } from '../../lib/model/settings.js';
import type { Snapshot } from '../../lib/model/snapshot.js';

export const NOW = new Date('2026-11-24T03:00:00.000Z');

/**
 * Runs one rule through the engine (so missing inputs turn into unknowns exactly as in a real audit). Every rule
 * test goes through here, so each checks that its results carry only the severities the rule declares.
 */
export function runRule(
  rule: Rule,
  snapshot: Snapshot,
  settings: Partial<AnalysisSettings> = {},
): RuleResult[] {
  const analysis = analyze(snapshot, [rule], { ...DEFAULT_ANALYSIS_SETTINGS, ...settings }, NOW);
  const results = analysis.outcomes[0]?.results ?? [];
  for (const result of results) {
    if (result.severity !== undefined && !rule.severities.includes(result.severity))
      throw new Error(
        `${rule.id} gave ${result.resourceId} severity ${result.severity}, not in its severities`,
      );
  }
  return results;
}

/** The single result for one resource; fails the test when there is not exactly one. */
export function resultFor(results: readonly RuleResult[], resourceId: string): RuleResult {
  const matching = results.filter((r) => r.resourceId === resourceId);
  if (matching.length !== 1) throw new Error(`expected one result for ${resourceId}, got ${matching.length}`);
  return matching[0] as RuleResult;
}
