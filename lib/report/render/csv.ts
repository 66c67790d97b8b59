import type { Finding } from '../../model/finding.js';
import type { Report } from '../../model/report.js';
import { resourceArn } from './arn.js';
import { UNSAFE_CHARACTERS } from './escape.js';

/**
 * One row per failed or unknown check, for a spreadsheet (RFC 4180: CRLF line ends, every cell quoted). A cell
 * that a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage return) gets a leading
 * `'`, so a function named `=HYPERLINK(...)` stays text (OWASP, CSV injection). Pure.
 */

const COLUMNS = [
  'account_id',
  'region',
  'severity',
  'status',
  'rule_id',
  'title',
  'resource_type',
  'resource_id',
  'resource_arn',
  'function_name',
  'message',
  'remediation',
  'first_seen',
  'run_id',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string): string {
  const clean = value.replace(UNSAFE_CHARACTERS, '\uFFFD').replace(/\r\n|[\r\n]/g, ' ');
  const safe = FORMULA_START.test(clean) ? `'${clean}` : clean;
  return `"${safe.replace(/"/g, '""')}"`;
}

function row(finding: Finding, report: Report): string[] {
  return [
    report.accountId,
    report.region,
    finding.severity,
    finding.status,
    finding.ruleId,
    finding.title,
    finding.resourceType,
    finding.resourceId,
    resourceArn(finding, report),
    finding.functionName ?? '',
    finding.message,
    finding.remediation,
    finding.firstSeen ?? '',
    report.runId,
  ];
}

export function renderCsv(report: Report): string {
  const lines = [
    COLUMNS.map(cell).join(','),
    ...report.findings.map((finding) => row(finding, report).map(cell).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
