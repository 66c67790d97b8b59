import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../lib/model/report.js';
import { createPublishClients } from '../../lib/publish/clients.js';
import type { ReportStore } from '../../lib/publish/config.js';
import { becomesBaseline, readBaseline, storeReport } from '../../lib/publish/s3.js';
import { objectLocation, reportKeys } from '../../lib/publish/s3-keys.js';
import { applyBaseline } from '../../lib/report/assemble/diff.js';
import { type FakeAws, startFakeAws } from '../fixtures/fake-aws.js';
import { makeReport, threeFindings } from '../report/report-factory.js';

const STORE: ReportStore = { bucket: 'audit-reports', prefix: 'lambda-vpc-audit' };
const RUN_ID = '20261124T030000Z-1a2b3c4d';

let fake: FakeAws;
let savedEndpoint: string | undefined;

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

const s3 = () => createPublishClients({ region: 'eu-west-1', maxAttempts: 1 }).s3;

function comparedReport(runId = RUN_ID): Report {
  return applyBaseline({ ...makeReport({ findings: threeFindings() }), runId }, { kind: 'none' });
}

describe('reportKeys', () => {
  it('puts a run under <prefix>/<account>/<region>/<yyyy>/<mm>/<dd>/<run-id> with the date of the run id', () => {
    expect(reportKeys(STORE, '123456789012', 'eu-west-1', RUN_ID, '2026-11-25T00:00:01.000Z')).toEqual({
      json: 'lambda-vpc-audit/123456789012/eu-west-1/2026/11/24/20261124T030000Z-1a2b3c4d.json',
      html: 'lambda-vpc-audit/123456789012/eu-west-1/2026/11/24/20261124T030000Z-1a2b3c4d.html',
      md: 'lambda-vpc-audit/123456789012/eu-west-1/2026/11/24/20261124T030000Z-1a2b3c4d.md',
      latest: 'lambda-vpc-audit/123456789012/eu-west-1/latest.json',
    });
    expect(
      reportKeys({ ...STORE, prefix: '' }, '123456789012', 'eu-west-1', 'other-id', '2026-01-02T00:00:00Z')
        .json,
    ).toBe('123456789012/eu-west-1/2026/01/02/other-id.json');
  });

  it('links the object in the console of its partition', () => {
    expect(objectLocation('b', 'p/k.html', 'cn-north-1')).toEqual({
      uri: 's3://b/p/k.html',
      consoleUrl:
        'https://console.amazonaws.cn/s3/object/b?region=cn-north-1&bucketType=general&prefix=p%2Fk.html',
    });
  });
});

describe('storeReport', () => {
  it('writes JSON, HTML and Markdown with their content types and SSE-S3, then latest.json', async () => {
    const report = comparedReport();
    const stored = await storeReport(s3(), STORE, report);

    const keys = reportKeys(STORE, report.accountId, report.region, RUN_ID, report.generatedAt);
    expect(stored).toMatchObject({ bucket: 'audit-reports', keys, latestUpdated: true });
    expect(stored.uri).toBe(`s3://audit-reports/${keys.html}`);
    const object = (key: string) => fake.objects.get(`audit-reports/${key}`);
    expect(object(keys.json)?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(object(keys.html)?.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(object(keys.md)?.headers['content-type']).toBe('text/markdown; charset=utf-8');
    for (const key of [keys.json, keys.html, keys.md, keys.latest]) {
      expect(object(key)?.headers['x-amz-server-side-encryption']).toBe('AES256');
    }
    expect(JSON.parse(object(keys.latest)?.body ?? '')).toMatchObject({
      runId: RUN_ID,
      changes: { status: 'compared' },
    });
    expect(object(keys.html)?.body).toContain('<!DOCTYPE html>');
  });

  it('uses SSE-KMS with the configured key', async () => {
    await storeReport(s3(), { ...STORE, kmsKeyId: 'alias/audit' }, comparedReport());
    for (const object of fake.objects.values()) {
      expect(object.headers['x-amz-server-side-encryption']).toBe('aws:kms');
      expect(object.headers['x-amz-server-side-encryption-aws-kms-key-id']).toBe('alias/audit');
    }
  });

  it('writes the same keys again for the same run id: a retried invocation does not duplicate', async () => {
    await storeReport(s3(), STORE, comparedReport());
    const first = [...fake.objects.keys()].sort();
    await storeReport(s3(), STORE, comparedReport());
    expect([...fake.objects.keys()].sort()).toEqual(first);
    expect(first).toHaveLength(4);
  });

  it('keeps latest.json when the run must not become the baseline', async () => {
    const incomplete = { ...comparedReport(), incomplete: { reason: 'The time budget ran out.' } };
    const stored = await storeReport(s3(), STORE, incomplete);
    expect(stored.latestUpdated).toBe(false);
    expect([...fake.objects.keys()].some((key) => key.endsWith('latest.json'))).toBe(false);
    expect(becomesBaseline({ ...comparedReport(), functionFilter: ['a'] })).toBe(false);
    expect(becomesBaseline(makeReport())).toBe(false);
    expect(becomesBaseline(comparedReport())).toBe(true);
  });
});

describe('readBaseline', () => {
  it('is the first run when there is no latest.json', async () => {
    expect(await readBaseline(s3(), STORE, '123456789012', 'eu-west-1', RUN_ID)).toEqual({ kind: 'none' });
  });

  it('reads the previous report back', async () => {
    await storeReport(s3(), STORE, comparedReport('20261123T030000Z-00000000'));
    const baseline = await readBaseline(s3(), STORE, '123456789012', 'eu-west-1', RUN_ID);
    expect(baseline).toMatchObject({ kind: 'report', report: { runId: '20261123T030000Z-00000000' } });
    if (baseline.kind === 'report') expect(baseline.report.findings).toHaveLength(3);
  });

  it('compares a retried run with the report before it, not with itself', async () => {
    const yesterday = comparedReport('20261123T030000Z-00000000');
    await storeReport(s3(), STORE, yesterday);
    const today = applyBaseline(
      { ...makeReport({ findings: threeFindings() }), runId: RUN_ID },
      { kind: 'report', report: yesterday },
    );
    await storeReport(s3(), STORE, today);

    const retried = await readBaseline(s3(), STORE, '123456789012', 'eu-west-1', RUN_ID);
    expect(retried).toMatchObject({ kind: 'report', report: { runId: '20261123T030000Z-00000000' } });
  });

  it('is unavailable, never an error, when latest.json cannot be read or is not a report', async () => {
    fake.objects.set('audit-reports/lambda-vpc-audit/123456789012/eu-west-1/latest.json', {
      body: '{"hello":',
      headers: {},
    });
    expect(await readBaseline(s3(), STORE, '123456789012', 'eu-west-1', RUN_ID)).toEqual({
      kind: 'unavailable',
      reason: expect.stringMatching(
        /^s3:\/\/audit-reports\/lambda-vpc-audit\/123456789012\/eu-west-1\/latest\.json is not JSON/,
      ),
    });

    await fake.close();
    fake = await startFakeAws({ s3Down: true });
    process.env.AWS_ENDPOINT_URL = fake.url;
    expect(await readBaseline(s3(), STORE, '123456789012', 'eu-west-1', RUN_ID)).toEqual({
      kind: 'unavailable',
      reason:
        'Cannot read s3://audit-reports/lambda-vpc-audit/123456789012/eu-west-1/latest.json: AccessDenied: Access Denied',
    });
  });
});
