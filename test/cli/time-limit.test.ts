import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../cli/exit-codes.js';
import type { CliIo } from '../../cli/io.js';
import { runCli } from '../../cli/program.js';
import { type AuditDeps, defaultAuditDeps, type SnapshotSource } from '../../lib/audit.js';
import type { Report } from '../../lib/model/report.js';
import type { Rollup } from '../../lib/model/rollup.js';
import type { Snapshot } from '../../lib/model/snapshot.js';
import { cleanAccount, fakeAccounts, MANAGEMENT, mockOrganization } from '../fanout/aws-fakes.js';
import { emptySnapshot } from '../fixtures/snapshot-builder.js';
import { captureIo } from './capture-io.js';

const DEMO = 'examples/demo-account.json';
const START = new Date('2026-11-24T03:00:00.000Z');

const io = (overrides: Partial<CliIo> = {}) =>
  captureIo({ env: { AWS_REGION: 'eu-west-1' }, now: () => START, ...overrides });

/** A live account that records the source of every collection. */
function liveAccount() {
  const sources: Extract<SnapshotSource, { kind: 'aws' }>[] = [];
  const deps: AuditDeps = {
    ...defaultAuditDeps,
    collect: async (source) => {
      sources.push(source);
      return emptySnapshot();
    },
  };
  return { deps, sources };
}

const REFUSAL = /Invalid --time-limit:\n {2}the time limit must be a number of minutes > 0 and ≤ 1440/;

describe('--time-limit validation', () => {
  it.each(['0', '-1', 'abc', '2000'])(
    'refuses --time-limit %s with exit 2, naming the flag',
    async (value) => {
      const { deps, sources } = liveAccount();
      const t = io();
      expect(await runCli(['--time-limit', value], t.io, deps)).toBe(EXIT.error);
      expect(t.stderr()).toMatch(REFUSAL);
      expect(t.stderr()).toContain(`got "${value}"`);
      expect(t.stdout()).toBe('');
      expect(sources).toEqual([]);
    },
  );

  it('refuses a bad value in snapshot, eni and the fan-out too, before collecting', async () => {
    const { deps, sources } = liveAccount();
    const out = join(await mkdtemp(join(tmpdir(), 'lvpc-')), 'snapshot.json');
    for (const argv of [
      ['snapshot', '--out', out, '--time-limit', '0'],
      ['eni', 'eni-0ccc0001', '--time-limit', 'abc'],
      ['--regions', 'eu-west-1,us-east-1', '--time-limit', '2000'],
      ['--org', 'LambdaVpcAudit', '--time-limit', '-1'],
    ]) {
      const t = io();
      expect(await runCli(argv, t.io, deps)).toBe(EXIT.error);
      expect(t.stderr()).toMatch(REFUSAL);
    }
    expect(sources).toEqual([]);
  });

  it('refuses --time-limit with --snapshot (audit and eni), in the --lookback-days style', async () => {
    for (const argv of [
      ['--snapshot', DEMO, '--time-limit', '5'],
      ['eni', 'eni-0c9f5e3b7d2a4c826', '--snapshot', DEMO, '--time-limit', '5'],
    ]) {
      const t = io();
      expect(await runCli(argv, t.io)).toBe(EXIT.error);
      expect(t.stderr()).toBe(
        'lambda-vpc-audit: --time-limit applies to a live collection: it cannot be combined with --snapshot.\n',
      );
    }
  });

  it('is listed in the help of audit, snapshot and eni', async () => {
    for (const command of ['audit', 'snapshot', 'eni']) {
      const t = io();
      expect(await runCli([command, '--help'], t.io)).toBe(EXIT.ok);
      expect(t.stdout()).toMatch(/--time-limit <minutes> +stop collecting after this many minutes/);
    }
  });
});

describe('--time-limit deadline', () => {
  it('sets the deadline from the CLI clock, decimals allowed, for audit, snapshot and eni; none without it', async () => {
    const { deps, sources } = liveAccount();
    expect(await runCli(['--time-limit', '0.5', '--format', 'json'], io().io, deps)).toBe(EXIT.ok);
    const out = join(await mkdtemp(join(tmpdir(), 'lvpc-')), 'snapshot.json');
    expect(await runCli(['snapshot', '--out', out, '--time-limit', '1440'], io().io, deps)).toBe(EXIT.ok);
    // The empty account has no such ENI: exit 2 after the collection, which is what is looked at here.
    await runCli(['eni', 'eni-0ccc0001', '--time-limit', '2'], io().io, deps);
    await runCli(['--format', 'json'], io().io, deps);
    expect(sources.map((source) => source.deadline?.toISOString())).toEqual([
      '2026-11-24T03:00:30.000Z',
      '2026-11-25T03:00:00.000Z',
      '2026-11-24T03:02:00.000Z',
      undefined,
    ]);
    expect(sources[3]).not.toHaveProperty('deadline');
  });
});

/**
 * A black-holed AWS endpoint on 127.0.0.1: it accepts every request and never answers, except STS
 * GetCallerIdentity when `answerSts` (so collection gets past the account id and then hangs on everything).
 */
async function blackHole(options: { answerSts: boolean }) {
  const pending: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (options.answerSts && body.includes('Action=GetCallerIdentity')) {
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end(
          `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:sts::${MANAGEMENT}:assumed-role/auditor/s</Arn><UserId>AROAX:s</UserId><Account>${MANAGEMENT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        );
        return;
      }
      pending.push(`${request.method} ${request.url}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pending,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('--time-limit against an endpoint that never answers', () => {
  let hole: Awaited<ReturnType<typeof blackHole>> | undefined;
  afterEach(async () => {
    await hole?.close();
    hole = undefined;
    delete process.env.AWS_ENDPOINT_URL;
  });

  /** The real clients (8 adaptive attempts, 60 s request timeout) and the real clock. */
  async function against(answerSts: boolean) {
    hole = await blackHole({ answerSts });
    process.env.AWS_ENDPOINT_URL = hole.url;
    return io({ now: () => new Date() });
  }

  it('stops at the limit with an incomplete report naming the parts cut, and exits 3 with --fail-on', async () => {
    const t = await against(true);
    const started = Date.now();
    const code = await runCli(['--time-limit', '0.02', '--format', 'json', '--fail-on', 'critical'], t.io);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(hole?.pending.length).toBeGreaterThan(0);
    const report = JSON.parse(t.stdout()) as Report;
    expect(report.accountId).toBe(MANAGEMENT);
    expect(report.incomplete?.reason).toMatch(
      /^The time budget ran out before collection finished; not \(fully\) collected: .*\bfunctions\b/,
    );
    for (const part of ['subnets', 'vpcs', 'routeTables', 'roles', 'quotas'])
      expect(report.incomplete?.reason).toContain(part);
    // Nothing failed, but the report is incomplete: "could not verify", as for any incomplete report.
    expect(code).toBe(EXIT.unverified);
  });

  it('says so in the terminal report, and exits 0 without --fail-on', async () => {
    const t = await against(true);
    const started = Date.now();
    expect(await runCli(['--time-limit', '0.01'], t.io)).toBe(EXIT.ok);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(t.stdout()).toContain('INCOMPLETE REPORT');
    expect(t.stdout()).toMatch(
      /Collection stopped early: The time budget ran out before collection finished/,
    );
  });

  it('writes an incomplete snapshot and says on stderr that collection stopped early', async () => {
    const t = await against(true);
    const out = join(await mkdtemp(join(tmpdir(), 'lvpc-')), 'snapshot.json');
    expect(await runCli(['snapshot', '--out', out, '--time-limit', '0.01'], t.io)).toBe(EXIT.ok);
    const snapshot = JSON.parse(await readFile(out, 'utf8')) as Snapshot;
    expect(snapshot.meta.incomplete?.reason).toMatch(/time budget ran out/);
    expect(t.stderr()).toMatch(
      /^Snapshot of 111111111111 eu-west-1 written to .* with \d+ coverage gaps \(see its "coverage"\)\.\nCollection stopped early: The time budget ran out/,
    );
  });

  it('bounds the discovery of --regions all (DescribeRegions never answered): a failed target line, exit 3', async () => {
    const t = await against(true);
    const started = Date.now();
    const code = await runCli(
      ['audit', '--regions', 'all', '--time-limit', '0.01', '--format', 'json', '--fail-on', 'critical'],
      t.io,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    const rollup = JSON.parse(t.stdout()) as Rollup;
    expect(rollup.targets).toEqual([
      expect.objectContaining({
        status: 'failed',
        error: expect.objectContaining({ code: 'TimeBudgetExceeded' }),
      }),
    ]);
    expect(code).toBe(EXIT.unverified);
  });

  it('bounds the discovery of --org (ListAccounts never answered): one clear error, exit 2', async () => {
    const t = await against(true);
    const started = Date.now();
    expect(await runCli(['audit', '--org', 'AuditRole', '--time-limit', '0.01'], t.io)).toBe(EXIT.error);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(t.stderr()).toMatch(
      /^lambda-vpc-audit: Cannot list the organization's accounts \(organizations:ListAccounts\): TimeBudgetExceeded: Cut short: the time budget ended at [^ ]+Z\.\n$/,
    );
  });

  it('ends with one clear error (exit 2) when not even STS answers before the limit', async () => {
    const t = await against(false);
    const started = Date.now();
    expect(await runCli(['--time-limit', '0.01'], t.io)).toBe(EXIT.error);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(t.stderr()).toMatch(
      /^lambda-vpc-audit: Cannot reach AWS STS in region eu-west-1: TimeBudgetExceeded: Cut short: the time budget ended at /,
    );
  });
});

describe('--time-limit with --regions / --org', () => {
  let aws: ReturnType<typeof mockOrganization>;
  beforeEach(() => {
    aws = mockOrganization();
  });
  afterEach(() => aws.restore());

  /** fakeAccounts, also keeping each target's deadline. */
  function recordingDeadlines() {
    const { deps } = fakeAccounts(cleanAccount);
    const deadlines: (string | undefined)[] = [];
    return {
      deadlines,
      deps: {
        ...deps,
        collect: (source, now, onProgress) => {
          deadlines.push(source.deadline?.toISOString());
          return deps.collect(source, now, onProgress);
        },
      } satisfies AuditDeps,
    };
  }

  /**
   * A clock a minute further on each time it is read, from the real time (the discovery calls are bound to the
   * deadline too, and the budget compares it with the real clock): a deadline taken per target would show.
   */
  function ticking() {
    const start = Date.now();
    let minutes = 0;
    const clock = () => new Date(start + 60_000 * minutes++);
    const after = (limitMinutes: number) => new Date(start + limitMinutes * 60_000).toISOString();
    return { clock, after };
  }

  it('gives every target ONE deadline, computed once from the start of the run', async () => {
    const { deps, deadlines } = recordingDeadlines();
    const time = ticking();
    const t = io({ now: time.clock });
    const code = await runCli(
      ['--regions', 'eu-west-1,us-east-1,eu-south-2', '--time-limit', '30', '--format', 'json'],
      t.io,
      deps,
    );
    expect(code).toBe(EXIT.ok);
    expect((JSON.parse(t.stdout()) as Rollup).totals.audited).toBe(3);
    expect(deadlines).toEqual(Array(3).fill(time.after(30)));
  });

  it('applies it to every account of --org as well, and sets none without the flag', async () => {
    const limited = recordingDeadlines();
    const time = ticking();
    await runCli(
      ['--org', 'LambdaVpcAudit', '--time-limit', '0.5'],
      io({ now: time.clock }).io,
      limited.deps,
    );
    expect(limited.deadlines).toEqual(Array(3).fill(time.after(0.5)));
    const unlimited = recordingDeadlines();
    await runCli(['--regions', 'eu-west-1,us-east-1'], io().io, unlimited.deps);
    expect(unlimited.deadlines).toEqual([undefined, undefined]);
  });
});
