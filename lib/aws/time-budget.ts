import { setMaxListeners } from 'node:events';
import type { CoverageGap } from '../model/snapshot.js';

/** The error code of every gap the time budget causes; what `meta.incomplete` is derived from. */
export const TIME_BUDGET_EXCEEDED = 'TimeBudgetExceeded';

/** A call not started, or cut short, because the collection's deadline passed. */
export class TimeBudgetExceededError extends Error {
  override readonly name = TIME_BUDGET_EXCEEDED;
}

type SendingClient = { send: (...args: never[]) => Promise<unknown> };

/**
 * A client whose calls respect `deadline`: after it no new call starts, and calls still in flight are
 * aborted at it. Either way the call fails with TimeBudgetExceeded, which the collectors record like any
 * other failure (a coverage gap, the part null), so the audit goes on with what was collected.
 */
function budgeted<C extends SendingClient>(client: C, deadline: Date, signal: AbortSignal): C {
  const expired = () => Date.now() >= deadline.getTime();
  const send = async (command: unknown, options?: Record<string, unknown>): Promise<unknown> => {
    if (expired())
      throw new TimeBudgetExceededError(`Not started: the time budget ended at ${deadline.toISOString()}.`);
    const callerSignal = options?.abortSignal;
    const abortSignal =
      callerSignal instanceof AbortSignal ? AbortSignal.any([signal, callerSignal]) : signal;
    try {
      return await Reflect.apply(client.send, client, [command, { ...options, abortSignal }]);
    } catch (error) {
      // The timer may fire a millisecond before the wall clock reaches the deadline: an abort by it is the budget's.
      if (!expired() && !signal.aborted) throw error;
      throw new TimeBudgetExceededError(`Cut short: the time budget ended at ${deadline.toISOString()}.`, {
        cause: error,
      });
    }
  };
  // A proxy keeps the client's class (paginators check it) and every other property.
  return new Proxy(client, {
    get: (target, property) => (property === 'send' ? send : Reflect.get(target, property)),
  });
}

/** Every client of `clients` bound to the deadline; the clients themselves are not changed. */
export function withTimeBudget<T extends Record<string, SendingClient>>(clients: T, deadline: Date): T {
  const signal = AbortSignal.timeout(Math.max(0, deadline.getTime() - Date.now()));
  // Every call in flight listens on this one signal (and stops listening when it ends): no leak to warn about.
  setMaxListeners(0, signal);
  const bound: Record<string, SendingClient> = {};
  for (const [name, client] of Object.entries(clients)) bound[name] = budgeted(client, deadline, signal);
  return bound as T;
}

/** `meta.incomplete` when the budget cut anything short: which parts are missing because of it. */
export function incompleteFromGaps(gaps: readonly CoverageGap[]): { incomplete?: { reason: string } } {
  const parts = [
    ...new Set(gaps.filter((gap) => gap.errorCode === TIME_BUDGET_EXCEEDED).map((gap) => gap.part)),
  ];
  if (parts.length === 0) return {};
  const listed = parts.join(', ');
  return {
    incomplete: {
      reason: `The time budget ran out before collection finished; not (fully) collected: ${listed}.`,
    },
  };
}
