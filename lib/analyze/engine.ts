import { errorMessage } from '../errors.js';
import type { RuleResult } from '../model/finding.js';
import type { AnalysisSettings } from '../model/settings.js';
import type { Snapshot, SnapshotPart } from '../model/snapshot.js';
import type { Rule, RuleContext } from './rule.js';
import { providerScope, resourcesInScope } from './scope.js';
import { buildIndex, type SnapshotIndex } from './snapshot-index.js';

export interface RuleOutcome {
  ruleId: string;
  results: RuleResult[];
  /** Set when the rule threw: its resources are then unknown, and the error is reported. */
  error?: string;
}

export interface Analysis {
  outcomes: RuleOutcome[];
  /** The derived views the rules ran on, reused by the report. */
  index: SnapshotIndex;
}

function missingInputs(rule: Rule, snapshot: Snapshot): SnapshotPart[] {
  return rule.requires.filter((part) => snapshot[part] === null);
}

function gapReasons(snapshot: Snapshot, parts: readonly SnapshotPart[]): string {
  const reasons = parts.map((part) => {
    const gap = snapshot.coverage.find((g) => g.part === part && g.resource === undefined);
    return gap ? `${part} (${gap.api}: ${gap.errorCode})` : `${part} (not collected)`;
  });
  return reasons.join(', ');
}

/** Every resource the rule would have checked, as unknown, because `reason`. */
function unknownForScope(rule: Rule, ctx: RuleContext, reason: string): RuleResult[] {
  const scope = resourcesInScope(
    rule.resourceType,
    ctx.index,
    ctx.snapshot.functions !== null,
    ctx.snapshot.networkInterfaces !== null,
  );
  const targets =
    scope === null
      ? [{ resourceType: 'account' as const, resourceId: ctx.snapshot.meta.accountId }]
      : [...scope, ...providerScope(rule.capacityProviders, ctx.index)];
  return targets.map((target) => ({ ...target, status: 'unknown', message: reason, evidence: {} }));
}

/** Runs every rule over one snapshot. Pure and synchronous; one rule's failure never stops the others. */
export function analyze(
  snapshot: Snapshot,
  rules: readonly Rule[],
  settings: AnalysisSettings,
  now: Date,
  firstSeen: ReadonlyMap<string, string> = new Map(),
): Analysis {
  const ctx: RuleContext = { snapshot, index: buildIndex(snapshot), settings, now, firstSeen };
  const outcomes = rules.map((rule): RuleOutcome => {
    const missing = missingInputs(rule, snapshot);
    if (missing.length > 0) {
      const reason = `Cannot check: needs ${gapReasons(snapshot, missing)}.`;
      return { ruleId: rule.id, results: unknownForScope(rule, ctx, reason) };
    }
    try {
      return { ruleId: rule.id, results: rule.evaluate(ctx) };
    } catch (error) {
      const message = `Rule ${rule.id} failed: ${errorMessage(error)}`;
      return { ruleId: rule.id, results: unknownForScope(rule, ctx, message), error: message };
    }
  });
  return { outcomes, index: ctx.index };
}
