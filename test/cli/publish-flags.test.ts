import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../cli/exit-codes.js';
import { runCli } from '../../cli/program.js';
import type { PublishClientFactory } from '../../cli/publish-flags.js';
import { defaultAuditDeps } from '../../lib/audit.js';
import { createPublishClients } from '../../lib/publish/clients.js';
import { type FakeAws, type FakeAwsOptions, startFakeAws } from '../fixtures/fake-aws.js';
import { captureIo } from './capture-io.js';

const DEMO = 'examples/demo-account.json';
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:audit-alerts';

let fake: FakeAws;
let savedEndpoint: string | undefined;
const regions: string[] = [];

/** The CLI's publishing clients, pointed at the fake endpoint. */
const fakeClients: PublishClientFactory = (options) => {
  regions.push(`${options.region}/${options.snsRegion ?? '-'}`);
  return createPublishClients({ ...options, maxAttempts: 1 });
};

async function start(options: FakeAwsOptions = {}) {
  fake = await startFakeAws(options);
  process.env.AWS_ENDPOINT_URL = fake.url;
}

beforeEach(async () => {
  savedEndpoint = process.env.AWS_ENDPOINT_URL;
  regions.length = 0;
  await start();
});

afterEach(async () => {
  await fake.close();
  if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL;
  else process.env.AWS_ENDPOINT_URL = savedEndpoint;
});

const io = () => captureIo();

const publishArgs = ['--snapshot', DEMO, '--publish', '--bucket', 'audit-reports', '--topic', TOPIC];

describe('audit --publish', () => {
  it('stores the report, compares with the previous run and alerts once, like the Lambda function', async () => {
    const first = io();
    expect(await runCli([...publishArgs, '--format', 'json'], first.io, defaultAuditDeps, fakeClients)).toBe(
      EXIT.ok,
    );
    expect(JSON.parse(first.stdout()).changes.status).toBe('compared');
    expect(first.stderr()).toMatch(
      /^Report stored: s3:\/\/audit-reports\/lambda-vpc-audit\/123456789012\/eu-west-1\/2026\/11\/24\/.*\.html \(https:\/\/eu-west-1\.console\.aws\.amazon\.com\//,
    );
    expect(first.stderr()).toMatch(/Changes: no earlier report stored; all \d+ failed checks are new\./);
    expect(first.stderr()).toMatch(/Alert sent \(\d+ new failed checks at or above medium/);
    expect(first.stderr()).toContain('message msg-1.');
    expect(fake.published).toHaveLength(1);
    expect(regions).toEqual(['eu-west-1/eu-west-1']);

    const second = io();
    expect(await runCli(publishArgs, second.io, defaultAuditDeps, fakeClients)).toBe(EXIT.ok);
    expect(second.stderr()).toContain('No alert: nothing changed at or above medium.');
    expect(second.stderr()).toMatch(/Changes: 0 new, \d+ still open, 0 resolved\./);
    expect(fake.published).toHaveLength(1);
  });

  it('exits 2 when a target fails, after printing the report and saying which', async () => {
    await fake.close();
    await start({ snsDown: true });
    const t = io();
    expect(await runCli(publishArgs, t.io, defaultAuditDeps, fakeClients)).toBe(EXIT.error);
    expect(t.stdout()).toContain('123456789012');
    expect(t.stderr()).toContain(`Alert NOT sent: Cannot publish to ${TOPIC}: AuthorizationErrorException`);
  });

  it('refuses publishing flags without --publish, and --publish without a target', async () => {
    const stray = io();
    expect(
      await runCli(['--snapshot', DEMO, '--topic', TOPIC], stray.io, defaultAuditDeps, fakeClients),
    ).toBe(EXIT.error);
    expect(stray.stderr()).toBe('lambda-vpc-audit: --topic applies to --publish.\n');
    const nowhere = io();
    expect(await runCli(['--snapshot', DEMO, '--publish'], nowhere.io, defaultAuditDeps, fakeClients)).toBe(
      EXIT.error,
    );
    expect(nowhere.stderr()).toContain('--publish needs somewhere to publish');
    expect(fake.requests).toEqual([]);
  });
});

describe('audit --format html', () => {
  it('writes the self-contained HTML page', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lambda-vpc-audit-'));
    const file = join(dir, 'report.html');
    const t = io();
    expect(await runCli(['--snapshot', DEMO, '--format', 'html', '--output', file], t.io)).toBe(EXIT.ok);
    const html = await readFile(file, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('statement-archiver');
  });
});
