import { describe, expect, it } from 'vitest';
import type { Report } from '../../../lib/model/report.js';
import type { TargetOutcome } from '../../../lib/model/rollup.js';
import { buildRollup, targetOutcomeOf, WORST_FINDINGS } from '../../../lib/report/assemble/rollup.js';
import { renderRollupMarkdown } from '../../../lib/report/render/markdown/rollup.js';
import { renderRollup, renderRollupJson } from '../../../lib/report/render/rollup.js';
import { renderRollupText } from '../../../lib/report/render/text/rollup.js';
import { makeCoverageGap, makeFinding, makeReport, threeFindings } from '../report-factory.js';

const NOW = new Date('2026-11-24T03:20:00.000Z');
const RUN = '20261124T030000Z-0a1b2c3d';

function at(report: Report, accountId: string, region: string): Report {
  return { ...report, accountId, region, runId: RUN };
}

const critical = targetOutcomeOf(at(makeReport({ findings: threeFindings() }), '222222222222', 'eu-west-1'), {
  accountId: '222222222222',
  accountName: 'prod',
});
const clean = targetOutcomeOf(at(makeReport(), '222222222222', 'us-east-1'), { accountId: '222222222222' });
const gaps = targetOutcomeOf(
  at(
    makeReport({ findings: [makeFinding({ status: 'unknown' })], coverage: [makeCoverageGap()] }),
    '333333333333',
    'eu-west-1',
  ),
  { accountId: '333333333333' },
);
const incomplete = targetOutcomeOf(
  at(
    makeReport({ incomplete: { reason: 'The time budget ran out before collection finished.' } }),
    '333333333333',
    'us-east-1',
  ),
  { accountId: '333333333333' },
);
const notAssumable: TargetOutcome = {
  accountId: '444444444444',
  accountName: 'sandbox',
  status: 'not-assumable',
  error: { code: 'AccessDenied', message: 'Cannot assume arn:aws:iam::444444444444:role/LambdaVpcAudit' },
};
const failedRegion: TargetOutcome = {
  accountId: '222222222222',
  region: 'ap-east-1',
  status: 'failed',
  error: { code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' },
};

const rollup = buildRollup({
  runId: RUN,
  generatedAt: NOW,
  outcomes: [clean, critical, gaps, incomplete, notAssumable, failedRegion],
});

describe('buildRollup', () => {
  it('counts targets, accounts, statuses and failed checks by severity across targets', () => {
    expect(rollup.totals).toEqual({
      targets: 6,
      accounts: 3,
      audited: 4,
      failed: 1,
      notAssumable: 1,
      incomplete: 1,
      withCoverageGaps: 1,
      bySeverity: { critical: 1, high: 0, medium: 1, low: 1, info: 0 },
      failedChecks: 3,
      unknownChecks: 1,
    });
  });

  it('lists the targets needing attention first: unaudited, incomplete, by worst severity, unknowns, clean', () => {
    expect(rollup.targets.map((t) => `${t.accountId} ${t.region ?? '-'} ${t.status}`)).toEqual([
      '222222222222 ap-east-1 failed',
      '444444444444 - not-assumable',
      '333333333333 us-east-1 audited',
      '222222222222 eu-west-1 audited',
      '333333333333 eu-west-1 audited',
      '222222222222 us-east-1 audited',
    ]);
  });

  it('lists the worst failed checks across targets, worst first, and says how many more there are', () => {
    expect(rollup.worstFindings.map((f) => [f.severity, f.accountId, f.ruleId])).toEqual([
      ['critical', '222222222222', 'function-role-exists'],
      ['medium', '222222222222', 'function-multi-az'],
      ['low', '222222222222', 'function-dedicated-tenancy'],
    ]);
    expect(rollup.moreFailedChecks).toBe(0);
    const many = Array.from({ length: 30 }, (_, i) =>
      targetOutcomeOf(
        at(
          makeReport({
            findings: [makeFinding({ severity: i === 29 ? 'critical' : 'low', resourceId: `fn-${i}` })],
          }),
          `1000000000${String(i).padStart(2, '0')}`,
          'eu-west-1',
        ),
        { accountId: `1000000000${String(i).padStart(2, '0')}` },
      ),
    );
    const big = buildRollup({ runId: RUN, generatedAt: NOW, outcomes: many });
    expect(big.worstFindings).toHaveLength(WORST_FINDINGS);
    expect(big.worstFindings[0]).toMatchObject({ severity: 'critical', resourceId: 'fn-29' });
    expect(big.moreFailedChecks).toBe(10);
  });

  it('never reads an empty roll-up or one with unaudited targets as a pass', () => {
    expect(
      renderRollupText(buildRollup({ runId: RUN, generatedAt: NOW, outcomes: [] }), { color: false }),
    ).toContain('No target was audited: this is not a clean pass.');
    const onlyUnaudited = buildRollup({ runId: RUN, generatedAt: NOW, outcomes: [clean, notAssumable] });
    expect(renderRollupText(onlyUnaudited, { color: false })).toContain(
      'Result: No check failed, but 1 target not assumable: this is not a clean pass.',
    );
  });
});

describe('roll-up renderers', () => {
  it('text: the summary, each target line, the worst findings and what to do', () => {
    const text = renderRollupText(rollup, { color: false, width: 160 });
    expect(text).toContain('Targets        6 (4 audited, 1 failed, 1 not assumable)');
    expect(text).toContain('Incomplete     1 target');
    expect(text.replace(/\s+/g, ' ')).toContain(
      'Result: 3 checks failed (1 critical, 1 medium, 1 low) in 1 of 6 targets; 1 target could not be audited, 1 target not assumable, 1 report incomplete, 1 check unknown.',
    );
    expect(text).toMatch(/444444444444 \(sandbox\)\s+all regions\s+NOT ASSUMABLE/);
    expect(text).toContain('INCOMPLETE: The time budget ran out');
    expect(text).toContain('CRITICAL 222222222222 eu-west-1 function-role-exists');
    expect(text).toContain('Not assumable: deploy the member role');
  });

  it('markdown: warns when targets were not fully audited and escapes what comes from AWS', () => {
    const hostile = buildRollup({
      runId: RUN,
      generatedAt: NOW,
      outcomes: [{ ...notAssumable, accountName: '[click](https://evil.example)|x' }],
    });
    const md = renderRollupMarkdown(hostile);
    expect(md).toContain('> [!CAUTION]');
    expect(md).toContain('\\[click\\](https\\://evil.example)\\|x');
    expect(md).not.toContain('[click](https://evil.example)');
    expect(renderRollupMarkdown(rollup)).toContain(
      '| 444444444444 (sandbox) | all regions | **NOT ASSUMABLE** |',
    );
  });

  it('json: the model itself, stable, and html is refused with a reason', () => {
    expect(JSON.parse(renderRollupJson(rollup))).toEqual(rollup);
    expect(renderRollupJson(rollup)).toBe(renderRollupJson(JSON.parse(renderRollupJson(rollup))));
    expect(() => renderRollup(rollup, 'html', { color: false })).toThrow(
      /rendered as text, json or md, not html/,
    );
  });
});
