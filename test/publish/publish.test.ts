import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../lib/model/report.js';
import { decideAlert } from '../../lib/publish/alert-policy.js';
import { createPublishClients } from '../../lib/publish/clients.js';
import type { PublishConfig } from '../../lib/publish/config.js';
import { failedTargets, publishReport } from '../../lib/publish/publish.js';
import { applyBaseline } from '../../lib/report/assemble/diff.js';
import { DEFAULT_ALERT_POLICY } from '../../lib/settings/publish.js';
import { type FakeAws, type FakeAwsOptions, startFakeAws } from '../fixtures/fake-aws.js';
import { makeFinding, makeReport, threeFindings } from '../report/report-factory.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:audit-alerts';
const CONFIG: PublishConfig = {
  store: { bucket: 'audit-reports', prefix: 'lambda-vpc-audit' },
  topicArn: TOPIC,
  alert: DEFAULT_ALERT_POLICY,
  securityHub: false,
};

let fake: FakeAws;
let savedEndpoint: string | undefined;

async function restart(options: FakeAwsOptions) {
  await fake.close();
  fake = await startFakeAws(options);
  process.env.AWS_ENDPOINT_URL = fake.url;
}

beforeEach(async () => {
  savedEndpoint = process.env.AWS_ENDPOINT_URL;
  fake = await startFakeAws();
  process.env.AWS_ENDPOINT_URL = fake.url;
});

afterEach(async () => {
  await fake.close();
  if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL;
  else process.env.AWS_ENDPOINT_URL = savedEndpoint;
});

const deps = () => ({ clients: createPublishClients({ region: 'eu-west-1', maxAttempts: 1 }) });

const yesterday: Report = {
  ...applyBaseline(makeReport({ findings: threeFindings() }), { kind: 'none' }),
  runId: '20240430T030000Z-aaaaaaaa',
  generatedAt: '2024-04-30T03:00:05.000Z',
};
const sameAsYesterday = () =>
  applyBaseline(makeReport({ findings: threeFindings() }), { kind: 'report', report: yesterday });
const withNewCritical = () =>
  applyBaseline(
    makeReport({
      findings: [...threeFindings(), makeFinding({ resourceId: 'new-one', severity: 'critical' })],
    }),
    { kind: 'report', report: yesterday },
  );

describe('publishReport', () => {
  it('stores the report and stays quiet when nothing changed', async () => {
    const outcome = await publishReport(sameAsYesterday(), CONFIG, deps());
    expect(outcome.s3.status).toBe('stored');
    expect(outcome.sns).toEqual({ status: 'quiet', reason: 'nothing changed at or above medium' });
    expect(fake.published).toEqual([]);
    expect(failedTargets(outcome)).toEqual([]);
  });

  it('sends one message, linking the stored report, when there is a new finding at or above the threshold', async () => {
    const outcome = await publishReport(withNewCritical(), CONFIG, deps());
    expect(outcome.sns).toMatchObject({ status: 'sent', reasons: ['1 new failed check at or above medium'] });
    expect(fake.published).toHaveLength(1);
    const [published] = fake.published;
    expect(published).toMatchObject({ topicArn: TOPIC, messageStructure: 'json' });
    expect(published?.subject).toBe(
      'Lambda VPC audit 123456789012 eu-west-1: 1 new failed check, 3 still open',
    );
    const message = JSON.parse(published?.message ?? '');
    expect(message.default).toContain('NEW FAILED CHECKS (1)');
    expect(message.email).toContain('https://eu-west-1.console.aws.amazon.com/s3/object/audit-reports?');
    expect(JSON.parse(message.https).version).toBe('1.0');
  });

  it('still sends the alert, with the findings inline, when S3 is down', async () => {
    await restart({ s3Down: true });
    const outcome = await publishReport(sameAsYesterday(), CONFIG, deps());

    expect(outcome.s3).toEqual({
      status: 'failed',
      error: expect.stringMatching(/^Cannot write s3:\/\/audit-reports\/.*: AccessDenied: Access Denied$/),
    });
    expect(outcome.sns).toMatchObject({
      status: 'sent',
      reasons: ['the report could not be stored in S3'],
      listed: 3,
    });
    const message = JSON.parse(fake.published[0]?.message ?? '');
    expect(message.email).toContain('The report could not be stored in S3');
    expect(message.email).toContain('payments-worker');
    expect(failedTargets(outcome)).toEqual(['s3']);
  });

  it('keeps the stored report when SNS is down', async () => {
    await restart({ snsDown: true });
    const outcome = await publishReport(withNewCritical(), CONFIG, deps());

    expect(outcome.s3.status).toBe('stored');
    expect([...fake.objects.keys()].filter((key) => key.endsWith('.html'))).toHaveLength(1);
    expect(outcome.sns).toEqual({
      status: 'failed',
      error: `Cannot publish to ${TOPIC}: AuthorizationErrorException: User is not authorized to perform: SNS:Publish`,
    });
    expect(failedTargets(outcome)).toEqual(['sns']);
  });

  it('publishes nothing to a target that is not configured', async () => {
    const outcome = await publishReport(
      withNewCritical(),
      { alert: DEFAULT_ALERT_POLICY, securityHub: false },
      deps(),
    );
    expect(outcome).toEqual({
      s3: { status: 'not-configured' },
      sns: { status: 'not-configured' },
      slack: { status: 'not-configured' },
      securityHub: { status: 'not-configured' },
    });
    expect(fake.requests).toEqual([]);
  });
});

describe('decideAlert', () => {
  const policy = DEFAULT_ALERT_POLICY;

  it('ignores new findings below the threshold', () => {
    const lowOnly = applyBaseline(
      makeReport({ findings: [...threeFindings(), makeFinding({ resourceId: 'minor', severity: 'low' })] }),
      { kind: 'report', report: yesterday },
    );
    expect(decideAlert(lowOnly, policy, false)).toEqual({
      send: false,
      reason: 'nothing changed at or above medium',
    });
    expect(decideAlert(lowOnly, { threshold: 'low', mode: 'changes' }, false)).toMatchObject({ send: true });
  });

  it('alerts on resolved findings, an incomplete audit, checks that became unknown, and in always mode', () => {
    const resolvedOne = applyBaseline(
      makeReport({
        findings: threeFindings().filter((f) => f.resourceId !== 'payments-worker'),
        rules: makeReport({ findings: threeFindings() }).rules,
      }),
      { kind: 'report', report: yesterday },
    );
    expect(decideAlert(resolvedOne, policy, false)).toEqual({
      send: true,
      reasons: ['1 resolved at or above medium'],
    });

    const incomplete = { ...sameAsYesterday(), incomplete: { reason: 'The time budget ran out.' } };
    expect(decideAlert(incomplete, policy, false)).toEqual({
      send: true,
      reasons: ['the audit is incomplete'],
    });

    const newlyUnknown = applyBaseline(
      makeReport({
        findings: [
          ...threeFindings(),
          makeFinding({
            resourceId: 'unchecked',
            status: 'unknown',
            severity: 'high',
            message: 'Cannot check.',
          }),
        ],
      }),
      { kind: 'report', report: yesterday },
    );
    expect(decideAlert(newlyUnknown, policy, false)).toEqual({
      send: true,
      reasons: ['1 check newly unknown at or above medium'],
    });

    expect(decideAlert(sameAsYesterday(), { threshold: 'medium', mode: 'always' }, false)).toEqual({
      send: true,
      reasons: ['alert mode is always'],
    });
  });

  it('alerts when the ENI cleanup deleted or failed, not when it only planned', () => {
    const cleanup = (deleted: number, failed: number): NonNullable<Report['cleanup']> => ({
      mode: 'apply',
      minOrphanAgeHours: 24,
      permission: { status: 'allowed', detail: 'DryRun allowed' },
      summary: { candidates: 2, deleted, wouldDelete: 0, skipped: 2 - deleted - failed, failed },
      actions: [],
      notes: [],
    });
    expect(decideAlert({ ...sameAsYesterday(), cleanup: cleanup(1, 1) }, policy, false)).toEqual({
      send: true,
      reasons: ['the ENI cleanup deleted 1 and failed on 1'],
    });
    expect(decideAlert({ ...sameAsYesterday(), cleanup: cleanup(0, 0) }, policy, false).send).toBe(false);
  });

  it('alerts on every failed finding at or above the threshold when it could not compare', () => {
    const uncompared = applyBaseline(makeReport({ findings: threeFindings() }), {
      kind: 'unavailable',
      reason: 'AccessDenied',
    });
    expect(decideAlert(uncompared, policy, false)).toEqual({
      send: true,
      reasons: ['2 failed checks at or above medium (not compared with a previous report)'],
    });
  });
});
