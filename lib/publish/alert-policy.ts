import { atOrAbove } from '../model/finding.js';
import type { Report } from '../model/report.js';
import { plural } from '../report/assemble/digest.js';
import type { AlertPolicy } from './config.js';

/** Whether a run sends its one message, and why (said in the response and the logs). Pure. */
export type AlertDecision = { send: true; reasons: string[] } | { send: false; reason: string };

/**
 * One message per run, and only when it matters: new failed findings at or above the threshold, resolved
 * ones at or above it, checks that could be made last run and not now, an incomplete audit, or a report that
 * could not be stored (the alert is then its only copy), or an ENI cleanup that deleted or failed. When the previous report could not be read nothing
 * can be called new, so every failed finding at or above the threshold counts: an extra alert beats a
 * missed one. `always` sends every run.
 */
export function decideAlert(report: Report, policy: AlertPolicy, storeFailed: boolean): AlertDecision {
  const reasons: string[] = [];
  const relevant = report.findings.filter((finding) => atOrAbove(finding.severity, policy.threshold));
  const changes = report.changes;
  if (changes?.status === 'compared') {
    const fresh = relevant.filter((f) => f.status === 'fail' && f.change === 'new').length;
    const resolved = changes.resolved.filter((f) => atOrAbove(f.severity, policy.threshold)).length;
    const newlyUnknown = relevant.filter((f) => f.status === 'unknown' && f.change === 'new').length;
    if (fresh > 0) reasons.push(`${plural(fresh, 'new failed check')} at or above ${policy.threshold}`);
    if (resolved > 0) reasons.push(`${resolved} resolved at or above ${policy.threshold}`);
    if (newlyUnknown > 0)
      reasons.push(`${plural(newlyUnknown, 'check')} newly unknown at or above ${policy.threshold}`);
  } else {
    const failed = relevant.filter((f) => f.status === 'fail').length;
    if (failed > 0)
      reasons.push(
        `${plural(failed, 'failed check')} at or above ${policy.threshold} (not compared with a previous report)`,
      );
  }
  if (report.incomplete) reasons.push('the audit is incomplete');
  const cleanup = report.cleanup?.summary;
  if (cleanup && (cleanup.deleted > 0 || cleanup.failed > 0)) {
    reasons.push(`the ENI cleanup deleted ${cleanup.deleted} and failed on ${cleanup.failed}`);
  }
  if (storeFailed) reasons.push('the report could not be stored in S3');
  if (reasons.length > 0) return { send: true, reasons };
  if (policy.mode === 'always') return { send: true, reasons: ['alert mode is always'] };
  return { send: false, reason: `nothing changed at or above ${policy.threshold}` };
}
