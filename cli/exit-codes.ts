import { atOrAbove, type Severity } from '../lib/model/finding.js';
import type { Report } from '../lib/model/report.js';

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, findings: 1, error: 2, unverified: 3 } as const;

/** Exit status for `--fail-on`: findings at or above it fail; checks at or above it that could not be made are "unverified". */
export function exitCodeFor(report: Report, failOn: Severity | undefined): number {
  if (failOn === undefined) return EXIT.ok;
  const relevant = report.findings.filter((f) => atOrAbove(f.severity, failOn));
  if (relevant.some((f) => f.status === 'fail')) return EXIT.findings;
  if (relevant.some((f) => f.status === 'unknown') || report.incomplete) return EXIT.unverified;
  return EXIT.ok;
}

/** One stderr line saying why `--fail-on` made the run exit non-zero: a pipeline log shows the reason. */
export function explainExitCode(report: Report, failOn: Severity, exitCode: number): string {
  const relevant = report.findings.filter((f) => atOrAbove(f.severity, failOn));
  const failed = relevant.filter((f) => f.status === 'fail').length;
  const unknown = relevant.length - failed;
  if (exitCode === EXIT.findings) {
    return `lambda-vpc-audit: exit ${exitCode}: ${failed} failed check${failed === 1 ? '' : 's'} at or above ${failOn} (--fail-on ${failOn}).\n`;
  }
  const why = report.incomplete
    ? 'the report is incomplete'
    : `${unknown} check${unknown === 1 ? '' : 's'} at or above ${failOn} could not be made (unknown)`;
  return `lambda-vpc-audit: exit ${exitCode}: no failed check at or above ${failOn}, but ${why}: not a clean pass (--fail-on ${failOn}).\n`;
}
