import { describe, expect, it } from 'vitest';
import { buildDemoAccount } from '../../examples/demo-account.js';
import { subnetEniRunsOut } from '../../lib/analyze/rules/subnet-eni-runs-out.js';
import { defaultAuditDeps, runAudit } from '../../lib/audit.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../lib/model/settings.js';
import { applyBaseline } from '../../lib/report/assemble/diff.js';
import { renderSnsAlert } from '../../lib/report/render/alert/sns-message.js';
import { runRule } from '../analyze/run-rule.js';

const demo = buildDemoAccount();

describe('the demo account holds the planning cases (examples/demo/planning.ts)', () => {
  it("runs usage-metering's two /27s out in 36 days, and no other subnet within 90", () => {
    // Peak 32 today, +1/day: ceil(ceil(1.2 × (32 + t)) × 1024 / 1536) ENIs over 2 subnets passes 27 each at t = 36.
    const failing = runRule(subnetEniRunsOut, demo).filter((r) => r.status !== 'pass');
    expect(failing.map((r) => [r.resourceId, r.status, r.severity, r.evidence.runsOutInDays])).toEqual([
      ['subnet-0d2e4f6a8c1b30a05', 'fail', 'medium', 36],
      ['subnet-0d2e4f6a8c1b30b05', 'fail', 'medium', 36],
    ]);
    expect(failing[0]?.message).toContain('runs out in 36 days (2026-12-30) at the current trend');
    expect(failing[0]?.message).toContain('usage-metering +1/day over 13 days (2026-11-11 to 2026-11-23)');
  });
});

describe('the alert of a run that first sees the run-out', () => {
  it('says "runs out in 36 days" for usage-metering\'s subnets, with the trend', async () => {
    const { report } = await runAudit(
      {
        source: { kind: 'file', path: 'examples/demo-account.json' },
        settings: DEFAULT_ANALYSIS_SETTINGS,
        runId: 'demo-run',
        now: new Date(demo.meta.capturedAt),
      },
      defaultAuditDeps,
    );
    const baselined = applyBaseline(report, { kind: 'none' });
    const alert = renderSnsAlert(baselined, { kind: 'not-stored', reason: 'no bucket in this test' });
    const email = (JSON.parse(alert.message) as { email: string }).email;
    expect(email).toContain(
      'subnet-0d2e4f6a8c1b30a05 (eu-west-1a, 10.10.72.0/27): runs out in 36 days (2026-12-30)',
    );
  });
});
