import { describe, expect, it } from 'vitest';
import { analyze } from '../../../lib/analyze/engine.js';
import { RULES } from '../../../lib/analyze/registry.js';
import type { CleanupReport } from '../../../lib/model/cleanup.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../../lib/model/settings.js';
import { buildReport } from '../../../lib/report/assemble/report.js';
import { renderJson } from '../../../lib/report/render/json.js';
import { renderMarkdown } from '../../../lib/report/render/markdown/markdown.js';
import { renderText } from '../../../lib/report/render/text/text.js';
import { emptySnapshot, fn, lambdaEni, withMissing } from '../../fixtures/snapshot-builder.js';

const NOW = new Date('2026-11-24T03:00:00.000Z');

const snapshot = emptySnapshot({
  functions: [fn({ name: 'api', subnets: ['subnet-a'], securityGroups: ['sg-1'] })],
  networkInterfaces: [
    lambdaEni({ id: 'eni-0used', subnet: 'subnet-a', groups: ['sg-1'], creator: 'api' }),
    lambdaEni({ id: 'eni-0gone', subnet: 'subnet-a', groups: ['sg-9'], status: 'available' }),
  ],
});

const cleanup: CleanupReport = {
  mode: 'dry-run',
  minOrphanAgeHours: 24,
  permission: { status: 'allowed', detail: 'EC2 DryRun: ec2:DeleteNetworkInterface is allowed.' },
  summary: { candidates: 1, deleted: 0, wouldDelete: 1, skipped: 1, failed: 0 },
  actions: [
    {
      networkInterfaceId: 'eni-0gone',
      outcome: 'would-delete',
      reason: 'Re-described just before: still a detached Lambda ENI that no function or version uses.',
      subnetId: 'subnet-a',
      securityGroupIds: ['sg-9'],
      creator: null,
      firstSeen: '2026-11-20T03:00:00.000Z',
      orphanedHours: 96,
      at: NOW.toISOString(),
    },
    {
      networkInterfaceId: 'eni-0odd',
      outcome: 'skipped',
      // A description is anything an account user typed: it must stay text.
      reason: 'It is no longer a Lambda ENI (type interface, description "[click](http://x) | <b>").',
      subnetId: 'subnet-a',
      securityGroupIds: ['sg-9'],
      creator: null,
      firstSeen: null,
      orphanedHours: null,
    },
  ],
  notes: ['Dry run: nothing was deleted.'],
};

function report(s = snapshot, withCleanup = true) {
  return buildReport({
    snapshot: s,
    analysis: analyze(s, RULES, DEFAULT_ANALYSIS_SETTINGS, NOW),
    rules: RULES,
    settings: DEFAULT_ANALYSIS_SETTINGS,
    runId: 'run-1',
    generatedAt: NOW,
    ...(withCleanup ? { cleanup } : {}),
  });
}

describe('ENI sections of the report', () => {
  it('lists in the terminal report (--details) the security groups and subnets an orphaned ENI blocks', () => {
    expect(renderText(report(), { color: false, width: 100 })).not.toContain('Lambda ENIs blocking deletion');
    const text = renderText(report(), { color: false, width: 100, details: true });
    expect(text).toContain('Lambda ENIs blocking deletion');
    expect(text).toContain('2 security groups and 1 subnet hold Lambda ENIs');
    expect(text).toMatch(/sg-9 +1 Lambda ENI, orphaned: eni-0gone/);
    expect(text).toMatch(/subnet-a +2 Lambda ENIs, orphaned: eni-0gone; used by api/);
  });

  it('shows every cleanup action and its reason in text and Markdown, AWS strings escaped', () => {
    const text = renderText(report(), { color: false, width: 100 });
    expect(text).toContain(
      'ENI cleanup (dry run, minimum orphan age 24 h): 1 would be deleted, 1 skipped, 0 failed',
    );
    expect(text).toMatch(/eni-0gone +would-delete +Re-described just before/);
    const md = renderMarkdown(report());
    expect(md).toContain('## ENI cleanup (dry run)');
    expect(md).toContain('| eni-0gone | **would-delete** |');
    expect(md).toContain('\\[click\\](http\\://x) \\| &lt;b&gt;');
    expect(md).toContain('## Lambda ENIs blocking deletion');
    expect(md).toContain('| sg-9 | eni-0gone | - | eni-0gone |');
  });

  it('carries both sections in the JSON report, and leaves them out when there is nothing to say', () => {
    const json = JSON.parse(renderJson(report()));
    expect(json.cleanup.summary.wouldDelete).toBe(1);
    expect(json.eniDependencies.networkInterfaces.map((n: { orphaned: boolean }) => n.orphaned)).toEqual([
      true,
      false,
    ]);
    const without = report(withMissing(snapshot, 'functions'), false);
    expect(without.eniDependencies).toBeUndefined();
    expect(without.cleanup).toBeUndefined();
    expect(renderText(without, { color: false })).not.toContain('ENI cleanup');
  });

  it("counts each ENI's users in the report instead of repeating the list for every ENI", () => {
    const json = JSON.parse(renderJson(report()));
    const used = json.eniDependencies.networkInterfaces.find(
      (n: { networkInterfaceId: string }) => n.networkInterfaceId === 'eni-0used',
    );
    expect(used.userCount).toBe(1);
    expect(used.users).toBeUndefined();
  });
});
