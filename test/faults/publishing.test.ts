/**
 * Publishing under faults, through the Lambda handler and the real S3/SNS clients: S3 and SNS failing alone
 * and together, transient errors, and Lambda's retry of a scheduled event (same event, same run id). What must
 * hold: no report is lost (stored, or carried by the alert, or the run fails so Lambda retries it and finally
 * keeps the event), and no alert goes out twice for one run.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { RULES } from '../../lib/analyze/registry.js';
import { loadEnvConfig } from '../../lib/lambda/env-config.js';
import { createAuditHandler } from '../../lib/lambda/handler.js';
import { createPowertools } from '../../lib/lambda/powertools.js';
import type { AuditResponse } from '../../lib/lambda/response.js';
import { accountFrom } from '../fixtures/aws-api/account.js';
import { BROKEN, DENIED } from '../fixtures/aws-api/service-errors.js';
import { lambdaContext } from '../fixtures/lambda-context.js';
import { scenarioPublishClients } from './fake-account/clients.js';
import { DEMO } from './fake-account/demo.js';
import { type FakeAccountServer, type FaultPlan, startFakeAccountServer } from './fake-account/server.js';
import { printFigures } from './figures.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:audit-alerts';
const SCHEDULED = {
  version: '0',
  id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: '2026-11-24T03:00:00Z',
  region: 'eu-west-1',
  resources: ['arn:aws:events:eu-west-1:123456789012:rule/nightly-audit'],
  detail: {},
};
const CONTEXT = lambdaContext();

const S3_DOWN: FaultPlan = (call) =>
  call.service === 's3'
    ? { kind: 'error', ...(BROKEN.s3 ?? { status: 500, code: 'InternalError' }) }
    : undefined;
const SNS_DENIED: FaultPlan = (call) =>
  call.service === 'sns'
    ? { kind: 'error', ...(DENIED.sns ?? { status: 403, code: 'AuthorizationError' }) }
    : undefined;
const BOTH_DOWN: FaultPlan = (call) => S3_DOWN(call) ?? SNS_DENIED(call);

let server: FakeAccountServer;
const figures = { scenarios: 0, invocations: 0, failedForRetry: 0, alertsSent: 0, duplicateAlerts: 0 };

beforeAll(async () => {
  server = await startFakeAccountServer();
  process.env.AWS_ENDPOINT_URL = server.url;
});

beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return () => vi.restoreAllMocks();
});

afterAll(async () => {
  await server.close();
  delete process.env.AWS_ENDPOINT_URL;
  printFigures('publishing', figures);
});

/** A deployed function for one scenario: the demo account as its collection, its own S3 and SNS at the fake. */
function deploy(name: string, faults?: FaultPlan, maxAttempts = 1, topic: string | null = TOPIC) {
  server.scenario(name, { account: accountFrom(DEMO), ...(faults ? { faults } : {}) });
  figures.scenarios += 1;
  const handler = createAuditHandler({
    config: loadEnvConfig({
      AWS_REGION: 'eu-west-1',
      REPORT_BUCKET: 'audit-reports',
      ...(topic ? { TOPIC_ARN: topic } : {}),
    }),
    powertools: createPowertools({}),
    audit: { readSnapshot: async () => DEMO, collect: async () => structuredClone(DEMO), rules: RULES },
    publish: { clients: scenarioPublishClients(name, maxAttempts) },
    now: () => new Date('2026-11-24T03:00:07.000Z'),
  });
  /** One delivery of the scheduled event, as Lambda makes it: a thrown error is a failed invocation. */
  return async (): Promise<AuditResponse | Error> => {
    figures.invocations += 1;
    try {
      return await handler(SCHEDULED, CONTEXT);
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      figures.failedForRetry += 1;
      return error;
    }
  };
}

function reportObjects(name: string): string[] {
  return [...server.objects(name).keys()].filter((key) => !key.includes('/alerts/')).sort();
}

function ok(result: AuditResponse | Error): Extract<AuditResponse, { ok: true }> {
  if (result instanceof Error || !result.ok)
    throw new Error(`expected a delivered run, got ${JSON.stringify(result)}`);
  return result;
}

function account(name: string) {
  const alerts = server.published(name).length;
  figures.alertsSent += alerts;
  if (alerts > 1) figures.duplicateAlerts += alerts - 1;
  return alerts;
}

describe('publishing faults', () => {
  it('stores the report and alerts once when nothing fails; a retried delivery of the same event alerts no more', async () => {
    const name = 'healthy, then retried';
    const deliver = deploy(name);
    const first = ok(await deliver());
    const objects = reportObjects(name);
    expect(objects).toEqual([
      `audit-reports/lambda-vpc-audit/123456789012/eu-west-1/2026/11/24/${first.runId}.html`,
      `audit-reports/lambda-vpc-audit/123456789012/eu-west-1/2026/11/24/${first.runId}.json`,
      `audit-reports/lambda-vpc-audit/123456789012/eu-west-1/2026/11/24/${first.runId}.md`,
      'audit-reports/lambda-vpc-audit/123456789012/eu-west-1/latest.json',
    ]);
    expect(first.publish?.sns).toMatchObject({ status: 'sent' });
    // What the run sent is written down beside latest.json, out of the dated report folders.
    const ledger = server
      .objects(name)
      .get(`audit-reports/lambda-vpc-audit/123456789012/eu-west-1/alerts/${first.runId}.json`);
    expect(JSON.parse(ledger ?? '{}')).toEqual({ runId: first.runId, sns: { messageId: 'msg-1' } });
    // Lambda delivers the event again (the first attempt timed out after publishing, say).
    const retry = ok(await deliver());
    expect(retry.runId).toBe(first.runId);
    expect(reportObjects(name)).toEqual(objects);
    expect(retry.changes).toEqual(first.changes);
    expect(retry.publish?.sns).toEqual({ status: 'already-sent', messageId: 'msg-1' });
    expect(account(name)).toBe(1);
  });

  it('S3 down alone: the alert goes out once, says the report was not stored and carries the findings', async () => {
    const name = 'S3 down';
    const deliver = deploy(name, S3_DOWN);
    const result = ok(await deliver());
    expect(result.publish?.s3).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('InternalError'),
    });
    expect(result.publish?.sns).toMatchObject({
      status: 'sent',
      reasons: expect.arrayContaining(['the report could not be stored in S3']),
    });
    expect(account(name)).toBe(1);
    const text = String(JSON.parse(server.published(name)[0]?.message ?? '{}').default);
    expect(text).toContain('The report could not be stored in S3');
    // Every failed check of the run is listed in the alert: the findings are not lost with the report.
    const sns = result.publish?.sns;
    expect(sns?.status === 'sent' && sns.listed === sns.listable && sns.listed >= result.summary.failed).toBe(
      true,
    );
  });

  it('SNS down alone: the report is stored, the run fails so Lambda retries it, and the retry alerts once', async () => {
    const name = 'SNS down, then back';
    const deliver = deploy(name, SNS_DENIED);
    const first = await deliver();
    expect(first).toBeInstanceOf(Error);
    expect(String(first)).toMatch(
      /^PublishError: Run \d{8}T\d{6}Z-[0-9a-f]{8} is not delivered: its alert was not sent \(Cannot publish to .*AuthorizationError/,
    );
    const stored = reportObjects(name);
    expect(stored).toHaveLength(4);
    server.setFaults(name, undefined);
    const retry = ok(await deliver());
    expect(retry.publish?.sns).toMatchObject({ status: 'sent' });
    expect(reportObjects(name)).toEqual(stored);
    // The retry compares with what came before the first attempt, so the alert is the one the first owed.
    expect(retry.changes).toMatchObject({ status: 'compared', new: expect.any(Number) });
    expect(account(name)).toBe(1);
  });

  it('S3 and SNS down together: the run fails (nothing was delivered); the retry delivers both, once', async () => {
    const name = 'S3 and SNS down, then back';
    const deliver = deploy(name, BOTH_DOWN);
    const first = await deliver();
    expect(String(first)).toMatch(/is not delivered: its alert was not sent/);
    expect(reportObjects(name)).toEqual([]);
    expect(account(name)).toBe(0);
    server.setFaults(name, undefined);
    const retry = ok(await deliver());
    expect(retry.publish?.s3.status).toBe('stored');
    expect(reportObjects(name)).toHaveLength(4);
    expect(account(name)).toBe(1);
  });

  it('S3 down with no topic to alert: the run fails rather than lose its report silently', async () => {
    const name = 'S3 down, no topic';
    const deliver = deploy(name, S3_DOWN, 1, null);
    const result = await deliver();
    expect(String(result)).toMatch(
      /is not delivered: its report was not stored \(Cannot write s3:\/\/audit-reports\/.*InternalError.*\) and no alert carried it/,
    );
    expect(account(name)).toBe(0);
    server.setFaults(name, undefined);
    const retry = ok(await deliver());
    expect(retry.publish?.s3.status).toBe('stored');
    expect(retry.publish?.sns).toEqual({ status: 'not-configured' });
  });

  it('rides out transient 5xx from S3 and SNS with the publish clients’ own retries: stored, alerted once', async () => {
    const name = 'S3 and SNS flaky';
    const deliver = deploy(
      name,
      (call) =>
        (call.service === 's3' || call.service === 'sns') && call.n === 1
          ? { kind: 'error', status: 503, code: 'ServiceUnavailable' }
          : undefined,
      3,
    );
    const result = ok(await deliver());
    expect(result.publish?.s3.status).toBe('stored');
    expect(result.publish?.sns.status).toBe('sent');
    expect(account(name)).toBe(1);
  });
});
