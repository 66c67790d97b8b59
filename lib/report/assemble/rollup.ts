import { SEVERITIES, SEVERITY_RANK, type Severity } from '../../model/finding.js';
import type { Report } from '../../model/report.js';
import {
  ROLLUP_VERSION,
  type Rollup,
  type RollupFinding,
  type RollupTarget,
  type RollupTotals,
  type TargetOutcome,
  type TargetRef,
} from '../../model/rollup.js';
import { TOOL } from '../../version.js';

/** Turns per-target outcomes into the roll-up, and a target's report into its outcome. Pure. */

/** Failed checks the roll-up lists across all targets; the per-target reports have every one. */
export const WORST_FINDINGS = 20;
/**
 * Each target hands over this many of its worst failed checks: the roll-up's worst WORST_FINDINGS across all
 * targets are then among them, whatever the spread, while an outcome stays small for a Step Functions Map.
 */
export const WORST_FINDINGS_PER_TARGET = WORST_FINDINGS;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Worst first; ties in a stable, readable order. */
function compareFindings(a: RollupFinding, b: RollupFinding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    compareText(a.accountId, b.accountId) ||
    compareText(a.region, b.region) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.resourceId, b.resourceId)
  );
}

/** A finding with its keys in the model's order (it may come from a parsed Map result). */
function findingLine(finding: RollupFinding): RollupFinding {
  return {
    accountId: finding.accountId,
    region: finding.region,
    key: finding.key,
    ruleId: finding.ruleId,
    title: finding.title,
    severity: finding.severity,
    resourceId: finding.resourceId,
    ...(finding.functionName === undefined ? {} : { functionName: finding.functionName }),
    message: finding.message,
  };
}

/** What the roll-up needs from one target's report. */
export function targetOutcomeOf(
  report: Report,
  ref: Omit<TargetRef, 'region'>,
  options: { location?: string; alertReasons?: string[] } = {},
): TargetOutcome {
  const worst = report.findings
    .filter((finding) => finding.status === 'fail')
    .map(
      (finding): RollupFinding => ({
        accountId: report.accountId,
        region: report.region,
        key: finding.key,
        ruleId: finding.ruleId,
        title: finding.title,
        severity: finding.severity,
        resourceId: finding.resourceId,
        ...(finding.functionName === undefined ? {} : { functionName: finding.functionName }),
        message: finding.message,
      }),
    )
    .sort(compareFindings)
    .slice(0, WORST_FINDINGS_PER_TARGET);
  const s = report.summary;
  return {
    status: 'audited',
    accountId: report.accountId,
    ...(ref.accountName === undefined ? {} : { accountName: ref.accountName }),
    region: report.region,
    runId: report.runId,
    counts: {
      bySeverity: { ...s.bySeverity },
      failed: s.failed,
      unknown: s.unknown,
      coverageGaps: s.coverageGaps,
      vpcFunctions: s.vpcFunctions,
    },
    ...(report.incomplete ? { incomplete: report.incomplete.reason } : {}),
    ...(options.location === undefined ? {} : { location: options.location }),
    worst,
    ...(options.alertReasons && options.alertReasons.length > 0
      ? { alertReasons: options.alertReasons }
      : {}),
  };
}

/** Lower needs attention sooner: unaudited, incomplete, failed checks (worst severity first), unknowns, clean. */
function attentionRank(target: RollupTarget): number {
  if (target.status !== 'audited') return 0;
  if (target.incomplete !== undefined) return 1;
  const worst = SEVERITIES.find((severity) => target.counts.bySeverity[severity] > 0);
  if (worst !== undefined) return 2 + (SEVERITY_RANK.critical - SEVERITY_RANK[worst]);
  if (target.counts.unknown > 0 || target.counts.coverageGaps > 0) return 7;
  return 8;
}

function compareTargets(a: RollupTarget, b: RollupTarget): number {
  return (
    attentionRank(a) - attentionRank(b) ||
    compareText(a.accountId, b.accountId) ||
    compareText(a.region ?? '', b.region ?? '')
  );
}

/** The line of a target, keys in the model's order whatever order they arrived in (a parsed Map result). */
function lineOf(outcome: TargetOutcome): RollupTarget {
  const ref = {
    accountId: outcome.accountId,
    ...(outcome.accountName === undefined ? {} : { accountName: outcome.accountName }),
  };
  if (outcome.status !== 'audited') {
    return {
      ...ref,
      ...(outcome.region === undefined ? {} : { region: outcome.region }),
      status: outcome.status,
      error: { code: outcome.error.code, message: outcome.error.message },
    };
  }
  const { counts } = outcome;
  return {
    ...ref,
    region: outcome.region,
    status: 'audited',
    runId: outcome.runId,
    counts: {
      bySeverity: Object.fromEntries(
        SEVERITIES.map((severity) => [severity, counts.bySeverity[severity]]),
      ) as Record<Severity, number>,
      failed: counts.failed,
      unknown: counts.unknown,
      coverageGaps: counts.coverageGaps,
      vpcFunctions: counts.vpcFunctions,
    },
    ...(outcome.incomplete === undefined ? {} : { incomplete: outcome.incomplete }),
    ...(outcome.location === undefined ? {} : { location: outcome.location }),
  };
}

function totalsOf(targets: readonly RollupTarget[]): RollupTotals {
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<
    Severity,
    number
  >;
  const totals: RollupTotals = {
    targets: targets.length,
    accounts: new Set(targets.map((target) => target.accountId)).size,
    audited: 0,
    failed: 0,
    notAssumable: 0,
    incomplete: 0,
    withCoverageGaps: 0,
    bySeverity,
    failedChecks: 0,
    unknownChecks: 0,
  };
  for (const target of targets) {
    if (target.status !== 'audited') {
      if (target.status === 'failed') totals.failed += 1;
      else totals.notAssumable += 1;
    } else {
      totals.audited += 1;
      if (target.incomplete !== undefined) totals.incomplete += 1;
      if (target.counts.coverageGaps > 0) totals.withCoverageGaps += 1;
      for (const severity of SEVERITIES) bySeverity[severity] += target.counts.bySeverity[severity];
      totals.failedChecks += target.counts.failed;
      totals.unknownChecks += target.counts.unknown;
    }
  }
  return totals;
}

export interface RollupInput {
  runId: string;
  generatedAt: Date;
  outcomes: readonly TargetOutcome[];
}

export function buildRollup(input: RollupInput): Rollup {
  const targets = input.outcomes.map(lineOf).sort(compareTargets);
  const totals = totalsOf(targets);
  const worstFindings = input.outcomes
    .flatMap((outcome) => (outcome.status === 'audited' ? outcome.worst : []))
    .sort(compareFindings)
    .slice(0, WORST_FINDINGS)
    .map(findingLine);
  return {
    rollupVersion: ROLLUP_VERSION,
    tool: { name: TOOL.name, version: TOOL.version },
    runId: input.runId,
    generatedAt: input.generatedAt.toISOString(),
    totals,
    targets,
    worstFindings,
    moreFailedChecks: Math.max(0, totals.failedChecks - worstFindings.length),
  };
}
