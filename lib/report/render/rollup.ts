import { ConfigError } from '../../errors.js';
import type { Rollup } from '../../model/rollup.js';
import { renderRollupMarkdown } from './markdown/rollup.js';
import type { RenderOptions, ReportFormat } from './render.js';
import { renderRollupText } from './text/rollup.js';

/** The roll-up in the formats it has: text, JSON and Markdown. Pure. */

export const ROLLUP_FORMATS = ['text', 'json', 'md'] as const satisfies readonly ReportFormat[];
export type RollupFormat = (typeof ROLLUP_FORMATS)[number];

export function renderRollupJson(rollup: Rollup): string {
  return `${JSON.stringify(rollup, null, 2)}\n`;
}

export function isRollupFormat(format: ReportFormat): format is RollupFormat {
  return (ROLLUP_FORMATS as readonly string[]).includes(format);
}

/** Throws a ConfigError for a format the roll-up does not have (HTML: each target's own report has it). */
export function renderRollup(rollup: Rollup, format: ReportFormat, options: RenderOptions): string {
  if (!isRollupFormat(format)) {
    throw new ConfigError(
      `The roll-up of several targets is rendered as text, json or md, not ${format}; each target's own report has ${format}.`,
    );
  }
  switch (format) {
    case 'text':
      return renderRollupText(rollup, options);
    case 'json':
      return renderRollupJson(rollup);
    case 'md':
      return renderRollupMarkdown(rollup);
  }
}
