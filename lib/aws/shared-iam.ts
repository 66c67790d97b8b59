import type { IAMClient } from '@aws-sdk/client-iam';
import { withRateLimits } from './rate-limited.js';
import { RateLimiters } from './rate-plan.js';

/**
 * IAM is global: one API and one set of throttling buckets per account, whatever the Region. A run that audits
 * several Regions of one account (the CLI's `--regions`, the handler's `regions` payload) reads IAM through ONE
 * shared client per account, so each GetAccountAuthorizationDetails page, managed policy and simulation is read
 * once, however many Regions have functions using it, and every IAM call of the account takes its token from one
 * account-wide bucket instead of one bucket per Region.
 *
 * The shared client is a read-through cache keyed by the command and its input. A second identical call while
 * the first is in flight waits for the same answer; a failed call is not kept, so a later caller asks again and
 * records its own gap if that fails too. Answers are frozen: every Region gets the same object.
 *
 * It sits under each collection's time budget (lib/aws/time-budget.ts): the call it makes carries none of
 * its callers' abort signals, so one Region's deadline never cuts the answer another Region is waiting for.
 * Each caller's own wait still ends at its own deadline; the call itself is aborted only when every caller
 * waiting for it has given up.
 */

/** Read operations: the only ones answered from the cache; anything else goes straight to IAM. */
const READ_OPERATION = /^(Get|List|Simulate)/;

type SendOptions = Record<string, unknown>;

interface InFlight {
  promise: Promise<unknown>;
  settled: boolean;
  /** Callers waiting that can still give up (their abort signal); when none is left, the call is aborted. */
  waiters: number;
  controller: AbortController;
}

/** JSON with every object's keys sorted: the same input gives the same text whatever order it was built in. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item) && !(item instanceof Date)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** `ListRolesCommand {"MaxItems":1000}`; undefined for a command that is not an IAM read. */
export function cacheKeyOf(command: unknown): string | undefined {
  if (typeof command !== 'object' || command === null) return undefined;
  // The bundle keeps class names (scripts/build.ts: keepNames), as the error types need too.
  const name = command.constructor.name;
  if (!READ_OPERATION.test(name)) return undefined;
  return `${name} ${stableJson(Reflect.get(command, 'input') ?? {})}`;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** One account's IAM client for every Region of a run (see above); `iam` itself is not changed. */
export function sharedIamClient(iam: IAMClient): IAMClient {
  // The account's one IAM bucket: it replaces the bucket of the Region whose call this is (same middleware name).
  const { iam: paced } = withRateLimits({ iam }, new RateLimiters());
  const answers = new Map<string, InFlight>();

  const forget = (key: string, entry: InFlight) => {
    if (answers.get(key) === entry) answers.delete(key);
  };

  const start = (key: string, command: unknown, options: SendOptions | undefined): InFlight => {
    const controller = new AbortController();
    const { abortSignal: _callers, ...rest } = options ?? {};
    const promise = Reflect.apply(paced.send, paced, [
      command,
      { ...rest, abortSignal: controller.signal },
    ]) as Promise<unknown>;
    const entry: InFlight = { promise: promise.then(deepFreeze), settled: false, waiters: 0, controller };
    entry.promise.then(
      () => {
        entry.settled = true;
      },
      () => {
        entry.settled = true;
        forget(key, entry);
      },
    );
    answers.set(key, entry);
    return entry;
  };

  /** The answer for one caller: the shared one, unless this caller's own signal ends its wait first. */
  const waitFor = (key: string, entry: InFlight, signal: AbortSignal): Promise<unknown> => {
    entry.waiters += 1;
    return new Promise((resolve, reject) => {
      const giveUp = () => {
        entry.waiters -= 1;
        if (entry.waiters === 0 && !entry.settled) {
          forget(key, entry);
          entry.controller.abort(abortReason(signal));
        }
        reject(abortReason(signal));
      };
      signal.addEventListener('abort', giveUp, { once: true });
      entry.promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', giveUp));
    });
  };

  const send = (command: unknown, options?: SendOptions): Promise<unknown> => {
    const key = cacheKeyOf(command);
    if (key === undefined) return Reflect.apply(paced.send, paced, [command, options]) as Promise<unknown>;
    const signal = options?.abortSignal;
    if (signal instanceof AbortSignal && signal.aborted) return Promise.reject(abortReason(signal));
    const entry = answers.get(key) ?? start(key, command, options);
    if (!(signal instanceof AbortSignal)) {
      // A caller that cannot give up keeps the call alive.
      entry.waiters += 1;
      return entry.promise;
    }
    return waitFor(key, entry, signal);
  };

  // A proxy keeps the client's class (paginators check it) and every other property.
  return new Proxy(iam, {
    get: (target, property) => (property === 'send' ? send : Reflect.get(target, property)),
  });
}

/** Given the IAM client a collection would use, the one it uses instead. */
export type IamShare = (iam: IAMClient) => IAMClient;

/**
 * One run's shared IAM clients, by account: the first client given for an account (its credentials) becomes
 * the one every later collection of that account in the run goes through. A new registry per run: answers are
 * never kept from one run to the next.
 */
export function iamSharedPerAccount(): (accountKey: string) => IamShare {
  const shared = new Map<string, IAMClient>();
  return (accountKey) => (iam) => {
    let client = shared.get(accountKey);
    if (client === undefined) {
      client = sharedIamClient(iam);
      shared.set(accountKey, client);
    }
    return client;
  };
}
