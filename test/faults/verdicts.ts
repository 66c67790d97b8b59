/**
 * The check behind every fault scenario: the run under faults, against the same account collected without
 * faults. A result that failed or was unknown in the baseline may never pass under faults ("a false all
 * clear"): it must still fail, be unknown, or fall under an account-wide unknown of its rule.
 */
import { analyze } from '../../lib/analyze/engine.js';
import { RULES } from '../../lib/analyze/registry.js';
import type { CheckStatus } from '../../lib/model/finding.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../lib/model/settings.js';
import type { Snapshot } from '../../lib/model/snapshot.js';

export interface Verdict {
  ruleId: string;
  status: CheckStatus;
  message: string;
}

/** `<rule>|<resource type>|<resource id>` -> what the rule said. */
export type Verdicts = Map<string, Verdict>;

export function verdictsOf(snapshot: Snapshot, now: Date): Verdicts {
  const verdicts: Verdicts = new Map();
  for (const outcome of analyze(snapshot, RULES, DEFAULT_ANALYSIS_SETTINGS, now).outcomes) {
    for (const result of outcome.results) {
      verdicts.set(`${outcome.ruleId}|${result.resourceType}|${result.resourceId}`, {
        ruleId: outcome.ruleId,
        status: result.status,
        message: result.message,
      });
    }
  }
  return verdicts;
}

interface Comparison {
  /** Baseline results looked up in the faulted run. */
  compared: number;
  /** Baseline fail/unknown results that passed (or vanished without an account-wide unknown). */
  falsePasses: string[];
  /** Baseline passes that failed: a false alarm, not a false all clear. */
  falseFails: string[];
  /** Baseline results (any status) that became unknown. */
  becameUnknown: number;
}

export function compareWithBaseline(baseline: Verdicts, run: Verdicts): Comparison {
  const accountWideUnknown = new Set(
    [...run.entries()]
      .filter(([key, verdict]) => key.includes('|account|') && verdict.status === 'unknown')
      .map(([, verdict]) => verdict.ruleId),
  );
  const comparison: Comparison = { compared: 0, falsePasses: [], falseFails: [], becameUnknown: 0 };
  for (const [key, before] of baseline) {
    comparison.compared += 1;
    const after = run.get(key);
    if (after === undefined) {
      if (before.status !== 'pass' && !accountWideUnknown.has(before.ruleId))
        comparison.falsePasses.push(`${key}: ${before.status} -> not checked`);
      continue;
    }
    if (after.status === 'unknown' && before.status !== 'unknown') comparison.becameUnknown += 1;
    if (before.status !== 'pass' && after.status === 'pass')
      comparison.falsePasses.push(`${key}: ${before.status} -> pass (${after.message})`);
    if (before.status === 'pass' && after.status === 'fail')
      comparison.falseFails.push(`${key}: pass -> fail (${after.message})`);
  }
  return comparison;
}

/** A snapshot as JSON with the endpoint left out, to compare two collections of the same account. */
export function comparable(snapshot: Snapshot): string {
  const { endpoint: _endpoint, ...meta } = snapshot.meta;
  return JSON.stringify({ ...snapshot, meta });
}
