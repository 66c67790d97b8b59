import type { Report } from '../../model/report.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html/html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown/markdown.js';
import { renderOcsf } from './ocsf.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text/text.js';

export const REPORT_FORMATS = ['text', 'json', 'md', 'html', 'sarif', 'ocsf', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  /** ANSI colour for the text format; the others ignore it. */
  color: boolean;
  /** Terminal columns for the text format. */
  width?: number;
  /** The text format's `--details` sections (egress paths hop by hop among them); the other formats always have them. */
  details?: boolean;
}

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * The format a file name asks for, by its extension: `.html`, `.json`, `.md`, `.csv`, `.sarif` (also
 * `.sarif.json`), `.ocsf.json`, `.txt`; undefined for any other.
 */
export function formatOfFileName(name: string): ReportFormat | undefined {
  const lower = name.toLowerCase();
  const byEnding: readonly (readonly [string, ReportFormat])[] = [
    ['.sarif.json', 'sarif'],
    ['.ocsf.json', 'ocsf'],
    ['.sarif', 'sarif'],
    ['.json', 'json'],
    ['.html', 'html'],
    ['.htm', 'html'],
    ['.md', 'md'],
    ['.markdown', 'md'],
    ['.csv', 'csv'],
    ['.txt', 'text'],
    ['.text', 'text'],
    ['.log', 'text'],
  ];
  return byEnding.find(([ending]) => lower.endsWith(ending))?.[1];
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
    case 'sarif':
      return renderSarif(report);
    case 'ocsf':
      return renderOcsf(report);
    case 'csv':
      return renderCsv(report);
  }
}
