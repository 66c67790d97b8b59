import { AuditorError } from '../errors.js';

/**
 * An answer that lacks a field AWS always sends (an emulator, a proxy, a broken page). The whole part
 * becomes a coverage gap rather than a guessed value that a rule would then judge.
 */
export class IncompleteResponseError extends AuditorError {}

export function required<T>(value: T | null | undefined, field: string): T {
  if (value === undefined || value === null) {
    throw new IncompleteResponseError(`The response has no ${field}.`);
  }
  return value;
}
