import { describe, expect, it } from 'vitest';
import { newRunId, runIdFor } from '../lib/run-id.js';

describe('run ids', () => {
  const time = new Date('2026-11-24T03:00:00.000Z');

  it('start with the UTC time, so they sort by time and give the S3 date path', () => {
    expect(newRunId(time)).toMatch(/^20261124T030000Z-[0-9a-f]{8}$/);
    expect(runIdFor(time, 'event-1')).toMatch(/^20261124T030000Z-[0-9a-f]{8}$/);
  });

  it('are the same for a retried event and different for another one', () => {
    expect(runIdFor(time, 'event-1')).toBe(runIdFor(new Date(time), 'event-1'));
    expect(runIdFor(time, 'event-1')).not.toBe(runIdFor(time, 'event-2'));
    expect(newRunId(time)).not.toBe(newRunId(time));
  });
});
