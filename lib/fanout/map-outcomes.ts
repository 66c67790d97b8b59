import * as z from 'zod/mini';
import type { MapResultEntry, PlannedTarget } from '../model/map-run.js';
import type { TargetOutcome, UnauditedTarget } from '../model/rollup.js';
import { TargetOutcomeSchema } from '../model/rollup-schema.js';

/**
 * The Step Functions fan-out's per-target answers, turned into roll-up outcomes. Every planned target ends up
 * with exactly one line: its audit's outcome, or a failed line saying why there is none (the invocation
 * failed, its answer was unreadable, or the map never produced one). Nothing is dropped, so a lost answer
 * can never read as a clean target. Pure.
 */

const MAX_MESSAGE = 300;

const TargetRefSchema = z.looseObject({
  accountId: z.string(),
  accountName: z.optional(z.string()),
  region: z.string(),
});
const WithTargetSchema = z.looseObject({ target: TargetRefSchema });
/** The audit function's answer: an outcome, or `ok: false` with an error (an invalid payload). */
const AnswerSchema = z.looseObject({
  outcome: z.optional(z.unknown()),
  error: z.optional(z.looseObject({ type: z.optional(z.string()), message: z.optional(z.string()) })),
});
/** What the item's Catch leaves: the item with Step Functions' `{ Error, Cause }`. */
const CaughtSchema = z.looseObject({
  error: z.looseObject({ Error: z.string(), Cause: z.optional(z.string()) }),
});

function shorten(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}

/** A Lambda error's Cause is `{"errorType":..,"errorMessage":..}`; other causes are plain text. */
function causeMessage(cause: string | undefined, fallback: string): string {
  if (cause === undefined || cause === '') return fallback;
  try {
    const parsed: unknown = JSON.parse(cause);
    const message =
      typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'errorMessage') : undefined;
    return shorten(typeof message === 'string' ? message : cause);
  } catch {
    return shorten(cause);
  }
}

type Ref = { accountId: string; accountName?: string | undefined; region: string };

function refOf(entry: MapResultEntry): Ref | undefined {
  for (const candidate of [entry.output, entry.input]) {
    const parsed = z.safeParse(WithTargetSchema, candidate);
    if (parsed.success) return parsed.data.target;
  }
  const answer = z.safeParse(AnswerSchema, entry.output);
  const outcome = answer.success ? z.safeParse(TargetRefSchema, answer.data.outcome) : undefined;
  return outcome?.success ? outcome.data : undefined;
}

function failed(ref: Ref, code: string, message: string): UnauditedTarget {
  return {
    accountId: ref.accountId,
    ...(ref.accountName === undefined ? {} : { accountName: ref.accountName }),
    region: ref.region,
    status: 'failed',
    error: { code, message },
  };
}

function outcomeOf(entry: MapResultEntry, ref: Ref): TargetOutcome {
  if (entry.status !== 'SUCCEEDED') {
    return failed(
      ref,
      entry.error ?? entry.status,
      causeMessage(entry.cause, `The map item ended ${entry.status}.`),
    );
  }
  const caught = z.safeParse(CaughtSchema, entry.output);
  if (caught.success) {
    const { Error: code, Cause } = caught.data.error;
    return failed(ref, code, causeMessage(Cause, 'The audit function failed.'));
  }
  const answer = z.safeParse(AnswerSchema, entry.output);
  if (answer.success && answer.data.outcome !== undefined) {
    const outcome = z.safeParse(TargetOutcomeSchema, answer.data.outcome);
    if (outcome.success) return outcome.data;
  }
  if (answer.success && answer.data.error !== undefined) {
    const { type, message } = answer.data.error;
    return failed(ref, type ?? 'Error', shorten(message ?? 'The audit function refused the target.'));
  }
  return failed(ref, 'UnreadableResult', 'The audit function answered without a readable outcome.');
}

const keyOf = (target: { accountId: string; region?: string }) =>
  `${target.accountId}/${target.region ?? ''}`;

export function outcomesFromMap(
  planned: readonly PlannedTarget[],
  entries: readonly MapResultEntry[],
): TargetOutcome[] {
  const outcomes = new Map<string, TargetOutcome>();
  const unattributed: TargetOutcome[] = [];
  for (const entry of entries) {
    const ref = refOf(entry);
    if (ref === undefined) {
      unattributed.push({
        accountId: 'unknown',
        status: 'failed',
        error: { code: 'UnreadableResult', message: 'A map result names no target.' },
      });
      continue;
    }
    outcomes.set(keyOf(ref), outcomeOf(entry, ref));
  }
  for (const target of planned) {
    if (!outcomes.has(keyOf(target))) {
      outcomes.set(
        keyOf(target),
        failed(target, 'NoResult', 'The map run produced no result for this target.'),
      );
    }
  }
  return [...outcomes.values(), ...unattributed];
}
