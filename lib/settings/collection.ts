import * as z from 'zod/mini';
import { DEFAULT_LOOKBACK_DAYS } from '../collect/cloudwatch.js';
import { numberIn, withDefault } from './values.js';

/**
 * What a live collection reads and for how long: the region, the days of concurrency metrics, the CLI's time
 * limit and the Lambda function's time reserve.
 */

/** `eu-west-1`, `us-gov-west-1`, `cn-north-1`, `ap-southeast-5`: a format check; AWS itself says whether it exists. */
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export const RegionSchema = z.string().check(
  z.regex(REGION_PATTERN, {
    error: (issue) => `"${String(issue.input)}" is not an AWS region name (like eu-west-1)`,
  }),
);

/** CloudWatch keeps 1-hour data for 455 days: a daily Maximum reaches no further back. */
export const MAX_LOOKBACK_DAYS = 455;

export const LookbackDaysSchema = numberIn(
  'lookback days',
  { min: 1, max: MAX_LOOKBACK_DAYS },
  { integer: true },
);

export const LOOKBACK_DAYS_HELP = withDefault('days of concurrency metrics to read', DEFAULT_LOOKBACK_DAYS);

/** A day: far beyond any one audit, so a larger number is more likely seconds typed as minutes. */
export const MAX_TIME_LIMIT_MINUTES = 1440;

/** Minutes of collection, a fraction allowed (`0.5`), more than 0 and at most a day. */
export const TimeLimitMinutesSchema = z.pipe(
  z.union([z.number(), z.string()]),
  z.transform((value, ctx) => {
    const text = typeof value === 'string' ? value.trim() : undefined;
    const n = text === undefined ? Number(value) : text === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(n) || n <= 0 || n > MAX_TIME_LIMIT_MINUTES) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `the time limit must be a number of minutes > 0 and ≤ ${MAX_TIME_LIMIT_MINUTES} (such as 0.5 or 30), got "${value}"`,
      });
      return z.NEVER;
    }
    return n;
  }),
);

export const TIME_LIMIT_HELP = `stop collecting after this many minutes (e.g. 0.5, at most ${MAX_TIME_LIMIT_MINUTES}) and mark the report incomplete (default: no limit)`;

/** Seconds the Lambda function keeps back from its timeout for analysis and publishing after collection stops. */
export const DEFAULT_TIME_RESERVE_SECONDS = 60;

export const TimeReserveSecondsSchema = z.pipe(
  z.string(),
  z.transform((value, ctx) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 5 || n > 600) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `must be whole seconds from 5 to 600, got "${value}"`,
      });
      return z.NEVER;
    }
    return n;
  }),
);
