import { createHash, randomUUID } from 'node:crypto';

/** `20261124T030000Z-1a2b3c4d`: sortable by time, unique per run. */
export function newRunId(now: Date): string {
  return `${stampOf(now)}-${randomUUID().slice(0, 8)}`;
}

function stampOf(time: Date): string {
  return time
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/**
 * The same shape from a time and an id that a retry repeats (EventBridge's event id, Lambda's request id):
 * a retried invocation gets the same run id, so it writes the same S3 keys.
 */
export function runIdFor(time: Date, stableId: string): string {
  return `${stampOf(time)}-${createHash('sha256').update(stableId).digest('hex').slice(0, 8)}`;
}
