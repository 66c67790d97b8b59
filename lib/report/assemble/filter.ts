import { SEVERITIES, type Severity } from '../../model/finding.js';
import type { Report } from '../../model/report.js';

/**
 * The report with its finding lists limited to `severities` (`--severity`, `--min-severity`). The summary, and
 * so the verdict, still count every finding: hiding the lows never turns a failing audit into an all-clear.
 */
export function limitToSeverities(report: Report, severities: readonly Severity[]): Report {
  const keep = new Set(severities);
  if (SEVERITIES.every((severity) => keep.has(severity))) return report;
  const findings = report.findings.filter((finding) => keep.has(finding.severity));
  const hidden = report.findings.filter((finding) => !keep.has(finding.severity));
  return {
    ...report,
    findingFilter: {
      severities: SEVERITIES.filter((severity) => keep.has(severity)),
      hiddenFailed: hidden.filter((finding) => finding.status === 'fail').length,
      hiddenUnknown: hidden.filter((finding) => finding.status === 'unknown').length,
    },
    findings,
  };
}
