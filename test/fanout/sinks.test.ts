import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { alertSink, directorySink, keepReport, storeSink } from '../../lib/fanout/sinks.js';
import type { Report } from '../../lib/model/report.js';
import { DEFAULT_ALERT_POLICY } from '../../lib/settings/publish.js';
import { makeFinding, makeReport } from '../report/report-factory.js';

const report = makeReport({ findings: [makeFinding({ severity: 'high' })] });
const store = { bucket: 'audit-reports', prefix: 'lambda-vpc-audit' };

/** An S3 client whose every call fails, as with no route to S3. */
const unreachableS3 = new S3Client({
  region: 'eu-west-1',
  endpoint: 'http://127.0.0.1:9',
  maxAttempts: 1,
  credentials: { accessKeyId: 'AKIA', secretAccessKey: 'secret' },
});

describe('report sinks', () => {
  it('writes the report to <dir>/<account>/<region>.<ext> and links it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lva-sinks-'));
    const kept = await keepReport(report, [directorySink(dir, 'md', () => {})]);
    const path = join(dir, report.accountId, `${report.region}.md`);
    expect(kept).toEqual({ location: path });
    expect(await readFile(path, 'utf8')).toContain('# Lambda VPC audit');
  });

  it('tells the door of a copy it could not keep, and goes on', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lva-sinks-'));
    // A file where the account's directory should be.
    await writeFile(join(dir, report.accountId), '');
    const failed: Report[] = [];
    const kept = await keepReport(report, [
      directorySink(dir, 'json', (what) => failed.push(what)),
      alertSink(DEFAULT_ALERT_POLICY),
    ]);
    expect(failed).toEqual([report]);
    expect(kept).toEqual({ alertReasons: expect.any(Array) });
  });

  it('counts a report the bucket did not take among the reasons to alert', async () => {
    const failed: Report[] = [];
    const kept = await keepReport(report, [
      storeSink(unreachableS3, store, (what) => failed.push(what)),
      alertSink(DEFAULT_ALERT_POLICY),
    ]);
    expect(failed).toEqual([report]);
    expect(kept.stored).toMatchObject({ status: 'failed' });
    expect(kept.location).toBeUndefined();
    expect(kept.alertReasons).toContain('the report could not be stored in S3');
  });
});
