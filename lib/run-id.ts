import { randomUUID } from 'node:crypto';

/** `20261124T030000Z-1a2b3c4d`: sortable by time, unique per run. */
export function newRunId(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomUUID().slice(0, 8)}`;
}
