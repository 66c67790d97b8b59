import * as z from 'zod/mini';

/**
 * Validation of the ENI demand knobs (CLI flags, environment, invoke payload). Values arrive as numbers or
 * strings; a fraction may also be written as a percentage (`20%`).
 */

/** CloudWatch keeps 1-hour data for 455 days: a daily Maximum reaches no further back. */
export const MAX_LOOKBACK_DAYS = 455;

type Bounds = { min: number; max: number; minExclusive?: boolean };

function parseNumber(value: number | string, percentAllowed: boolean): number {
  if (typeof value === 'number') return value;
  const text = value.trim();
  if (percentAllowed && text.endsWith('%')) return Number(text.slice(0, -1)) / 100;
  return text === '' ? Number.NaN : Number(text);
}

function numberIn(what: string, bounds: Bounds, options: { percent?: boolean; integer?: boolean } = {}) {
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

/** Added to the observed peak; 10 (1000%) is far beyond any sensible margin, so a larger value is a typo for a percentage. */
export const HeadroomSchema = numberIn('headroom', { min: 0, max: 10 }, { percent: true });

/** GB per ENI; Lambda's largest memory is 10,240 MB, so a divisor above 10 GB would size everything at one ENI. */
export const LegacyDivisorSchema = numberIn('the legacy divisor (GB)', {
  min: 0,
  max: 10,
  minExclusive: true,
});

export const UtilisationThresholdSchema = (what: string) =>
  numberIn(what, { min: 0, max: 1, minExclusive: true }, { percent: true });

export const LookbackDaysSchema = numberIn(
  'lookback days',
  { min: 1, max: MAX_LOOKBACK_DAYS },
  { integer: true },
);
