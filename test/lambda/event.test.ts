import { describe, expect, it } from 'vitest';
import { parseAuditEvent } from '../../lib/lambda/event.js';

describe('parseAuditEvent', () => {
  it('recognises the EventBridge scheduled event', () => {
    expect(
      parseAuditEvent(
        {
          version: '0',
          id: 'ev-1',
          'detail-type': 'Scheduled Event',
          source: 'aws.events',
          account: '123456789012',
          time: '2026-11-24T03:00:00Z',
          region: 'eu-west-1',
          resources: [],
          detail: {},
        },
        'eu-west-1',
      ),
    ).toEqual({
      trigger: 'schedule',
      eventId: 'ev-1',
      scheduledAt: new Date('2026-11-24T03:00:00Z'),
      publish: true,
    });
  });

  it('takes an empty invoke as "audit everything and publish", and a full payload as asked', () => {
    expect(parseAuditEvent(null, 'eu-west-1')).toEqual({ trigger: 'invoke', publish: true });
    expect(
      parseAuditEvent(
        { regions: ['eu-west-1'], functions: ['orders-*'], publish: false, format: 'html', cleanup: 'off' },
        'eu-west-1',
        'apply',
      ),
    ).toEqual({ trigger: 'invoke', publish: false, functions: ['orders-*'], format: 'html', cleanup: 'off' });
  });

  it('never lets a payload clean up more than the function is configured to', () => {
    expect(() => parseAuditEvent({ cleanup: 'apply' }, 'eu-west-1', 'dry-run')).toThrow(
      `cleanup: "apply" is beyond this function's ENI_CLEANUP (dry-run); allowed: off, dry-run`,
    );
    expect(() => parseAuditEvent({ cleanup: 'dry-run' }, 'eu-west-1')).toThrow(
      `cleanup: "dry-run" is beyond this function's ENI_CLEANUP (off); allowed: off`,
    );
    expect(parseAuditEvent({ cleanup: 'dry-run' }, 'eu-west-1', 'apply').cleanup).toBe('dry-run');
  });

  it('rejects what is not a JSON object', () => {
    expect(() => parseAuditEvent(['orders-api'], 'eu-west-1')).toThrow(
      'Invalid invoke payload:\n  the invoke payload must be a JSON object',
    );
  });
});
