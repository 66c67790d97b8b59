import { Option } from 'commander';
import { ConfigError } from '../lib/errors.js';
import type { SnapshotMeta } from '../lib/model/snapshot.js';
import { parseOrThrow } from '../lib/model/validation.js';
import { TIME_LIMIT_HELP, TimeLimitMinutesSchema } from '../lib/settings/collection.js';

/**
 * `--time-limit <minutes>`: the CLI's counterpart of the Lambda handler's deadline. After it no AWS call
 * starts and calls in flight are aborted (lib/aws/time-budget.ts); what was cut becomes a coverage gap and
 * the report is marked incomplete, naming the parts. Without the flag there is no limit.
 */

export const TIME_LIMIT_FLAG = '--time-limit';

/** The option of every live collection: `audit` (one target or the fan-out), `snapshot`, `eni`. */
export function timeLimitOption(): Option {
  return new Option(`${TIME_LIMIT_FLAG} <minutes>`, TIME_LIMIT_HELP);
}

/** The validated minutes, undefined without the flag; refused with `--snapshot`, which collects nothing. */
export function timeLimitFrom(flags: { timeLimit?: unknown; snapshot?: unknown }): number | undefined {
  if (flags.timeLimit === undefined) return undefined;
  if (flags.snapshot !== undefined) {
    throw new ConfigError(
      `${TIME_LIMIT_FLAG} applies to a live collection: it cannot be combined with --snapshot.`,
    );
  }
  return parseOrThrow(TimeLimitMinutesSchema, flags.timeLimit, TIME_LIMIT_FLAG);
}

/** The deadline `minutes` after `start` (the CLI's injected clock, so a test knows it exactly). */
export function deadlineAfter(start: Date, minutes: number): Date {
  return new Date(start.getTime() + Math.round(minutes * 60_000));
}

/** The `deadline` of a live source, or nothing when there is no time limit. */
export function deadlineFor(start: Date, minutes: number | undefined): { deadline?: Date } {
  return minutes === undefined ? {} : { deadline: deadlineAfter(start, minutes) };
}

/**
 * One stderr line when a collection was cut short (by `--time-limit`, or the Lambda handler's budget for a
 * saved snapshot), for the commands that print no report with its INCOMPLETE banner.
 */
export function incompleteNote(meta: SnapshotMeta): string {
  return meta.incomplete ? `Collection stopped early: ${meta.incomplete.reason}\n` : '';
}
