import type { Verdict, VerdictKind } from '../../assemble/digest.js';
import { clean, hang, padEnd, wrap } from './layout.js';
import { type Paint, painter, type Style } from './style.js';

/** What the terminal report and the terminal roll-up share: their options, their layout and their common lines. */

export interface TextOptions {
  /** ANSI colour; the caller decides (TTY, NO_COLOR, --no-color). */
  color: boolean;
  /** Terminal columns; defaults to 100, clamped to a readable range. */
  width?: number;
  /**
   * `--details`: every finding's whole message, how the execution roles were checked, the routing section with
   * each function's egress path hop by hop, demand, ENI holders and the inventory.
   */
  details?: boolean;
}

const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 60;
const MAX_WIDTH = 160;

/** What every section is drawn with. */
export interface Layout {
  width: number;
  paint: Paint;
  details: boolean;
}

export function layoutOf(options: TextOptions): Layout {
  const requested =
    options.width !== undefined && Number.isFinite(options.width) ? options.width : DEFAULT_WIDTH;
  const width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.floor(requested)));
  return { width, paint: painter(options.color), details: options.details ?? false };
}

/** `lambda-vpc-auditor 0.1.0: Lambda VPC audit…`, the page's first line. */
export function titleLine(tool: { name: string; version: string }, title: string, paint: Paint): string {
  return paint(`${clean(tool.name)} ${clean(tool.version)}: ${title}`, 'bold');
}

/** A summary row: the label padded to `labelWidth`, then the value. */
export function summaryLine(label: string, value: string, labelWidth: number): string {
  return `  ${padEnd(label, labelWidth)}${value}`;
}

const VERDICT_STYLE: Record<VerdictKind, readonly Style[]> = {
  fail: ['red', 'bold'],
  unknown: ['yellow', 'bold'],
  pass: ['green', 'bold'],
};

/** `Result: <verdict>`, wrapped under itself, in the verdict's colour. */
export function resultLines(outcome: Verdict, { width, paint }: Layout): string[] {
  return hang(wrap(outcome.text, width - 'Result: '.length), 'Result: ').map((line) =>
    paint(line, ...VERDICT_STYLE[outcome.kind]),
  );
}

/** The closing hints, each wrapped, all dimmed. */
export function hintLines(steps: readonly string[], { width, paint }: Layout): string[] {
  return steps.flatMap((step) => wrap(step, width)).map((line) => paint(line, 'dim'));
}
