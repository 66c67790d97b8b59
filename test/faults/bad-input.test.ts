/**
 * Bad input at every door: the invoke payload, the function's environment, the CLI's flags and snapshot files.
 * Each one gets a clear error (an error response, a failed cold start, exit code 2 with one line), and nothing
 * happens behind it: no call reaches the (fake) account, nothing is published, no ENI is deleted. The doors are
 * the real ones: `createRuntime` (the handler's cold start) and `runCli`, with their own SDK clients.
 */
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXIT } from '../../cli/exit-codes.js';
import type { CliIo } from '../../cli/io.js';
import { runCli } from '../../cli/program.js';
import { MAX_SNAPSHOT_BYTES } from '../../lib/collect/snapshot-file.js';
import { ConfigError } from '../../lib/errors.js';
import { createAuditHandler } from '../../lib/lambda/handler.js';
import { createRuntime } from '../../lib/lambda/runtime.js';
import { accountFrom } from '../fixtures/aws-api/account.js';
import { lambdaContext } from '../fixtures/lambda-context.js';
import { DEMO } from './fake-account/demo.js';
import { type FakeAccountServer, startFakeAccountServer } from './fake-account/server.js';
import { printFigures } from './figures.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:audit-alerts';
/** A function configured to publish and to delete orphaned ENIs: bad input must not make it do either. */
const GOOD_ENV = {
  AWS_REGION: 'eu-west-1',
  REPORT_BUCKET: 'audit-reports',
  TOPIC_ARN: TOPIC,
  ENI_CLEANUP: 'dry-run',
  ENI_CLEANUP_MIN_AGE_HOURS: '0',
};

const CONTEXT = lambdaContext();

let nested: Record<string, unknown> = { leaf: true };
for (let i = 0; i < 5_000; i += 1) nested = { a: nested };

const BAD_PAYLOADS: [string, unknown][] = [
  ['a number', 42],
  ['a string', 'audit everything'],
  ['true', true],
  ['an array', [{ publish: false }]],
  ['publish as text', { publish: 'yes' }],
  ['publish as 1', { publish: 1 }],
  ['functions as a string', { functions: 'orders-api' }],
  ['functions holding a number', { functions: [42] }],
  ['no functions', { functions: [] }],
  ['100,001 function patterns', { functions: Array.from({ length: 100_001 }, (_, i) => `fn-${i}`) }],
  ['a 5 MB pattern', { functions: ['a'.repeat(5_000_000)] }],
  ['100,000 invalid patterns', { functions: Array.from({ length: 100_000 }, () => '<x>') }],
  ['a path for a pattern', { functions: ['../../etc/passwd'] }],
  ['markup for a pattern', { functions: ['<img src=x onerror=alert(1)>'] }],
  ['an unknown format', { format: 'exe' }],
  ['format as a list', { format: ['json'] }],
  ['cleanup beyond the function’s ENI_CLEANUP', { cleanup: 'apply' }],
  ['an unknown cleanup mode', { cleanup: 'nuke' }],
  ['an unknown field', { colour: 'red' }],
  ['a misspelt field', { fucntions: ['orders-api'] }],
  ['a __proto__ key', JSON.parse('{"__proto__": {"publish": false}, "publish": "no"}')],
  ['a constructor key', { constructor: { prototype: { publish: false } } }],
  ['5,000 levels of nesting', nested],
  [
    'a scheduled event without an id',
    { 'detail-type': 'Scheduled Event', source: 'aws.events', id: '', time: 'soon' },
  ],
  [
    'a scheduled event from another source',
    { 'detail-type': 'Scheduled Event', source: 'evil.events', id: 'x', time: '2026-11-24T03:00:00Z' },
  ],
];

const BAD_ENV: [string, string][] = [
  ['AWS_REGION', 'mars-north-1'],
  ['AWS_REGION', 'eu-west-1; rm -rf /'],
  ['REPORT_BUCKET', 'Audit_Reports'],
  ['REPORT_BUCKET', '192.168.0.1'],
  ['REPORT_PREFIX', '../../other-team'],
  ['REPORT_KMS_KEY_ID', 'my key'],
  ['TOPIC_ARN', 'arn:aws:sns:eu-west-1:123456789012:alerts.fifo'],
  ['TOPIC_ARN', 'https://sns.eu-west-1.amazonaws.com/alerts'],
  ['ALERT_THRESHOLD', 'urgent'],
  ['ALERT_MODE', 'sometimes'],
  ['SLACK_WEBHOOK_PARAMETER', 'https://hooks.slack.com/services/T0000/B0000/SECRETSECRETSECRET'],
  ['SECURITY_HUB_EXPORT', 'maybe'],
  ['LOOKBACK_DAYS', '0'],
  ['LOOKBACK_DAYS', '1e9'],
  ['TIME_RESERVE_SECONDS', '4'],
  ['TIME_RESERVE_SECONDS', 'NaN'],
  ['MIN_AZS', '-1'],
  ['HEADROOM', 'lots'],
  ['LEGACY_DIVISOR_GB', '0'],
  ['ENI_CLEANUP', 'yes'],
  ['ENI_CLEANUP_MIN_AGE_HOURS', '-5'],
  ['ENI_CLEANUP_MIN_AGE_HOURS', '1.5'],
];

const BAD_FLAGS: string[][] = [
  ['--region', 'mars-north-1'],
  ['--region', 'eu-west-1;rm -rf /'],
  ['--region', 'eu-west-1', '--format', 'exe'],
  ['--region', 'eu-west-1', '--fail-on', 'urgent'],
  ['--region', 'eu-west-1', '--min-azs', '0'],
  ['--region', 'eu-west-1', '--headroom', '-1'],
  ['--region', 'eu-west-1', '--divisor', 'NaN'],
  ['--region', 'eu-west-1', '--lookback-days', '0'],
  ['--region', 'eu-west-1', '--lookback-days', '100000'],
  ['--region', 'eu-west-1', '--apply'],
  ['--region', 'eu-west-1', '--cleanup', '--apply', '--min-orphan-age-hours', '-1'],
  ['--snapshot', 'examples/demo-account.json', '--cleanup', '--apply'],
  ['--snapshot', 'examples/demo-account.json', '--region', 'eu-west-1'],
  ['--region', 'eu-west-1', '--publish'],
  ['--region', 'eu-west-1', '--publish', '--bucket', 'Bad_Bucket'],
  ['--region', 'eu-west-1', '--publish', '--topic', 'not-an-arn'],
  ['--region', 'eu-west-1', '--publish', '--bucket', 'b-ok', '--prefix', '../x'],
  [
    '--region',
    'eu-west-1',
    '--publish',
    '--topic',
    TOPIC,
    '--slack-webhook-parameter',
    'https://hooks.slack.com/x',
  ],
  ['--region', 'eu-west-1', '--bucket', 'audit-reports'],
  ['--region', 'eu-west-1', '--no-such-flag'],
  ['snapshot', '--region', 'eu-west-1'],
  ['eni', '--region', 'eu-west-1'],
  ['eni', 'eni-0a7f3c9e1d5b2f604', '--subnet', 'subnet-1', '--region', 'eu-west-1'],
  ['eni', 'not-an-eni', '--region', 'eu-west-1'],
];

let server: FakeAccountServer;
let work: string;
const figures = {
  payloads: BAD_PAYLOADS.length,
  envValues: BAD_ENV.length,
  flagSets: BAD_FLAGS.length,
  snapshotFiles: 0,
  refused: 0,
  requestsMade: 0,
  published: 0,
  deleted: 0,
};

beforeAll(async () => {
  server = await startFakeAccountServer();
  process.env.AWS_ENDPOINT_URL = server.url;
  work = await mkdtemp(join(tmpdir(), 'bad-input-'));
}, 30_000);

beforeEach(() => {
  // Requests without a scenario label (the doors' own clients) belong to `default`: the demo account.
  server.scenario('default', { account: accountFrom(DEMO) });
  server.requests.length = 0;
  // The handler's JSON logs go to stdout and stderr; the security tests read them, these do not.
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return () => vi.restoreAllMocks();
});

afterAll(async () => {
  await server.close();
  delete process.env.AWS_ENDPOINT_URL;
  await rm(work, { recursive: true, force: true });
  printFigures('bad input', figures);
});

function expectNothingHappened(what: string) {
  figures.requestsMade += server.requests.length;
  figures.published += server.published('default').length;
  figures.deleted += server.deletedEnis('default').length;
  expect(server.requests, what).toEqual([]);
  expect(server.objects('default').size, what).toBe(0);
}

function cliIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    stdoutIsTty: false,
    stderrIsTty: false,
    env: { AWS_REGION: 'eu-west-1' },
    now: () => new Date('2026-11-24T03:00:00.000Z'),
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

describe('the invoke payload', () => {
  it('is not vacuous: a good payload does reach the account', async () => {
    const handler = createAuditHandler(createRuntime(GOOD_ENV));
    const response = await handler({ publish: false, cleanup: 'off' }, CONTEXT);
    expect(response.ok).toBe(true);
    expect(server.requests.length).toBeGreaterThan(20);
    // It reads the previous report for the diff, and writes and sends nothing.
    expect(server.requests.filter((r) => r.action === 'PutObject' || r.action === 'Publish')).toEqual([]);
  });

  it.each(BAD_PAYLOADS)('refuses %s with an error response, and does nothing', async (what, payload) => {
    const handler = createAuditHandler(createRuntime(GOOD_ENV));
    const response = await handler(payload, CONTEXT);
    if (response.ok) throw new Error(`${what} was accepted`);
    expect(response.error.type).toBe('ConfigError');
    expect(response.error.message).toMatch(/^Invalid invoke payload:\n {2}\S/);
    // The refusal quotes what was wrong, never the whole of it.
    expect(response.error.message.length, what).toBeLessThan(2_000);
    expectNothingHappened(what);
    figures.refused += 1;
  });
});

describe('the function’s environment', () => {
  it.each(BAD_ENV)('fails the cold start on %s=%s, naming the variable, before any call', (name, value) => {
    let error: unknown;
    try {
      createRuntime({ ...GOOD_ENV, [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = error instanceof Error ? error.message : '';
    expect(message).toMatch(new RegExp(`^Invalid environment configuration:\\n {2}${name}: `));
    // A webhook URL put where its parameter name belongs is a secret: it is not repeated back.
    expect(message).not.toContain('SECRETSECRET');
    expectNothingHappened(`${name}=${value}`);
    figures.refused += 1;
  });
});

describe('the CLI’s flags', () => {
  it.each(BAD_FLAGS.map((flags) => [flags.join(' '), flags]))(
    'exits 2 on `%s` with one line, calling nothing',
    async (_label, flags) => {
      const cli = cliIo();
      const code = await runCli(flags, cli.io);
      expect(code).toBe(EXIT.error);
      const lines = cli.stderr().trim().split('\n');
      expect(lines.length).toBeLessThanOrEqual(3);
      expect(cli.stderr()).not.toMatch(/\n\s+at /);
      expectNothingHappened(flags.join(' '));
      figures.refused += 1;
    },
  );
});

describe('snapshot files', () => {
  async function file(name: string, content: string | Buffer): Promise<string> {
    const path = join(work, name);
    await writeFile(path, content);
    return path;
  }

  const cases: [string, () => Promise<string>, RegExp][] = [
    [
      'truncated JSON',
      () => file('truncated.json', JSON.stringify(DEMO).slice(0, 5_000)),
      /is not valid JSON/,
    ],
    ['an empty file', () => file('empty.json', ''), /is not valid JSON/],
    [
      'binary garbage',
      () => file('garbage.json', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x9c])),
      /is not valid JSON/,
    ],
    ['a JSON array', () => file('array.json', '[]'), /is not a snapshot: expected a JSON object/],
    [
      'schema version 3',
      () => file('v3.json', JSON.stringify({ ...DEMO, schemaVersion: 3 })),
      /has snapshot schema version 3; this auditor reads versions 1 and 2/,
    ],
    [
      'schema version "1"',
      () => file('v1s.json', JSON.stringify({ ...DEMO, schemaVersion: '1' })),
      /has snapshot schema version "1"/,
    ],
    [
      'no schema version',
      () => file('nov.json', JSON.stringify({ meta: DEMO.meta })),
      /has no schemaVersion/,
    ],
    [
      'wrong field types',
      () => file('types.json', JSON.stringify({ ...DEMO, functions: [{ FunctionName: 7 }] })),
      /is not a valid snapshot:\n {2}functions\.0\./,
    ],
    [
      '100,000 levels of nesting',
      () => file('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`),
      /is not a snapshot: expected a JSON object|is not valid JSON/,
    ],
    [
      'a 200 MB file',
      async () => {
        const path = await file('huge.json', '');
        // Sparse: 200 MB on paper, nothing on disk; read into memory it would still be 200 MB.
        await truncate(path, 200 * 1024 * 1024);
        return path;
      },
      /is 200 MB, above the 150 MB limit/,
    ],
    [
      'a directory',
      async () => {
        const path = join(work, 'dir.json');
        await mkdir(path);
        return path;
      },
      /is a directory, not a file/,
    ],
    ['a device that never ends (/dev/zero)', async () => '/dev/zero', /is a device, not a file/],
    ['a missing file', async () => join(work, 'missing.json'), /Cannot read snapshot .*: no such file/],
  ];

  it.each(cases)(
    'refuses %s: exit 2, one line naming the file, nothing published',
    async (_what, make, expected) => {
      const path = await make();
      const cli = cliIo();
      const before = process.memoryUsage().rss;
      const started = Date.now();
      const code = await runCli(
        ['audit', '--snapshot', path, '--publish', '--bucket', 'audit-reports', '--topic', TOPIC],
        cli.io,
      );
      expect(code).toBe(EXIT.error);
      expect(cli.stderr()).toMatch(expected);
      expect(cli.stderr()).toContain(path);
      expect(cli.stderr().trim().split('\n').length).toBeLessThanOrEqual(12);
      expect(cli.stdout()).toBe('');
      // Refused by its size, not after reading it: fast, and without the memory a read would take.
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
      expectNothingHappened(path);
      // The other door that reads a snapshot says the same.
      const eni = cliIo();
      expect(await runCli(['eni', 'eni-0a7f3c9e1d5b2f604', '--snapshot', path], eni.io)).toBe(EXIT.error);
      expect(eni.stderr()).toMatch(expected);
      figures.snapshotFiles += 1;
      figures.refused += 1;
    },
  );

  it('keeps the size limit well above what a large account writes', () => {
    expect(MAX_SNAPSHOT_BYTES).toBe(150 * 1024 * 1024);
  });
});
