import type { Severity } from '../../../model/finding.js';

/**
 * ANSI styling for the terminal report. Plain escape codes rather than `util.styleText`, whose newer versions
 * look at the environment and the stream: the caller decides about colour (TTY, NO_COLOR), the renderer obeys.
 */
export type Style = 'bold' | 'dim' | 'inverse' | 'red' | 'yellow' | 'cyan' | 'green';

// [open, close]; the specific close codes let styles nest without one cancelling another.
const ANSI: Record<Style, readonly [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  inverse: [7, 27],
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  green: [32, 39],
};

export const SEVERITY_STYLE: Record<Severity, readonly Style[]> = {
  critical: ['red', 'bold'],
  high: ['red'],
  medium: ['yellow'],
  low: ['cyan'],
  info: ['dim'],
};

export type Paint = (text: string, ...styles: readonly Style[]) => string;

/** Styles text when `color` is on; otherwise returns it untouched, so plain output has no escape codes. */
export function painter(color: boolean): Paint {
  if (!color) return (text) => text;
  return (text, ...styles) =>
    styles.reduce((styled, style) => `\u001b[${ANSI[style][0]}m${styled}\u001b[${ANSI[style][1]}m`, text);
}
