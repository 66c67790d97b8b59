import * as z from 'zod/mini';
import { SEVERITIES } from '../model/finding.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/render/render.js';

/** How a report is rendered (`--format`, the payload's `format`) and the severities runs are judged by. */

export const DEFAULT_FORMAT: ReportFormat = 'text';

export const FormatSchema = z.enum(REPORT_FORMATS, {
  error: (issue) => `"${String(issue.input)}" is not a report format (one of ${REPORT_FORMATS.join(', ')})`,
});

/** `--fail-on`, the alert threshold. */
export const SeveritySchema = z.enum(SEVERITIES, {
  error: (issue) => `"${String(issue.input)}" is not a severity (one of ${SEVERITIES.join(', ')})`,
});
