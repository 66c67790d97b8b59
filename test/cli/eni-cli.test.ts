import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../cli/exit-codes.js';
import { runCli } from '../../cli/program.js';
import { type AuditDeps, defaultAuditDeps } from '../../lib/audit.js';
import type { NetworkInterface, Snapshot } from '../../lib/model/snapshot.js';
import { emptySnapshot, fn, lambdaEni, role } from '../fixtures/snapshot-builder.js';
import { ec2World } from '../remediate/ec2-world.js';
import { captureIo } from './capture-io.js';

const DEMO = 'examples/demo-account.json';

const io = captureIo;

function liveAccount(snapshot: Snapshot): AuditDeps {
  return { ...defaultAuditDeps, collect: async () => snapshot };
}

describe('lambda-vpc-audit eni', () => {
  it('names who uses an ENI whose creator is gone', async () => {
    const t = io();
    expect(await runCli(['eni', 'eni-0c9f5e3b7d2a4c826', '--snapshot', DEMO], t.io)).toBe(EXIT.ok);
    expect(t.stdout()).toContain('created by       checkout-api');
    expect(t.stdout()).toMatch(/used by +payment-authorizer \(\$LATEST\), payments-webhook \(\$LATEST/);
  });

  it('says which Lambda ENIs keep a security group from being deleted, orphans included', async () => {
    const t = io();
    expect(await runCli(['eni', '--security-group', 'sg-0e5e6f7a8b9cadb05', '--snapshot', DEMO], t.io)).toBe(
      EXIT.ok,
    );
    const out = t.stdout();
    expect(out).toMatch(/^sg-0e5e6f7a8b9cadb05 holds 2 Lambda ENIs in account 123456789012 eu-west-1/);
    expect(out).toContain('Orphaned: eni-0b8e4d2a6c1f3e715, eni-7c2d9e4f.');
    expect(out).toContain('nobody: ORPHANED');
  });

  it('answers for a subnet in JSON', async () => {
    const t = io();
    const code = await runCli(
      ['eni', '--subnet', 'subnet-0c7e1a4b8d2f50a04', '--snapshot', DEMO, '--format', 'json'],
      t.io,
    );
    expect(code).toBe(EXIT.ok);
    const answer = JSON.parse(t.stdout());
    expect(answer.query).toEqual({ kind: 'subnet', id: 'subnet-0c7e1a4b8d2f50a04' });
    expect(answer.orphanedNetworkInterfaceIds).toEqual(['eni-0a7f3c9e1d5b2f604']);
    expect(answer.functions).toEqual(['orders-api', 'report-scheduler']);
  });

  it('works on a live account too', async () => {
    const snapshot = emptySnapshot({
      functions: [fn({ name: 'api', subnets: ['subnet-0aaa0001'], securityGroups: ['sg-0bbb0001'] })],
      networkInterfaces: [
        lambdaEni({ id: 'eni-0ccc0001', subnet: 'subnet-0aaa0001', groups: ['sg-0bbb0001'] }),
      ],
    });
    const t = io({ env: { AWS_REGION: 'eu-west-1' } });
    expect(await runCli(['eni', 'eni-0ccc0001'], t.io, liveAccount(snapshot))).toBe(EXIT.ok);
    expect(t.stdout()).toContain('used by          api ($LATEST)');
  });

  it('exits 2 with a clear message for an id the account does not have', async () => {
    const t = io();
    expect(await runCli(['eni', 'eni-0123456789abcdef0', '--snapshot', DEMO], t.io)).toBe(EXIT.error);
    expect(t.stderr()).toContain(
      'lambda-vpc-audit: eni-0123456789abcdef0 is not a Lambda ENI in account 123456789012 eu-west-1',
    );
  });

  it('wants exactly one well-formed id', async () => {
    const none = io();
    expect(await runCli(['eni', '--snapshot', DEMO], none.io)).toBe(EXIT.error);
    expect(none.stderr()).toContain(
      'Give one of: an ENI id, --security-group <sg-id> or --subnet <subnet-id>.',
    );
    const wrong = io();
    expect(
      await runCli(['eni', '--security-group', 'subnet-0c7e1a4b8d2f50a04', '--snapshot', DEMO], wrong.io),
    ).toBe(EXIT.error);
    expect(wrong.stderr()).toContain('"subnet-0c7e1a4b8d2f50a04" is not a security-group id');
  });
});

describe('audit --cleanup', () => {
  const orphan = lambdaEni({ id: 'eni-0a01', subnet: 'subnet-a', groups: ['sg-old'], status: 'available' });
  const account = emptySnapshot({
    functions: [fn({ name: 'api', subnets: ['subnet-a'], securityGroups: ['sg-1'] })],
    roles: [role('api-role')],
    networkInterfaces: [orphan],
  });
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  function ec2(enis: NetworkInterface[]) {
    const w = ec2World(new Map(enis.map((eni) => [eni.NetworkInterfaceId, eni])));
    restore = () => w.mock.restore();
    return w;
  }

  it('is a dry run by default and records the plan in the report', async () => {
    const { deletes } = ec2([orphan]);
    const t = io({ env: { AWS_REGION: 'eu-west-1' } });
    const code = await runCli(
      ['--cleanup', '--min-orphan-age-hours', '0', '--format', 'json'],
      t.io,
      liveAccount(account),
    );
    expect(code).toBe(EXIT.ok);
    const report = JSON.parse(t.stdout());
    expect(report.cleanup.mode).toBe('dry-run');
    expect(report.cleanup.actions).toMatchObject([
      { networkInterfaceId: 'eni-0a01', outcome: 'would-delete' },
    ]);
    expect(deletes.every((call) => call.dryRun)).toBe(true);
  });

  it('deletes with --apply', async () => {
    const { deletes } = ec2([orphan]);
    const t = io({ env: { AWS_REGION: 'eu-west-1' } });
    await runCli(['--cleanup', '--apply', '--min-orphan-age-hours', '0'], t.io, liveAccount(account));
    expect(deletes.map((call) => call.dryRun)).toEqual([true, false]);
    expect(t.stdout()).toContain(
      'ENI cleanup (applied, minimum orphan age 0 h): 1 deleted, 0 skipped, 0 failed',
    );
  });

  it('deletes nothing first seen in this run under the default minimum age of 24 h', async () => {
    const { deletes } = ec2([orphan]);
    const t = io({ env: { AWS_REGION: 'eu-west-1' } });
    await runCli(['--cleanup', '--apply', '--format', 'json'], t.io, liveAccount(account));
    expect(deletes).toEqual([]);
    expect(JSON.parse(t.stdout()).cleanup.actions[0].reason).toBe(
      'Orphaned for 0 h (first seen 2026-11-24T03:00:00.000Z), less than the minimum of 24 h.',
    );
  });

  it('refuses --apply without --cleanup, and --cleanup on a saved snapshot', async () => {
    const alone = io({ env: { AWS_REGION: 'eu-west-1' } });
    expect(await runCli(['--apply'], alone.io, liveAccount(account))).toBe(EXIT.error);
    expect(alone.stderr()).toContain('--apply confirms a cleanup: use it with --cleanup.');
    const saved = io();
    expect(await runCli(['--cleanup', '--snapshot', DEMO], saved.io)).toBe(EXIT.error);
    expect(saved.stderr()).toContain('it cannot be combined with --snapshot');
  });
});
