import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../cli/exit-codes.js';
import { runCli } from '../../cli/program.js';
import { type AuditDeps, defaultAuditDeps, type SnapshotSource } from '../../lib/audit.js';
import type { Snapshot } from '../../lib/model/snapshot.js';
import {
  emptySnapshot,
  fn,
  role,
  securityGroup,
  subnet,
  vpc,
  withMissing,
} from '../fixtures/snapshot-builder.js';
import { captureIo } from './capture-io.js';

const io = captureIo;

const healthy = emptySnapshot({
  subnets: [
    subnet({ id: 'subnet-a', vpc: 'vpc-1', az: 'eu-west-1a' }),
    subnet({ id: 'subnet-b', vpc: 'vpc-1', az: 'eu-west-1b' }),
  ],
  functions: [fn({ name: 'orders-api', subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'] })],
  vpcs: [vpc({ id: 'vpc-1' })],
  securityGroups: [securityGroup({ id: 'sg-1', vpc: 'vpc-1' })],
  roles: [role('orders-api-role')],
});

/** Deps whose "live account" is a given snapshot; records what it was asked for. */
function liveAccount(snapshot: Snapshot) {
  const calls: { region: string; profile?: string }[] = [];
  const deps: AuditDeps = {
    ...defaultAuditDeps,
    collect: async (source, _now, onProgress) => {
      calls.push({ region: source.region, ...(source.profile ? { profile: source.profile } : {}) });
      onProgress?.({ api: 'lambda:ListFunctions', pages: 1, items: 1 });
      return snapshot;
    },
  };
  return { deps, calls };
}

describe('runCli', () => {
  it('audits a live account in the region and profile given', async () => {
    const { deps, calls } = liveAccount(healthy);
    const t = io();
    const code = await runCli(
      ['--region', 'eu-central-1', '--profile', 'audit', '--format', 'json'],
      t.io,
      deps,
    );
    expect(code).toBe(EXIT.ok);
    expect(calls).toEqual([{ region: 'eu-central-1', profile: 'audit' }]);
    expect(JSON.parse(t.stdout()).summary.vpcFunctions).toBe(1);
  });

  it('falls back to AWS_REGION and shows progress only on a terminal', async () => {
    const { deps, calls } = liveAccount(healthy);
    const quiet = io({ env: { AWS_REGION: 'eu-west-2' } });
    await runCli(['--format', 'json'], quiet.io, deps);
    expect(calls[0]?.region).toBe('eu-west-2');
    expect(quiet.stderr()).toBe('');
    const tty = io({ env: { AWS_REGION: 'eu-west-2' }, stderrIsTty: true });
    await runCli(['--format', 'json'], tty.io, deps);
    expect(tty.stderr()).toContain('collecting lambda:ListFunctions: page 1, 1 item');
  });

  it('hands the endpoint AWS_ENDPOINT_URL names in its environment to the collection, for the snapshot', async () => {
    const sources: SnapshotSource[] = [];
    const deps: AuditDeps = {
      ...defaultAuditDeps,
      collect: async (source) => {
        sources.push(source);
        return healthy;
      },
    };
    const t = io({ env: { AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' } });
    expect(await runCli(['--format', 'json'], t.io, deps)).toBe(EXIT.ok);
    expect(sources).toEqual([{ kind: 'aws', region: 'eu-west-1', endpoint: 'http://127.0.0.1:4566' }]);
  });

  it('says how to give a region when there is none', async () => {
    const t = io();
    expect(await runCli([], t.io, liveAccount(healthy).deps)).toBe(EXIT.error);
    expect(t.stderr()).toContain('No AWS region: pass --region');
  });

  it('rejects a malformed region before calling AWS', async () => {
    const { deps, calls } = liveAccount(healthy);
    const t = io();
    expect(await runCli(['--region', 'Europe'], t.io, deps)).toBe(EXIT.error);
    expect(t.stderr()).toContain('"Europe" is not an AWS region name');
    expect(calls).toEqual([]);
  });

  it('refuses --snapshot together with --region', async () => {
    const t = io();
    expect(await runCli(['--snapshot', 'x.json', '--region', 'eu-west-1'], t.io)).toBe(EXIT.error);
    expect(t.stderr()).toContain('cannot be combined with --region');
  });

  it('exits 3 with --fail-on when nothing failed but a check at that level could not be made', async () => {
    const { deps } = liveAccount(withMissing(healthy, 'roles'));
    const t = io({ env: { AWS_REGION: 'eu-west-1' } });
    expect(await runCli(['--fail-on', 'high', '--format', 'json'], t.io, deps)).toBe(EXIT.unverified);
  });

  it('writes the report to --output and says where', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lva-cli-'));
    const file = join(dir, 'report.md');
    const t = io({ env: { AWS_REGION: 'eu-west-1' } });
    expect(await runCli(['--format', 'md', '--output', file], t.io, liveAccount(healthy).deps)).toBe(EXIT.ok);
    expect(await readFile(file, 'utf8')).toContain('orders-api');
    expect(t.stderr()).toContain(`Report written to ${file}`);
    expect(t.stdout()).toBe('');
  });

  it('writes a snapshot that audits offline to the same findings', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lva-cli-'));
    const file = join(dir, 'snap.json');
    const first = io({ env: { AWS_REGION: 'eu-west-1' } });
    expect(await runCli(['snapshot', '--out', file], first.io, liveAccount(healthy).deps)).toBe(EXIT.ok);
    expect(first.stderr()).toContain(`Snapshot of 123456789012 eu-west-1 written to ${file}`);
    const replay = io();
    expect(await runCli(['--snapshot', file, '--format', 'json'], replay.io)).toBe(EXIT.ok);
    expect(JSON.parse(replay.stdout()).summary.vpcFunctions).toBe(1);
  });

  it('prints help and exits 0', async () => {
    const t = io();
    expect(await runCli(['--help'], t.io)).toBe(EXIT.ok);
    expect(t.stdout()).toContain('snapshot');
  });

  it('rejects an unknown option with exit 2', async () => {
    const t = io();
    expect(await runCli(['--regoin', 'eu-west-1'], t.io)).toBe(EXIT.error);
    expect(t.stderr()).toContain("unknown option '--regoin'");
  });
});
