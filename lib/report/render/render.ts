import type { Report } from '../../model/report.js';
import { renderHtml } from './html/html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown/markdown.js';
import { renderText } from './text/text.js';

export const REPORT_FORMATS = ['text', 'json', 'md', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** ANSI colour for the text format; the others ignore it. */
  color: boolean;
  /** Terminal columns for the text format. */
  width?: number;
  /** The text format's details view (egress paths hop by hop); the other formats always have them. */
  details?: boolean;
}

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** The report in one of the formats the CLI and the handler offer. */
export function renderReport(report: Report, format: ReportFormat, options: RenderOptions): string {
  switch (format) {
    case 'text':
      return renderText(report, options);
    case 'json':
      return renderJson(report);
    case 'md':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
  }
}
