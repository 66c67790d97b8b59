import { EC2Client } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../lib/analyze/registry.js';
import { runAudit } from '../../lib/audit.js';
import { ConfigError } from '../../lib/errors.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../lib/model/settings.js';
import { emptySnapshot, lambdaEni } from '../fixtures/snapshot-builder.js';
import { ec2World } from './ec2-world.js';

const NOW = new Date('2026-11-24T03:00:00.000Z');
const orphan = lambdaEni({ id: 'eni-0a01', subnet: 'subnet-a', groups: ['sg-1'], status: 'available' });
const snapshot = emptySnapshot({ networkInterfaces: [orphan] });

const deps = {
  readSnapshot: async () => snapshot,
  collect: async () => snapshot,
  rules: RULES,
};

describe('runAudit with cleanup', () => {
  it('refuses to clean up from a saved snapshot', async () => {
    const auditing = runAudit(
      {
        source: { kind: 'file', path: 'snap.json' },
        settings: DEFAULT_ANALYSIS_SETTINGS,
        runId: 'run-1',
        now: NOW,
        cleanup: { mode: 'apply', minOrphanAgeHours: 0 },
      },
      deps,
    );
    await expect(auditing).rejects.toThrow(ConfigError);
  });

  it('puts what the cleanup did in the report, after analysing the whole account', async () => {
    const w = ec2World(new Map([[orphan.NetworkInterfaceId, orphan]]));
    try {
      const { report } = await runAudit(
        {
          source: { kind: 'aws', region: 'eu-west-1' },
          settings: DEFAULT_ANALYSIS_SETTINGS,
          runId: 'run-1',
          now: NOW,
          cleanup: { mode: 'apply', minOrphanAgeHours: 0 },
        },
        deps,
      );
      expect(report.cleanup?.actions.map((a) => [a.networkInterfaceId, a.outcome])).toEqual([
        ['eni-0a01', 'deleted'],
      ]);
      expect(report.findings.some((f) => f.key === 'eni-orphaned:eni-0a01')).toBe(true);
    } finally {
      w.mock.restore();
    }
  });

  it('stops at the collection deadline: past it nothing is re-described or deleted, and the report says why', async () => {
    const w = ec2World(new Map([[orphan.NetworkInterfaceId, orphan]]));
    try {
      const { report } = await runAudit(
        {
          source: { kind: 'aws', region: 'eu-west-1', deadline: new Date(Date.now() - 1_000) },
          settings: DEFAULT_ANALYSIS_SETTINGS,
          runId: 'run-1',
          now: NOW,
          cleanup: { mode: 'apply', minOrphanAgeHours: 0 },
        },
        deps,
      );
      expect(w.mock.calls()).toHaveLength(0);
      expect(report.cleanup?.actions).toEqual([
        expect.objectContaining({
          networkInterfaceId: 'eni-0a01',
          outcome: 'failed',
          errorCode: 'TimeBudgetExceeded',
          reason: expect.stringContaining('the time budget ended'),
        }),
      ]);
    } finally {
      w.mock.restore();
    }
  });

  it('cleans up with the client the caller gives (the Lambda handler: its traced one)', async () => {
    const w = ec2World(new Map([[orphan.NetworkInterfaceId, orphan]]));
    const given = new EC2Client({ region: 'eu-west-1' });
    const asked: string[] = [];
    try {
      const { report } = await runAudit(
        {
          source: { kind: 'aws', region: 'eu-west-1' },
          settings: DEFAULT_ANALYSIS_SETTINGS,
          runId: 'run-1',
          now: NOW,
          cleanup: { mode: 'dry-run', minOrphanAgeHours: 0 },
        },
        {
          ...deps,
          cleanupClient: (source) => {
            asked.push(source.region);
            return given;
          },
        },
      );
      expect(asked).toEqual(['eu-west-1']);
      expect(report.cleanup?.actions.map((a) => a.outcome)).toEqual(['would-delete']);
    } finally {
      w.mock.restore();
    }
  });
});
