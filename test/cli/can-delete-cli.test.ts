import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../cli/exit-codes.js';
import { runCli } from '../../cli/program.js';
import { deniedBy, type FakeAccountServer, startFakeAccountServer } from '../faults/fake-account/server.js';
import { accountFrom } from '../fixtures/aws-api/account.js';
import { captureIo } from './capture-io.js';
import {
  EMULATED,
  emulatedAccount,
  FORGOTTEN,
  FORGOTTEN_ENI,
  SPARE,
  SPARE_ENI,
  UNUSED,
} from './emulated-account.js';

const DEMO = 'examples/demo-account.json';

describe('lambda-vpc-audit can-delete --snapshot', () => {
  it('exits 1 for the demo security group an orphan keeps forever, naming it and why', async () => {
    const t = captureIo();
    const code = await runCli(
      ['can-delete', '--security-group', 'sg-0f7a9c1e3b5d86f07', '--snapshot', DEMO],
      t.io,
    );
    expect(code).toBe(EXIT.findings);
    const out = t.stdout();
    expect(out).toMatch(
      /^sg-0f7a9c1e3b5d86f07 cannot be deleted: 1 network interface that will not go away by itself\./,
    );
    expect(out).toContain(
      'eni-0f3b5d7e9a1c24e06  available  Lambda ENI no one uses: never goes away by itself',
    );
    expect(out).toContain("its creator's role no longer exists: Lambda cannot delete it, so it stays");
  });

  it('answers in JSON', async () => {
    const t = captureIo();
    const code = await runCli(
      ['can-delete', '--subnet', 'subnet-0c7e1a4b8d2f50a04', '--snapshot', DEMO, '--format', 'json'],
      t.io,
    );
    expect(code).toBe(EXIT.findings);
    const answer = JSON.parse(t.stdout());
    expect(answer).toMatchObject({
      verdict: 'blocked',
      source: 'snapshot',
      target: { kind: 'subnet', id: 'subnet-0c7e1a4b8d2f50a04' },
    });
    // The orphan of legacy-checkout, and report-scheduler and orders-api:1,2 still configured there.
    expect(answer.configuredFunctions.map((f: { functionName: string }) => f.functionName)).toEqual([
      'orders-api',
      'report-scheduler',
    ]);
    expect(
      answer.blockers.find(
        (b: { networkInterfaceId: string }) => b.networkInterfaceId === 'eni-0a7f3c9e1d5b2f604',
      ),
    ).toMatchObject({
      kind: 'orphaned-forever',
    });
  });

  it('exits 2 naming what is wrong: no target, two targets, a bad id, an unknown subnet, --wait on a snapshot', async () => {
    const cases: [string[], string][] = [
      [
        ['can-delete', '--snapshot', DEMO],
        'Give one of: --security-group <sg-id>, --subnet <subnet-id> or --vpc <vpc-id>.',
      ],
      [
        [
          'can-delete',
          '--subnet',
          'subnet-0c7e1a4b8d2f50a04',
          '--vpc',
          'vpc-0c4e7a1f92b3d5a60',
          '--snapshot',
          DEMO,
        ],
        'Give one of',
      ],
      [
        ['can-delete', '--vpc', 'vpc-nope', '--snapshot', DEMO],
        '"vpc-nope" is not a vpc id (like vpc-0123456789abcdef0).',
      ],
      [
        ['can-delete', '--subnet', 'subnet-0123456789abcdef0', '--snapshot', DEMO],
        'subnet-0123456789abcdef0 is not a subnet of account 123456789012 eu-west-1',
      ],
      [
        ['can-delete', '--subnet', 'subnet-0c7e1a4b8d2f50a04', '--snapshot', DEMO, '--wait', '45'],
        '--wait and --interval re-read a live account',
      ],
      [
        ['can-delete', '--subnet', 'subnet-0c7e1a4b8d2f50a04', '--region', 'eu-west-1', '--wait', '0'],
        'the wait (minutes) must be a number > 0 and ≤ 1440',
      ],
    ];
    for (const [argv, message] of cases) {
      const t = captureIo({ env: { AWS_REGION: 'eu-west-1' } });
      expect(await runCli(argv, t.io), argv.join(' ')).toBe(EXIT.error);
      expect(t.stderr()).toContain(message);
      expect(t.stdout()).toBe('');
    }
  });
});

describe('lambda-vpc-audit can-delete on a live account (the fake AWS)', () => {
  let server: FakeAccountServer;
  const saved = process.env.AWS_ENDPOINT_URL;

  beforeAll(async () => {
    server = await startFakeAccountServer();
    process.env.AWS_ENDPOINT_URL = server.url;
  });
  afterEach(() => server.scenario('default', { account: emulatedAccount() }));
  afterAll(async () => {
    if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
    else process.env.AWS_ENDPOINT_URL = saved;
    await server.close();
  });

  /** The CLI with the real clock: `--wait` waits in real time. */
  const live = () => captureIo({ env: { AWS_REGION: 'eu-west-1' }, now: () => new Date() });

  it('exits 0 for a security group nothing uses, after asking EC2 that it exists', async () => {
    server.scenario('default', { account: emulatedAccount() });
    const t = live();
    expect(await runCli(['can-delete', '--security-group', UNUSED], t.io)).toBe(EXIT.ok);
    expect(t.stdout()).toMatch(new RegExp(`^${UNUSED} can be deleted now: no network interface uses it\\.`));
    const reads = server.requests.filter(
      (r) => r.action === 'DescribeSecurityGroups' || r.action === 'DescribeNetworkInterfaces',
    );
    expect(reads.length).toBeGreaterThanOrEqual(3);
  });

  it('waits while Lambda removes the ENI in the way, and exits 0 once it is gone', async () => {
    server.scenario('default', { account: emulatedAccount() });
    const t = live();
    const withoutSpare = accountFrom({
      ...EMULATED,
      networkInterfaces: (EMULATED.networkInterfaces ?? []).filter(
        (eni) => eni.NetworkInterfaceId !== SPARE_ENI,
      ),
    });
    // Lambda deletes it a second and a half into the wait (re-read every second).
    const removal = setTimeout(() => server.scenario('default', { account: withoutSpare }), 1500);
    const code = await runCli(
      ['can-delete', '--security-group', SPARE, '--wait', '1', '--interval', '1'],
      t.io,
    ).finally(() => clearTimeout(removal));
    expect(code).toBe(EXIT.ok);
    expect(t.stdout()).toMatch(new RegExp(`^${SPARE} can be deleted now`));
    expect(t.stdout()).toMatch(
      new RegExp(
        `Waited until it was free \\(\\d+ re-reads of the interfaces\\)\\. Gone meanwhile: ${SPARE_ENI}\\.`,
      ),
    );
  });

  it('exits 1 at once, without waiting, for a subnet a forgotten ENI keeps forever', async () => {
    server.scenario('default', { account: emulatedAccount() });
    const t = live();
    expect(await runCli(['can-delete', '--subnet', FORGOTTEN, '--wait', '45'], t.io)).toBe(EXIT.findings);
    expect(t.stdout()).toContain(
      `${FORGOTTEN_ENI}  available  Lambda ENI no one uses: never goes away by itself`,
    );
    expect(t.stdout()).not.toContain('Waited');
  });

  it('never says free when the interfaces could not be read: only Lambda ENIs are known, exit 3', async () => {
    server.scenario('default', {
      account: emulatedAccount(),
      faults: (call) =>
        call.action === 'DescribeNetworkInterfaces' && call.request.params.has('Filter.1.Name')
          ? deniedBy('ec2', 'DescribeNetworkInterfaces')
          : undefined,
    });
    const t = live();
    expect(await runCli(['can-delete', '--security-group', UNUSED], t.io)).toBe(EXIT.unverified);
    expect(t.stdout()).toContain('no Lambda ENI uses it, but whether other interfaces do was not checked');
    expect(t.stdout()).toContain(
      'ec2:DescribeNetworkInterfaces (group-id = sg-0b2c3d4e5f6a7b702) failed (UnauthorizedOperation)',
    );
  });
});
