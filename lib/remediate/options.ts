import * as z from 'zod/mini';
import type { CleanupMode } from '../model/cleanup.js';
import { parseOrThrow } from '../model/validation.js';

/**
 * How long an ENI must have been reported orphaned before cleanup deletes it. Lambda itself may take up to
 * ~20 minutes to remove an ENI it no longer needs, and AWS Support's findEniAssociations calls one still there
 * after 24 hours "stuck": a day leaves Lambda every chance first.
 */
export const DEFAULT_MIN_ORPHAN_AGE_HOURS = 24;

export interface CleanupOptions {
  mode: CleanupMode;
  /** Whole hours since the orphan was first reported; 0 allows an orphan first seen in this run. */
  minOrphanAgeHours: number;
}

const wholeHours = z.pipe(
  z.string(),
  z.transform((value, ctx) => {
    const hours = Number(value);
    if (value.trim() === '' || !Number.isInteger(hours) || hours < 0) {
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

/** `--min-orphan-age-hours` or its environment variable. */
export function parseMinOrphanAgeHours(value: string | undefined, what: string): number {
  return value === undefined ? DEFAULT_MIN_ORPHAN_AGE_HOURS : parseOrThrow(wholeHours, value, what);
}

const EnvModeSchema = z.enum(['off', 'dry-run', 'apply'], {
  error: (issue) => `"${String(issue.input)}" is not a cleanup mode (off, dry-run or apply)`,
});

/**
 * Cleanup as the Lambda handler enables it: `ENI_CLEANUP` = `off` (default), `dry-run` or `apply`, and
 * `ENI_CLEANUP_MIN_AGE_HOURS` (default 24). Undefined when off.
 */
export function cleanupOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): CleanupOptions | undefined {
  const mode = parseOrThrow(EnvModeSchema, env.ENI_CLEANUP ?? 'off', 'ENI_CLEANUP');
  if (mode === 'off') return undefined;
  return {
    mode,
    minOrphanAgeHours: parseMinOrphanAgeHours(env.ENI_CLEANUP_MIN_AGE_HOURS, 'ENI_CLEANUP_MIN_AGE_HOURS'),
  };
}
