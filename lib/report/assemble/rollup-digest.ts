import { SEVERITIES } from '../../model/finding.js';
import type { Rollup, RollupTarget } from '../../model/rollup.js';
import { failedBreakdown, plural, type Verdict } from './digest.js';

/** Sentences every roll-up renderer shows the same way. Pure; the text is not escaped (each renderer does). */

/** What keeps a roll-up from being a clean pass, besides failed checks. */
function shortfalls(rollup: Rollup): string[] {
  const t = rollup.totals;
  const parts: string[] = [];
  if (t.failed > 0) parts.push(`${plural(t.failed, 'target')} could not be audited`);
  if (t.notAssumable > 0) parts.push(`${plural(t.notAssumable, 'target')} not assumable`);
  if (t.incomplete > 0) parts.push(`${plural(t.incomplete, 'report')} incomplete`);
  if (t.unknownChecks > 0) parts.push(`${plural(t.unknownChecks, 'check')} unknown`);
  return parts;
}

/**
 * The one-sentence outcome across targets. A target that was not audited, an incomplete report or an unknown
 * check is never read as a pass: the sentence says what could not be checked.
 */
export function rollupVerdict(rollup: Rollup): Verdict {
  const t = rollup.totals;
  const missing = shortfalls(rollup);
  if (t.failedChecks > 0) {
    const affected = rollup.targets.filter(
      (target) => target.status === 'audited' && target.counts.failed > 0,
    );
    return {
      kind: 'fail',
      text:
        `${plural(t.failedChecks, 'check')} failed (${failedBreakdown(t.bySeverity)}) in ` +
        `${affected.length} of ${plural(t.targets, 'target')}` +
        (missing.length > 0 ? `; ${missing.join(', ')}.` : '.'),
    };
  }
  if (missing.length > 0) {
    return {
      kind: 'unknown',
      text: `No check failed, but ${missing.join(', ')}: this is not a clean pass.`,
    };
  }
  if (t.targets === 0) return { kind: 'unknown', text: 'No target was audited: this is not a clean pass.' };
  return {
    kind: 'pass',
    text: `All ${plural(t.targets, 'target')} audited completely; no check failed; 0 unknown.`,
  };
}

/** `123456789012 (prod-web)`. */
export function accountLabel(target: { accountId: string; accountName?: string }): string {
  return target.accountName === undefined ? target.accountId : `${target.accountId} (${target.accountName})`;
}

/** The region, or what a line without one means. */
export function regionLabel(target: RollupTarget): string {
  return target.region ?? 'all regions';
}

export const STATUS_LABEL: Record<RollupTarget['status'], string> = {
  audited: 'audited',
  failed: 'FAILED',
  'not-assumable': 'NOT ASSUMABLE',
};

/**
 * A line's counts: failed checks by severity, unknown checks, coverage gaps; `placeholder` in each for a target
 * that was not audited (it has no counts, and 0 would read as a pass).
 */
export function targetCountCells(target: RollupTarget, placeholder: string): string[] {
  if (target.status !== 'audited') return [...SEVERITIES.map(() => placeholder), placeholder, placeholder];
  return [
    ...SEVERITIES.map((severity) => String(target.counts.bySeverity[severity])),
    String(target.counts.unknown),
    String(target.counts.coverageGaps),
  ];
}

/** The note of a line: why it was not audited, or that it is incomplete, and where its report is. */
export function targetNote(target: RollupTarget): string {
  if (target.status !== 'audited') return `${target.error.code}: ${target.error.message}`;
  const parts: string[] = [];
  if (target.incomplete !== undefined) parts.push(`INCOMPLETE: ${target.incomplete}`);
  if (target.location !== undefined) parts.push(target.location);
  return parts.join(' · ');
}
