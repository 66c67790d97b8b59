import type { Finding, ResourceType, Severity } from '../../model/finding.js';
import type { PreviousFinding, Report, ReportChanges } from '../../model/report.js';

/** The part of a previous report the diff reads (what `latest.json` must hold); a Report is one. */
export interface PreviousReport {
  runId: string;
  generatedAt: string;
  findings: readonly {
    key: string;
    ruleId: string;
    title: string;
    status: 'fail' | 'unknown';
    severity: Severity;
    resourceType: ResourceType;
    resourceId: string;
    functionName?: string | undefined;
    message: string;
    firstSeen?: string | undefined;
  }[];
  changes?:
    | { status: string; previous?: { runId: string; generatedAt: string } | null | undefined }
    | undefined;
}

/** What this run is compared with. */
export type Baseline =
  /** No report was stored before: the first run, every finding is new. */
  | { kind: 'none' }
  | { kind: 'report'; report: PreviousReport }
  /** A previous report may exist but could not be read: nothing is called new or resolved. */
  | { kind: 'unavailable'; reason: string };

type PreviousEntry = PreviousReport['findings'][number];

/**
 * Since when a previous finding has been failing: its own `firstSeen` (carried through runs, including runs
 * where it was only unknown), else the previous report's time when it failed there; undefined when it never
 * failed (an unknown that was never confirmed).
 */
function failingSince(entry: PreviousEntry, previous: PreviousReport): string | undefined {
  return entry.firstSeen ?? (entry.status === 'fail' ? previous.generatedAt : undefined);
}

/** Finding key -> ISO time first reported failing: what the rules read as `ctx.firstSeen` (ENI age). */
export function firstSeenFrom(baseline: Baseline | undefined): Map<string, string> {
  const firstSeen = new Map<string, string>();
  if (baseline?.kind !== 'report') return firstSeen;
  for (const entry of baseline.report.findings) {
    const since = failingSince(entry, baseline.report);
    if (since !== undefined) firstSeen.set(entry.key, since);
  }
  return firstSeen;
}

function toPreviousFinding(entry: PreviousEntry, firstSeen: string): PreviousFinding {
  return {
    key: entry.key,
    ruleId: entry.ruleId,
    title: entry.title,
    severity: entry.severity,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId,
    ...(entry.functionName === undefined ? {} : { functionName: entry.functionName }),
    message: entry.message,
    firstSeen,
  };
}

/**
 * Which absent previous findings this run checked again, so can call resolved. None when the run stopped
 * early; otherwise not those whose rule is gone or threw, or whose rule could not tell which resources to
 * check (its unknown result then stands for the whole account, so the resource has no key of its own).
 */
function checkedAgain(report: Report): (entry: PreviousEntry) => boolean {
  const ruleOk = new Set(report.rules.filter((rule) => rule.error === undefined).map((rule) => rule.id));
  const unscoped = new Set(
    report.findings
      .filter((finding) => finding.status === 'unknown' && finding.resourceType === 'account')
      .map((finding) => finding.ruleId),
  );
  return (entry) =>
    !report.incomplete &&
    ruleOk.has(entry.ruleId) &&
    !(unscoped.has(entry.ruleId) && entry.resourceType !== 'account');
}

function annotate(
  finding: Finding,
  previous: PreviousReport | null,
  previousByKey: ReadonlyMap<string, PreviousEntry>,
  generatedAt: string,
): Finding {
  const entry = previousByKey.get(finding.key);
  const since = entry === undefined || previous === null ? undefined : failingSince(entry, previous);
  if (finding.status === 'fail') {
    return { ...finding, firstSeen: since ?? generatedAt, change: since === undefined ? 'new' : 'open' };
  }
  // An unknown keeps the failing-since time it had, so an age survives a run that could not check it.
  return { ...finding, ...(since === undefined ? {} : { firstSeen: since }), change: entry ? 'open' : 'new' };
}

/**
 * Marks each finding new or open (with its first-seen time) and lists what was resolved, against the
 * baseline. Pure. A run limited to some functions is not compared: everything else would look resolved.
 */
export function applyBaseline(report: Report, baseline: Baseline): Report {
  if (report.functionFilter !== undefined) {
    const changes: ReportChanges = {
      status: 'unavailable',
      reason: 'The run was limited to some functions; only a run over every function is compared.',
    };
    return { ...report, changes };
  }
  if (baseline.kind === 'unavailable') {
    return { ...report, changes: { status: 'unavailable', reason: baseline.reason } };
  }
  const previous = baseline.kind === 'report' ? baseline.report : null;
  const previousByKey = new Map((previous?.findings ?? []).map((entry) => [entry.key, entry]));
  const findings = report.findings.map((finding) =>
    annotate(finding, previous, previousByKey, report.generatedAt),
  );
  const currentKeys = new Set(findings.map((finding) => finding.key));
  const wasCheckedAgain = checkedAgain(report);
  const resolved: PreviousFinding[] = [];
  const unconfirmed: PreviousFinding[] = [];
  for (const entry of previous?.findings ?? []) {
    const since = previous === null ? undefined : failingSince(entry, previous);
    if (since === undefined || currentKeys.has(entry.key)) continue;
    (wasCheckedAgain(entry) ? resolved : unconfirmed).push(toPreviousFinding(entry, since));
  }
  const failed = findings.filter((finding) => finding.status === 'fail');
  return {
    ...report,
    changes: {
      status: 'compared',
      previous: previous === null ? null : { runId: previous.runId, generatedAt: previous.generatedAt },
      new: failed.filter((finding) => finding.change === 'new').length,
      open: failed.filter((finding) => finding.change === 'open').length,
      resolved,
      unconfirmed,
    },
    findings,
  };
}
