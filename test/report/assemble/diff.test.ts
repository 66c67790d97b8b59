import { describe, expect, it } from 'vitest';
import type { Report } from '../../../lib/model/report.js';
import { applyBaseline, firstSeenFrom } from '../../../lib/report/assemble/diff.js';
import { renderMarkdown } from '../../../lib/report/render/markdown/markdown.js';
import { makeFinding, makeReport, makeRuleSummary } from '../report-factory.js';

const EARLIER = '2024-04-20T03:00:05.000Z';
const YESTERDAY = '2024-04-30T03:00:05.000Z';

function previousReport(parts: Parameters<typeof makeReport>[0], generatedAt = YESTERDAY): Report {
  return { ...makeReport(parts), runId: '20240430T030000Z-aaaaaaaa', generatedAt };
}

const roleMissing = makeFinding({
  ruleId: 'function-role-exists',
  resourceId: 'payments-worker',
  severity: 'critical',
});
const multiAz = makeFinding({ resourceId: 'orders-api' });
const reports = makeFinding({ resourceId: 'reports-nightly' });

describe('applyBaseline', () => {
  it('marks a finding absent last run new, one still there open with its first-seen time, and lists the resolved', () => {
    const previous = previousReport({
      findings: [{ ...multiAz, firstSeen: EARLIER, change: 'open' }, reports],
    });
    const current = makeReport({ findings: [roleMissing, multiAz] });

    const diffed = applyBaseline(current, { kind: 'report', report: previous });

    expect(diffed.findings.map((f) => [f.key, f.change, f.firstSeen])).toEqual([
      ['function-role-exists:payments-worker', 'new', current.generatedAt],
      ['function-multi-az:orders-api', 'open', EARLIER],
    ]);
    expect(diffed.changes).toMatchObject({
      status: 'compared',
      previous: { runId: previous.runId, generatedAt: YESTERDAY },
      new: 1,
      open: 1,
      unconfirmed: [],
    });
    // reports-nightly failed yesterday (no firstSeen recorded): it has been failing since that report.
    expect(diffed.changes?.status === 'compared' && diffed.changes.resolved).toEqual([
      expect.objectContaining({ key: 'function-multi-az:reports-nightly', firstSeen: YESTERDAY }),
    ]);
  });

  it('calls every failed finding new on the first run', () => {
    const diffed = applyBaseline(makeReport({ findings: [roleMissing, multiAz] }), { kind: 'none' });
    expect(diffed.findings.every((f) => f.change === 'new')).toBe(true);
    expect(diffed.changes).toMatchObject({
      status: 'compared',
      previous: null,
      new: 2,
      open: 0,
      resolved: [],
    });
  });

  it('does not call a finding resolved when its check could not be made this time (unknown keeps the first-seen)', () => {
    const previous = previousReport({ findings: [{ ...multiAz, firstSeen: EARLIER }] });
    const nowUnknown = makeFinding({
      resourceId: 'orders-api',
      status: 'unknown',
      message: 'Cannot check: needs subnets.',
    });
    const diffed = applyBaseline(makeReport({ findings: [nowUnknown] }), {
      kind: 'report',
      report: previous,
    });

    expect(diffed.findings[0]).toMatchObject({ status: 'unknown', change: 'open', firstSeen: EARLIER });
    expect(diffed.changes).toMatchObject({ new: 0, open: 0, resolved: [], unconfirmed: [] });
  });

  it('keeps the first-seen time through a run that could only say unknown', () => {
    const unknownRun = previousReport({
      findings: [makeFinding({ resourceId: 'orders-api', status: 'unknown', firstSeen: EARLIER })],
    });
    const diffed = applyBaseline(makeReport({ findings: [multiAz] }), { kind: 'report', report: unknownRun });
    expect(diffed.findings[0]).toMatchObject({ change: 'open', firstSeen: EARLIER });
  });

  it('calls a failure new when the previous run had it only as unknown, never confirmed', () => {
    const previous = previousReport({
      findings: [makeFinding({ resourceId: 'orders-api', status: 'unknown' })],
    });
    const diffed = applyBaseline(makeReport({ findings: [multiAz] }), { kind: 'report', report: previous });
    expect(diffed.findings[0]).toMatchObject({ change: 'new' });
  });

  it('lists absent findings as unconfirmed, not resolved, when the run was incomplete', () => {
    const previous = previousReport({ findings: [multiAz] });
    const current = makeReport({ findings: [], incomplete: { reason: 'The time budget ran out.' } });
    const diffed = applyBaseline(current, { kind: 'report', report: previous });
    expect(diffed.changes).toMatchObject({
      resolved: [],
      unconfirmed: [expect.objectContaining({ key: multiAz.key })],
    });
  });

  it('lists them as unconfirmed when the rule could not even tell which resources to check', () => {
    const previous = previousReport({ findings: [multiAz] });
    const accountWide = makeFinding({
      resourceType: 'account',
      resourceId: '123456789012',
      status: 'unknown',
      message: 'Cannot check: needs functions (lambda:ListFunctions: AccessDeniedException).',
    });
    const diffed = applyBaseline(makeReport({ findings: [accountWide] }), {
      kind: 'report',
      report: previous,
    });
    expect(diffed.changes).toMatchObject({
      resolved: [],
      unconfirmed: [expect.objectContaining({ key: multiAz.key })],
    });
  });

  it('lists them as unconfirmed when the rule threw this time', () => {
    const previous = previousReport({ findings: [multiAz] });
    const current = makeReport({
      findings: [],
      rules: [
        makeRuleSummary({
          id: 'function-multi-az',
          title: 'x',
          severity: 'medium',
          resourceType: 'function',
          pass: 0,
          fail: 0,
          unknown: 0,
          error: 'Rule function-multi-az failed: boom',
        }),
      ],
    });
    const diffed = applyBaseline(current, { kind: 'report', report: previous });
    expect(diffed.changes).toMatchObject({
      resolved: [],
      unconfirmed: [expect.objectContaining({ key: multiAz.key })],
    });
  });

  it('says why it did not compare when the previous report could not be read', () => {
    const diffed = applyBaseline(makeReport({ findings: [multiAz] }), {
      kind: 'unavailable',
      reason: 'Cannot read s3://b/latest.json: AccessDenied: Access Denied',
    });
    expect(diffed.changes).toEqual({
      status: 'unavailable',
      reason: 'Cannot read s3://b/latest.json: AccessDenied: Access Denied',
    });
    expect(diffed.findings[0]?.change).toBeUndefined();
  });

  it('does not compare a run limited to some functions: the others would look resolved', () => {
    const previous = previousReport({ findings: [multiAz, reports] });
    const limited = { ...makeReport({ findings: [multiAz] }), functionFilter: ['orders-*'] };
    const diffed = applyBaseline(limited, { kind: 'report', report: previous });
    expect(diffed.changes).toMatchObject({ status: 'unavailable' });
  });
});

describe('firstSeenFrom', () => {
  it('maps each previously failing finding to the time it was first reported failing', () => {
    const previous = previousReport({
      findings: [
        { ...multiAz, firstSeen: EARLIER },
        reports,
        makeFinding({ resourceId: 'never-confirmed', status: 'unknown' }),
      ],
    });
    expect(Object.fromEntries(firstSeenFrom({ kind: 'report', report: previous }))).toEqual({
      'function-multi-az:orders-api': EARLIER,
      'function-multi-az:reports-nightly': YESTERDAY,
    });
    expect(firstSeenFrom({ kind: 'none' }).size).toBe(0);
    expect(firstSeenFrom(undefined).size).toBe(0);
  });
});

describe('the Changes section in Markdown', () => {
  it('says what changed and lists the resolved', () => {
    const previous = previousReport({ findings: [multiAz, reports] });
    const md = renderMarkdown(
      applyBaseline(makeReport({ findings: [roleMissing, multiAz] }), { kind: 'report', report: previous }),
    );
    expect(md).toContain(
      '## Changes\n\nCompared with run 20240430T030000Z-aaaaaaaa of 2024-04-30T03:00:05.000Z. 1 new failed check, 1 still open, 1 resolved.',
    );
    expect(md).toContain('| medium | function-multi-az | reports-nightly | 2024-04-30T03:00:05.000Z |');
  });
});
