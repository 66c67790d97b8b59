import * as z from 'zod/mini';
import type { CleanupMode } from '../model/cleanup.js';
import { parseOrThrow } from '../model/validation.js';
import { withDefault } from './values.js';

/**
 * The opt-in cleanup of orphaned Lambda ENIs: its mode and the minimum orphan age, as the CLI (`--cleanup`,
 * `--apply`, `--min-orphan-age-hours`), the Lambda environment (`ENI_CLEANUP`, `ENI_CLEANUP_MIN_AGE_HOURS`),
 * the invoke payload (`cleanup`) and the CDK context (`cleanup`, `cleanupMinAgeHours`) give them.
 */

/** A cleanup setting: `off`, or the mode it runs in. */
export type CleanupSetting = 'off' | CleanupMode;

export const CleanupSettingSchema = z.enum(['off', 'dry-run', 'apply'], {
  error: (issue) => `"${String(issue.input)}" is not a cleanup mode (off, dry-run or apply)`,
});

/**
 * How long an ENI must have been reported orphaned before cleanup deletes it. Lambda itself may take up to
 * ~20 minutes to remove an ENI it no longer needs, and AWS Support's findEniAssociations calls one still there
 * after 24 hours "stuck": a day leaves Lambda every chance first.
 */
export const DEFAULT_MIN_ORPHAN_AGE_HOURS = 24;

export const MIN_ORPHAN_AGE_HELP = withDefault('orphaned at least this long', DEFAULT_MIN_ORPHAN_AGE_HOURS);

/** Whole hours since the orphan was first reported; 0 allows an orphan first seen in this run. */
export const MinOrphanAgeHoursSchema = z.pipe(
  z.union([z.number(), z.string()]),
  z.transform((value, ctx) => {
    const hours = Number(value);
    if (String(value).trim() === '' || !Number.isInteger(hours) || hours < 0) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `the minimum orphan age must be a whole number of hours ≥ 0, got "${value}"`,
      });
      return z.NEVER;
    }
    return hours;
  }),
);

/** The hours given (a flag, a variable), or the default; `what` names the source in a refusal. */
export function minOrphanAgeHours(value: string | undefined, what: string): number {
  return value === undefined
    ? DEFAULT_MIN_ORPHAN_AGE_HOURS
    : parseOrThrow(MinOrphanAgeHoursSchema, value, what);
}
