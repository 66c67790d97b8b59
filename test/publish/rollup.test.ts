import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import type { TargetOutcome } from '../../lib/model/rollup.js';
import { decideRollupAlert } from '../../lib/publish/rollup-alert-policy.js';
import { fanOutRunKeys, mapResultsPrefix, rollupKeys } from '../../lib/publish/rollup-keys.js';
import { buildRollup, targetOutcomeOf } from '../../lib/report/assemble/rollup.js';
import { renderRollupSnsAlert } from '../../lib/report/render/alert/rollup.js';
import { SNS_MAX_MESSAGE_BYTES } from '../../lib/report/render/alert/sns-message.js';
import { makeFinding, makeReport } from '../report/report-factory.js';

const RUN = '20261124T030000Z-0a1b2c3d';
const NOW = new Date('2026-11-24T04:00:00.000Z');
const policy = { threshold: 'medium', mode: 'changes' } as const;

function audited(accountId: string, region: string, alertReasons?: string[]): TargetOutcome {
  return targetOutcomeOf(
    {
      ...makeReport({ findings: [makeFinding({ message: 'x'.repeat(400) })] }),
      accountId,
      region,
      runId: RUN,
    },
    { accountId },
    alertReasons ? { alertReasons } : {},
  );
}

describe('roll-up keys', () => {
  it('puts the roll-up beside the per-target reports, dated by the run id', () => {
    expect(rollupKeys({ prefix: 'audits' }, RUN, NOW.toISOString())).toEqual({
      json: `audits/rollup/2026/11/24/${RUN}.json`,
      md: `audits/rollup/2026/11/24/${RUN}.md`,
      latest: 'audits/rollup/latest.json',
    });
    expect(rollupKeys({ prefix: '' }, RUN, NOW.toISOString()).latest).toBe('rollup/latest.json');
    expect(fanOutRunKeys({ prefix: 'audits' }, RUN).targets).toBe(`audits/rollup/runs/${RUN}/targets.json`);
    expect(mapResultsPrefix({ prefix: 'audits' })).toBe('audits/rollup/map-results');
  });
});

describe('decideRollupAlert', () => {
  it('alerts once for targets with something new, and for targets that could not be audited', () => {
    const outcomes: TargetOutcome[] = [
      audited('222222222222', 'eu-west-1', ['1 new failed check at or above medium']),
      audited('222222222222', 'us-east-1'),
      { accountId: '444444444444', status: 'not-assumable', error: { code: 'AccessDenied', message: 'no' } },
    ];
    const rollup = buildRollup({ runId: RUN, generatedAt: NOW, outcomes });
    expect(decideRollupAlert(rollup, outcomes, policy, false)).toEqual({
      send: true,
      reasons: [
        '1 target with new, resolved or unverified checks at or above medium',
        '1 target could not be audited',
      ],
    });
  });

  it('stays quiet when nothing changed anywhere, unless the mode is always', () => {
    const outcomes = [audited('222222222222', 'eu-west-1')];
    const rollup = buildRollup({ runId: RUN, generatedAt: NOW, outcomes });
    expect(decideRollupAlert(rollup, outcomes, policy, false)).toEqual({
      send: false,
      reason: 'nothing changed at or above medium in any target',
    });
    expect(decideRollupAlert(rollup, outcomes, { ...policy, mode: 'always' }, false).send).toBe(true);
    expect(decideRollupAlert(rollup, outcomes, policy, true)).toEqual({
      send: true,
      reasons: ['the roll-up could not be stored in S3'],
    });
  });
});

describe('renderRollupSnsAlert', () => {
  it('fits an organization (hundreds of accounts in 17 regions) in one SNS message', () => {
    const outcomes = Array.from({ length: 3400 }, (_, i) =>
      audited(String(100000000000 + Math.floor(i / 17)), `region-${i % 17}`, ['new']),
    );
    const rollup = buildRollup({ runId: RUN, generatedAt: NOW, outcomes });
    const link = {
      kind: 'stored',
      consoleUrl: 'https://console.aws.amazon.com/s3/x',
      uri: 's3://b/k.md',
    } as const;
    const alert = renderRollupSnsAlert(rollup, link, ['3400 targets with something new']);
    expect(alert.bytes).toBeLessThanOrEqual(SNS_MAX_MESSAGE_BYTES);
    expect(Buffer.byteLength(alert.message) + Buffer.byteLength(alert.subject)).toBe(alert.bytes);
    expect(alert.subject).toBe('Lambda VPC audit roll-up: 3400 failed checks in 3400 of 3400 targets');
    const message = JSON.parse(alert.message) as { default: string; https: string };
    expect(message.default).toContain('Full roll-up: https://console.aws.amazon.com/s3/x');
    expect(message.default).toContain('… and 3300 more; the JSON and Markdown roll-ups list every target.');
    expect(JSON.parse(message.https)).toMatchObject({
      version: '1.0',
      source: 'custom',
      content: { textType: 'client-markdown' },
    });
  });

  it('cuts the text, and says so, when even that would not fit', () => {
    const outcomes = [audited('222222222222', 'eu-west-1')];
    const rollup = buildRollup({ runId: RUN, generatedAt: NOW, outcomes });
    const alert = renderRollupSnsAlert(rollup, { kind: 'not-stored', reason: 'AccessDenied' }, ['r'], 3000);
    expect(alert.bytes).toBeLessThanOrEqual(3000);
    expect(JSON.parse(alert.message).default).toContain('cut to fit an SNS message');
  });
});
