/** When a finding was first reported, and so how long it has lasted (carried over from the previous report). */
export interface FirstSeen {
  /** ISO time. */
  at: string;
  /** False when there was no earlier report of it: it is first seen in this run. */
  fromPreviousReport: boolean;
  /** Whole hours from `at` to the analysis time, rounded down. */
  hours: number;
}

const HOUR_MS = 3_600_000;

/** The finding's first-seen time from the previous report, or `now` when there is none (or it is unreadable). */
export function firstSeenOf(
  firstSeen: ReadonlyMap<string, string>,
  findingKey: string,
  now: Date,
): FirstSeen {
  const carried = firstSeen.get(findingKey);
  const time = carried === undefined ? Number.NaN : Date.parse(carried);
  // A time after `now` (clock skew between runs) is taken as now: an age is never negative.
  if (Number.isNaN(time) || time > now.getTime()) {
    return { at: now.toISOString(), fromPreviousReport: false, hours: 0 };
  }
  return {
    at: new Date(time).toISOString(),
    fromPreviousReport: true,
    hours: Math.floor((now.getTime() - time) / HOUR_MS),
  };
}

/** Reads a FirstSeen back from a finding's evidence (`evidence.firstSeen`); undefined when it is not one. */
export function firstSeenInEvidence(evidence: Readonly<Record<string, unknown>>): FirstSeen | undefined {
  const value = evidence.firstSeen;
  if (typeof value !== 'object' || value === null) return undefined;
  const at: unknown = Reflect.get(value, 'at');
  const fromPreviousReport: unknown = Reflect.get(value, 'fromPreviousReport');
  const hours: unknown = Reflect.get(value, 'hours');
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) return undefined;
  if (typeof fromPreviousReport !== 'boolean' || typeof hours !== 'number' || !(hours >= 0)) return undefined;
  return { at, fromPreviousReport, hours };
}

/** "first seen in this run" or "first seen 2026-11-20T03:00:00.000Z, 72 h ago". */
export function describeFirstSeen(seen: FirstSeen): string {
  return seen.fromPreviousReport ? `first seen ${seen.at}, ${seen.hours} h ago` : 'first seen in this run';
}
