import * as z from 'zod/mini';

/**
 * How a setting's value arrives: a number or a boolean (cdk.json, an invoke payload) or text (a CLI flag, an
 * environment variable, `-c key=value`). Each setting's module builds its schema from these.
 */

type Bounds = { min: number; max: number; minExclusive?: boolean };

function parseNumber(value: number | string, percentAllowed: boolean): number {
  if (typeof value === 'number') return value;
  const text = value.trim();
  if (percentAllowed && text.endsWith('%')) return Number(text.slice(0, -1)) / 100;
  return text === '' ? Number.NaN : Number(text);
}

/** A number within bounds, given as a number or text; a fraction may also be written as a percentage (`20%`). */
export function numberIn(
  what: string,
  bounds: Bounds,
  options: { percent?: boolean; integer?: boolean } = {},
) {
  const lower = bounds.minExclusive ? `> ${bounds.min}` : `≥ ${bounds.min}`;
  const kind = options.integer ? 'a whole number' : 'a number';
  const hint = options.percent ? ' (a fraction such as 0.2, or a percentage such as 20%)' : '';
  return z.pipe(
    z.union([z.number(), z.string()]),
    z.transform((value, ctx) => {
      const n = parseNumber(value, options.percent === true);
      const tooLow = bounds.minExclusive ? n <= bounds.min : n < bounds.min;
      if (!Number.isFinite(n) || tooLow || n > bounds.max || (options.integer && !Number.isInteger(n))) {
        ctx.issues.push({
          code: 'custom',
          input: value,
          message: `${what} must be ${kind} ${lower} and ≤ ${bounds.max}${hint}, got "${value}"`,
        });
        return z.NEVER;
      }
      return n;
    }),
  );
}

/** `true`/`false` (also 1/0, yes/no) from an environment variable, a flag or the CDK context. */
export const BooleanTextSchema = z.pipe(
  z.union([z.boolean(), z.string()]),
  z.transform((value, ctx) => {
    if (typeof value === 'boolean') return value;
    const text = value.trim().toLowerCase();
    if (['true', '1', 'yes'].includes(text)) return true;
    if (['false', '0', 'no', ''].includes(text)) return false;
    ctx.issues.push({ code: 'custom', input: value, message: `"${value}" is not true or false` });
    return z.NEVER;
  }),
);

/** A help text with the setting's default, as the CLI's help and the README show it. */
export function withDefault(help: string, value: string | number): string {
  return `${help} (default ${value})`;
}
