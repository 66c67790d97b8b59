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
