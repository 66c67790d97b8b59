import { describe, expect, it } from 'vitest';
import { undeliveredReason } from '../../lib/publish/delivery.js';
import type { PublishOutcome } from '../../lib/publish/publish.js';

const stored: PublishOutcome['s3'] = {
  status: 'stored',
  bucket: 'b',
  keys: { json: 'k.json', html: 'k.html', md: 'k.md', latest: 'latest.json' },
  latestUpdated: true,
  uri: 's3://b/k.html',
  consoleUrl: 'https://console.aws.amazon.com/s3/object/b',
};
const sent: PublishOutcome['sns'] = {
  status: 'sent',
  messageId: 'm',
  reasons: ['x'],
  listed: 1,
  listable: 1,
  bytes: 10,
};
const outcome = (s3: PublishOutcome['s3'], sns: PublishOutcome['sns']): PublishOutcome => ({
  s3,
  sns,
  slack: { status: 'not-configured' },
  securityHub: { status: 'not-configured' },
});

describe('whether a scheduled run must be retried', () => {
  it.each([
    ['stored and alerted', outcome(stored, sent), null],
    ['stored, nothing to alert', outcome(stored, { status: 'quiet', reason: 'nothing changed' }), null],
    [
      'stored, alerted by an earlier attempt',
      outcome(stored, { status: 'already-sent', messageId: 'm' }),
      null,
    ],
    // The alert carries the findings: retrying could only send it a second time.
    ['not stored, but alerted', outcome({ status: 'failed', error: 'AccessDenied' }, sent), null],
    [
      'stored, alert failed',
      outcome(stored, { status: 'failed', error: 'Throttled' }),
      'its alert was not sent (Throttled)',
    ],
    [
      'not stored, no alert due',
      outcome({ status: 'failed', error: 'AccessDenied' }, { status: 'not-configured' }),
      'its report was not stored (AccessDenied) and no alert carried it',
    ],
  ] as const)('%s', (_what, published, reason) => {
    expect(undeliveredReason(published)).toBe(reason);
  });
});
