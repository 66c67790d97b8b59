import * as z from 'zod/mini';
import { SEVERITIES, type Severity } from '../model/finding.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/render/render.js';

/** How a report is rendered (`--format`, the payload's `format`) and the severities runs are judged by. */

export const DEFAULT_FORMAT: ReportFormat = 'text';

export const FormatSchema = z.enum(REPORT_FORMATS, {
  error: (issue) => `"${String(issue.input)}" is not a report format (one of ${REPORT_FORMATS.join(', ')})`,
});

const severityError = (input: unknown) =>
  `"${String(input)}" is not a severity (one of ${SEVERITIES.join(', ')})`;

/** `--fail-on`, `--min-severity`, the alert threshold: a severity in any case (`HIGH` as Trivy writes it). */
export const SeveritySchema = z.pipe(
  z.string({ error: (issue) => severityError(issue.input) }),
  z.transform((value, ctx) => {
    const severity = SEVERITIES.find((s) => s === value.trim().toLowerCase());
    if (severity === undefined) {
      ctx.issues.push({ code: 'custom', input: value, message: severityError(value) });
      return z.NEVER;
    }
    return severity;
  }),
);

/** `--severity critical,high`: a comma-separated list of severities, in any case, at least one. */
export const SeverityListSchema = z.pipe(
  z.string(),
  z.transform((value, ctx) => {
    const severities: Severity[] = [];
    for (const item of value.split(',').map((part) => part.trim())) {
      const severity = SEVERITIES.find((s) => s === item.toLowerCase());
      if (severity === undefined) {
        ctx.issues.push({ code: 'custom', input: value, message: severityError(item) });
        return z.NEVER;
      }
      if (!severities.includes(severity)) severities.push(severity);
    }
    return severities;
  }),
);
