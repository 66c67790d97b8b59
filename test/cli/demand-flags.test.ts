import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../cli/exit-codes.js';
import { runCli } from '../../cli/program.js';
import { type AuditDeps, defaultAuditDeps, type SnapshotSource } from '../../lib/audit.js';
import { DEFAULT_LOOKBACK_DAYS } from '../../lib/collect/cloudwatch.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../lib/model/settings.js';
import { DEFAULT_MIN_ORPHAN_AGE_HOURS } from '../../lib/settings/cleanup.js';
import { emptySnapshot } from '../fixtures/snapshot-builder.js';
import { captureIo } from './capture-io.js';

const io = () => captureIo({ env: { AWS_REGION: 'eu-west-1' } });

/** A live account that records the source it was collected with. */
function liveAccount() {
  const sources: SnapshotSource[] = [];
  const deps: AuditDeps = {
    ...defaultAuditDeps,
    collect: async (source) => {
      sources.push(source);
      return emptySnapshot();
    },
  };
  return { deps, sources };
}

describe('ENI demand flags', () => {
  it('sets the headroom (a fraction or a percentage) and the legacy divisor of the analysis', async () => {
    const { deps } = liveAccount();
    for (const headroom of ['0.5', '50%']) {
      const t = io();
      expect(await runCli(['--headroom', headroom, '--divisor', '3', '--format', 'json'], t.io, deps)).toBe(
        EXIT.ok,
      );
      expect(JSON.parse(t.stdout()).settings).toMatchObject({ headroom: 0.5, legacyDivisorGb: 3 });
    }
  });

  it('uses 20% headroom, 1.5 GB and 80% thresholds by default', async () => {
    const t = io();
    await runCli(['--format', 'json'], t.io, liveAccount().deps);
    expect(JSON.parse(t.stdout()).settings).toMatchObject({
      headroom: 0.2,
      legacyDivisorGb: 1.5,
      subnetUtilisationThreshold: 0.8,
      quotaUtilisationThreshold: 0.8,
    });
  });

  it('refuses a headroom that reads like a percentage without its sign, and a divisor of 0', async () => {
    const headroom = io();
    expect(await runCli(['--headroom', '20'], headroom.io, liveAccount().deps)).toBe(EXIT.error);
    expect(headroom.stderr()).toContain(
      'headroom must be a number ≥ 0 and ≤ 10 (a fraction such as 0.2, or a percentage such as 20%), got "20"',
    );
    const divisor = io();
    expect(await runCli(['--divisor', '0'], divisor.io, liveAccount().deps)).toBe(EXIT.error);
    expect(divisor.stderr()).toContain('the legacy divisor (GB) must be a number > 0');
  });

  it('passes --lookback-days to the collection, for an audit and for a snapshot', async () => {
    const { deps, sources } = liveAccount();
    await runCli(['--lookback-days', '30', '--format', 'json'], io().io, deps);
    const out = join(await mkdtemp(join(tmpdir(), 'lvpc-')), 'snapshot.json');
    await runCli(['snapshot', '--lookback-days', '7', '--out', out], io().io, deps);
    expect(sources).toEqual([
      { kind: 'aws', region: 'eu-west-1', lookbackDays: 30 },
      { kind: 'aws', region: 'eu-west-1', lookbackDays: 7 },
    ]);
  });

  it('refuses a lookback beyond what CloudWatch keeps, or one with a saved snapshot', async () => {
    const long = io();
    expect(await runCli(['--lookback-days', '500'], long.io, liveAccount().deps)).toBe(EXIT.error);
    expect(long.stderr()).toContain('lookback days must be a whole number ≥ 1 and ≤ 455, got "500"');
    const saved = io();
    expect(
      await runCli(
        ['--snapshot', 'examples/demo-account.json', '--lookback-days', '7'],
        saved.io,
        liveAccount().deps,
      ),
    ).toBe(EXIT.error);
    expect(saved.stderr()).toContain('--lookback-days applies to a live collection');
  });

  it('says each default in the help as the settings define it', async () => {
    const t = io();
    expect(await runCli(['audit', '--help'], t.io)).toBe(EXIT.ok);
    const help = t.stdout().replace(/\s+/g, ' ');
    const { minAvailabilityZones, headroom, legacyDivisorGb, internetTagKey } = DEFAULT_ANALYSIS_SETTINGS;
    for (const shown of [
      `--min-azs <n> minimum Availability Zones per VPC function (default ${minAvailabilityZones})`,
      `--headroom <fraction> added to observed peak concurrency, e.g. 0.2 or 20% (default ${headroom})`,
      `--divisor <gb> GB of memory per ENI in the legacy sizing formula (default ${legacyDivisorGb})`,
      `(default ${internetTagKey})`,
      `--lookback-days <days> days of concurrency metrics to read (default ${DEFAULT_LOOKBACK_DAYS})`,
      `orphaned at least this long (default ${DEFAULT_MIN_ORPHAN_AGE_HOURS})`,
    ]) {
      expect(help).toContain(shown);
    }
  });
});
