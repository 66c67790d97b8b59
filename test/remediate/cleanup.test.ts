import {
  DeleteNetworkInterfaceCommand,
  DescribeNetworkInterfacesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import { analyze } from '../../lib/analyze/engine.js';
import { eniOrphaned } from '../../lib/analyze/rules/eni-orphaned.js';
import type { CleanupMode } from '../../lib/model/cleanup.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../lib/model/settings.js';
import type { NetworkInterface, Snapshot } from '../../lib/model/snapshot.js';
import { runCleanup } from '../../lib/remediate/cleanup.js';
import { ORPHAN_RULE_ID, planCleanup } from '../../lib/remediate/plan.js';
import { ec2Error } from '../collect/helpers.js';
import { emptySnapshot, fn, lambdaEni } from '../fixtures/snapshot-builder.js';
import { ec2World, sdkEni } from './ec2-world.js';

const NOW = new Date('2026-11-24T03:00:00.000Z');
const TWO_DAYS_AGO = '2026-11-22T03:00:00.000Z';
const ec2 = new EC2Client({ region: 'eu-west-1' });

const orphanA = lambdaEni({
  id: 'eni-0a01',
  subnet: 'subnet-a',
  groups: ['sg-old'],
  status: 'available',
  creator: 'gone-a',
});
const orphanB = lambdaEni({
  id: 'eni-0b02',
  subnet: 'subnet-b',
  groups: ['sg-old'],
  status: 'available',
  creator: 'gone-b',
});
const inUse = lambdaEni({ id: 'eni-0c03', subnet: 'subnet-a', groups: ['sg-x'], creator: 'gone-c' });
const young = lambdaEni({ id: 'eni-0d04', subnet: 'subnet-a', groups: ['sg-y'], status: 'available' });
const used = lambdaEni({ id: 'eni-0e05', subnet: 'subnet-a', groups: ['sg-app'], creator: 'api' });

const snapshot = emptySnapshot({
  functions: [fn({ name: 'api', subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-app'] })],
  networkInterfaces: [orphanA, orphanB, inUse, young, used],
});

const FIRST_SEEN = {
  'eni-orphaned:eni-0a01': TWO_DAYS_AGO,
  'eni-orphaned:eni-0b02': TWO_DAYS_AGO,
  'eni-orphaned:eni-0c03': TWO_DAYS_AGO,
  'eni-orphaned:eni-0d04': '2026-11-23T20:00:00.000Z',
};

function cleanup(mode: CleanupMode, s: Snapshot = snapshot, minOrphanAgeHours = 24) {
  const analysis = analyze(
    s,
    [eniOrphaned],
    DEFAULT_ANALYSIS_SETTINGS,
    NOW,
    new Map(Object.entries(FIRST_SEEN)),
  );
  const plan = planCleanup(
    s,
    analysis.outcomes.find((o) => o.ruleId === ORPHAN_RULE_ID),
    minOrphanAgeHours,
  );
  return runCleanup(ec2, plan, analysis.index, {
    mode,
    minOrphanAgeHours,
    accountId: s.meta.accountId,
    now: () => NOW,
    deletesPerSecond: 1000,
  });
}

function worldOf(...enis: NetworkInterface[]): Map<string, NetworkInterface> {
  return new Map(enis.map((eni) => [eni.NetworkInterfaceId, eni]));
}

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

function world(enis: Map<string, NetworkInterface>, options: { denied?: boolean } = {}) {
  const w = ec2World(enis, options);
  restore = () => w.mock.restore();
  return w;
}

describe('runCleanup', () => {
  it('in a dry run deletes nothing, asks EC2 (DryRun) for each candidate and says what it would delete', async () => {
    const { deletes } = world(worldOf(orphanA, orphanB, inUse, young, used));

    const report = await cleanup('dry-run');

    expect(deletes.every((call) => call.dryRun)).toBe(true);
    expect(deletes.map((call) => call.id)).toEqual(['eni-0a01', 'eni-0b02']);
    expect(report.permission.status).toBe('allowed');
    expect(report.summary).toEqual({ candidates: 2, deleted: 0, wouldDelete: 2, skipped: 2, failed: 0 });
    expect(report.actions.map((a) => [a.networkInterfaceId, a.outcome])).toEqual([
      ['eni-0a01', 'would-delete'],
      ['eni-0b02', 'would-delete'],
      ['eni-0c03', 'skipped'],
      ['eni-0d04', 'skipped'],
    ]);
    expect(report.actions[2]?.reason).toBe('It is in-use, not detached (available): Lambda still holds it.');
    expect(report.actions[3]?.reason).toBe(
      'Orphaned for 7 h (first seen 2026-11-23T20:00:00.000Z), less than the minimum of 24 h.',
    );
    expect(report.notes).toContain(
      'Dry run: nothing was deleted. Apply (--cleanup --apply, or ENI_CLEANUP=apply) to delete the ENIs marked would-delete.',
    );
  });

  it('with apply checks permission once (DryRun), then deletes each re-checked orphan', async () => {
    const enis = worldOf(orphanA, orphanB, inUse, young, used);
    const { deletes } = world(enis);

    const report = await cleanup('apply');

    expect(deletes.map((call) => `${call.id}${call.dryRun ? ' (dry run)' : ''}`)).toEqual([
      'eni-0a01 (dry run)',
      'eni-0a01',
      'eni-0b02',
    ]);
    expect(report.summary).toMatchObject({ deleted: 2, skipped: 2, failed: 0 });
    expect(report.actions[0]).toMatchObject({
      networkInterfaceId: 'eni-0a01',
      outcome: 'deleted',
      subnetId: 'subnet-a',
      securityGroupIds: ['sg-old'],
      creator: 'gone-a',
      firstSeen: TWO_DAYS_AGO,
      orphanedHours: 48,
      at: NOW.toISOString(),
    });
    expect([...enis.keys()]).toEqual(['eni-0c03', 'eni-0d04', 'eni-0e05']);
  });

  it('skips an ENI that gained a user between the collection and the deletion (the re-describe race)', async () => {
    // Since the collection a function got eni-0a01's combination: Lambda attached it. eni-0b02's security
    // groups were changed to those of api, which uses subnet-b.
    const attached = { ...orphanA, Status: 'in-use', Attachment: inUse.Attachment };
    const regrouped = { ...orphanB, Groups: [{ GroupId: 'sg-app', GroupName: 'sg-app' }] };
    const { deletes } = world(worldOf(attached, regrouped));

    const report = await cleanup('apply');

    expect(deletes).toEqual([]);
    expect(
      report.actions.filter((a) => a.outcome === 'skipped').map((a) => [a.networkInterfaceId, a.reason]),
    ).toEqual([
      ['eni-0a01', 'It is now in-use, not available.'],
      ['eni-0b02', 'Its subnet and security groups (subnet-b; sg-app) are now those of api.'],
      ['eni-0c03', 'It is in-use, not detached (available): Lambda still holds it.'],
      ['eni-0d04', 'Orphaned for 7 h (first seen 2026-11-23T20:00:00.000Z), less than the minimum of 24 h.'],
    ]);
  });

  it('skips an ENI deleted meanwhile, and one that is no longer a Lambda ENI', async () => {
    const notLambda = { ...orphanB, InterfaceType: 'interface', Description: 'my own ENI' };
    const { deletes } = world(worldOf(notLambda));

    const report = await cleanup('apply');

    expect(deletes).toEqual([]);
    expect(report.actions.find((a) => a.networkInterfaceId === 'eni-0a01')?.reason).toBe(
      'It no longer exists (deleted since the collection).',
    );
    expect(report.actions.find((a) => a.networkInterfaceId === 'eni-0b02')?.reason).toMatch(
      /^It is no longer a Lambda ENI \(type interface/,
    );
  });

  it('never deletes an ENI Lambda now operates for a network connector, whatever it looks like', async () => {
    const { mock, deletes } = world(worldOf(orphanA, orphanB));
    // The same ENI, as EC2 describes it now: its tags name a network connector.
    mock
      .on(DescribeNetworkInterfacesCommand)
      .callsFake(async (input: { NetworkInterfaceIds?: string[] }) => ({
        NetworkInterfaces: [
          {
            ...sdkEni(input.NetworkInterfaceIds?.[0] === 'eni-0a01' ? orphanA : orphanB),
            TagSet: [{ Key: 'aws:lambda:networkConnectorId', Value: 'nc-1' }],
          },
        ],
      }));

    const report = await cleanup('apply');

    expect(deletes).toEqual([]);
    expect(report.actions.slice(0, 2).map((a) => `${a.networkInterfaceId}: ${a.reason}`)).toEqual([
      'eni-0a01: Lambda operates it for a network connector.',
      'eni-0b02: Lambda operates it for a network connector.',
    ]);
  });

  it('stops before any deletion when DeleteNetworkInterface is not allowed, and says how to fix it', async () => {
    const { deletes } = world(worldOf(orphanA, orphanB), { denied: true });

    const report = await cleanup('apply');

    expect(deletes).toEqual([
      expect.objectContaining({ id: 'eni-0a01', dryRun: true, state: orphanA, deleted: false }),
    ]);
    expect(report.permission).toEqual({
      status: 'denied',
      detail:
        'EC2 DryRun: UnauthorizedOperation. Grant the auditor ec2:DeleteNetworkInterface (cleanup only).',
    });
    expect(report.actions.slice(0, 2).map((a) => [a.outcome, a.reason])).toEqual([
      ['failed', 'Not permitted: You are not authorized to perform this operation.'],
      ['skipped', 'Not attempted: ec2:DeleteNetworkInterface is not allowed (UnauthorizedOperation).'],
    ]);
  });

  it('records a failed deletion and goes on with the next one', async () => {
    const w = world(worldOf(orphanA, orphanB));
    w.mock.on(DeleteNetworkInterfaceCommand, { NetworkInterfaceId: 'eni-0a01', DryRun: false }).rejects(
      ec2Error({
        name: 'InvalidNetworkInterface.InUse',
        status: 400,
        message: 'Interface eni-0a01 in use.',
      }),
    );

    const report = await cleanup('apply');

    expect(report.actions.slice(0, 2).map((a) => [a.networkInterfaceId, a.outcome, a.errorCode])).toEqual([
      ['eni-0a01', 'failed', 'InvalidNetworkInterface.InUse'],
      ['eni-0b02', 'deleted', undefined],
    ]);
    expect(report.summary.failed).toBe(1);
  });

  it('keeps deletions under the requested rate', async () => {
    const many = Array.from({ length: 4 }, (_, i) =>
      lambdaEni({ id: `eni-0f0${i}`, subnet: 'subnet-z', groups: [`sg-${i}`], status: 'available' }),
    );
    const s = emptySnapshot({ functions: [], networkInterfaces: many });
    world(worldOf(...many));
    const analysis = analyze(s, [eniOrphaned], DEFAULT_ANALYSIS_SETTINGS, NOW);
    const plan = planCleanup(s, analysis.outcomes[0], 0);

    const started = Date.now();
    const report = await runCleanup(ec2, plan, analysis.index, {
      mode: 'apply',
      minOrphanAgeHours: 0,
      accountId: s.meta.accountId,
      now: () => NOW,
      deletesPerSecond: 20,
    });

    // One DryRun and four deletions, 50 ms apart.
    expect(report.summary.deleted).toBe(4);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});
