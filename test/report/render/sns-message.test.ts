import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../lib/model/finding.js';
import type { Report } from '../../../lib/model/report.js';
import { applyBaseline } from '../../../lib/report/assemble/diff.js';
import {
  MAX_DESCRIPTION_LENGTH,
  renderSlackWebhookPayload,
} from '../../../lib/report/render/alert/chatbot.js';
import type { ReportLink } from '../../../lib/report/render/alert/email.js';
import {
  LINKED_FINDINGS_LISTED,
  renderSnsAlert,
  SNS_MAX_MESSAGE_BYTES,
  snsSubject,
} from '../../../lib/report/render/alert/sns-message.js';
import { makeFinding, makeReport, threeFindings } from '../report-factory.js';

const STORED: ReportLink = {
  kind: 'stored',
  consoleUrl:
    'https://eu-west-1.console.aws.amazon.com/s3/object/reports?region=eu-west-1&prefix=a%2Fb%2Frun.html',
  uri: 's3://reports/a/b/run.html',
};
const NOT_STORED: ReportLink = {
  kind: 'not-stored',
  reason: 'Cannot write s3://reports/x: AccessDenied: Access Denied',
};

function manyFindings(count: number): Finding[] {
  return Array.from({ length: count }, (_, i) =>
    makeFinding({
      resourceId: `function-number-${String(i).padStart(5, '0')}`,
      message: `function-number-${i} runs in 1 Availability Zone (eu-west-1a) for version $LATEST; at least 2 are needed so one AZ outage does not stop it.`,
    }),
  );
}

function parsed(report: Report, link: ReportLink) {
  const alert = renderSnsAlert(report, link);
  const message = JSON.parse(alert.message) as Record<string, string>;
  return { alert, message };
}

describe('renderSnsAlert', () => {
  it('is MessageStructure json with readable default and email text and a Chatbot notification for https', () => {
    const report = applyBaseline(makeReport({ findings: threeFindings() }), { kind: 'none' });
    const { alert, message } = parsed(report, STORED);

    expect(Object.keys(message).sort()).toEqual(['default', 'email', 'https']);
    expect(message.default).toBe(message.email);
    expect(message.email).toContain('Lambda VPC audit of account 123456789012 in eu-west-1');
    expect(message.email).toContain('NEW FAILED CHECKS (3)');
    expect(message.email).toContain(
      '* CRITICAL  VPC function execution role is missing (function-role-exists)',
    );
    expect(message.email).toContain('Fix: Recreate the role');
    expect(message.email).toContain(`Full report (HTML): ${STORED.consoleUrl}`);
    expect(alert.subject).toBe('Lambda VPC audit 123456789012 eu-west-1: 3 new failed checks');

    const chatbot = JSON.parse(message.https ?? '');
    expect(chatbot).toMatchObject({
      version: '1.0',
      source: 'custom',
      content: { textType: 'client-markdown' },
      metadata: { threadId: 'lambda-vpc-audit-123456789012-eu-west-1' },
    });
    expect(chatbot.content.title).toEqual(expect.any(String));
    expect(chatbot.content.description).toContain('CRITICAL `function-role-exists` on `payments-worker`');
    expect(chatbot.content.nextSteps).toEqual(
      expect.arrayContaining([expect.stringContaining('Open the full report: https://eu-west-1.console')]),
    );
    expect(chatbot.metadata.summary).toEqual(expect.any(String));
  });

  it('lists 50 of 5,000 findings when the report is linked, and says how many more and where', () => {
    const report = makeReport({ findings: manyFindings(5_000) });
    const { alert, message } = parsed(report, STORED);

    expect(alert.listed).toBe(LINKED_FINDINGS_LISTED);
    expect(alert.listable).toBe(5_000);
    expect(message.email).toContain('… and 4950 more findings not listed');
    expect(message.email).toContain(`Full report: ${STORED.consoleUrl}`);
  });

  it('carries as many of 5,000 findings as fit under 256 KB when the report could not be stored', () => {
    const report = makeReport({ findings: manyFindings(5_000) });
    const { alert, message } = parsed(report, NOT_STORED);

    expect(alert.bytes).toBeLessThanOrEqual(SNS_MAX_MESSAGE_BYTES);
    expect(Buffer.byteLength(alert.message) + Buffer.byteLength(alert.subject)).toBe(alert.bytes);
    expect(alert.listed).toBeGreaterThan(LINKED_FINDINGS_LISTED);
    expect(alert.listed).toBeLessThan(5_000);
    expect(message.email).toContain(
      'The report could not be stored in S3 (Cannot write s3://reports/x: AccessDenied',
    );
    expect(message.email).toContain(`… and ${5_000 - alert.listed} more findings not listed`);
    // The count in the text is the count of findings really listed.
    const lines = (message.email ?? '').split('\n').filter((line) => line.startsWith('  - function-number-'));
    expect(lines).toHaveLength(alert.listed);
  });

  it('lists every finding when they all fit', () => {
    const { alert, message } = parsed(makeReport({ findings: threeFindings() }), NOT_STORED);
    expect(alert.listed).toBe(3);
    expect(message.email).not.toContain('more finding');
  });
});

describe('snsSubject', () => {
  it('stays under 100 characters, ASCII, on one line', () => {
    const compared = applyBaseline(makeReport({ findings: manyFindings(120), incomplete: { reason: 'x' } }), {
      kind: 'none',
    });
    const subjects = [
      snsSubject(compared),
      snsSubject({ ...makeReport(), accountId: `123456789012\n${'é'.repeat(200)}` }),
    ];
    for (const subject of subjects) {
      expect(subject.length).toBeLessThan(100);
      expect(subject).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(subjects[0]).toBe('Lambda VPC audit 123456789012 eu-west-1: 120 new failed checks, INCOMPLETE');
    expect(subjects[1]).toMatch(/\.\.\.$/);
  });
});

describe('chat content', () => {
  it('escapes what comes from AWS and keeps the description short', () => {
    const hostile = makeFinding({ resourceId: 'fn_<!channel>_&`x`', message: '<@U123> hi' });
    const report = makeReport({ findings: [hostile, ...manyFindings(300)] });
    const { message } = parsed(report, STORED);
    const chatbot = JSON.parse(message.https ?? '');
    expect(chatbot.content.description.length).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH);
    expect(chatbot.content.description).toContain("`fn_&lt;!channel&gt;_&amp;'x'`");
    expect(chatbot.content.description).not.toContain('<!channel>');
    const slack = renderSlackWebhookPayload(report, STORED.consoleUrl);
    expect(slack.text).not.toContain('<!channel>');
    expect(slack.text).toContain('&amp;prefix=');
  });
});
