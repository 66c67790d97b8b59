import { describe, expect, it } from 'vitest';
import { outcomesFromMap } from '../../lib/fanout/map-outcomes.js';
import type { MapResultEntry, PlannedTarget } from '../../lib/model/map-run.js';
import { targetOutcomeOf } from '../../lib/report/assemble/rollup.js';
import { makeReport } from '../report/report-factory.js';

const planned: PlannedTarget[] = [
  {
    accountId: '222222222222',
    accountName: 'prod',
    region: 'eu-west-1',
    roleArn: 'arn:aws:iam::222222222222:role/R',
  },
  {
    accountId: '222222222222',
    accountName: 'prod',
    region: 'us-east-1',
    roleArn: 'arn:aws:iam::222222222222:role/R',
  },
  { accountId: '333333333333', region: 'eu-west-1', roleArn: 'arn:aws:iam::333333333333:role/R' },
  { accountId: '111111111111', region: 'eu-west-1' },
];
const item = (target: PlannedTarget) => ({ target, runId: '20261124T030000Z-0a1b2c3d' });
const [prod, prodUs, staging, own] = planned as [PlannedTarget, PlannedTarget, PlannedTarget, PlannedTarget];

const audited = targetOutcomeOf(
  { ...makeReport(), accountId: '222222222222', region: 'eu-west-1' },
  { accountId: '222222222222', accountName: 'prod' },
);

describe('outcomesFromMap', () => {
  it('gives every planned target exactly one line, whatever happened to its item', () => {
    const entries: MapResultEntry[] = [
      // The audit function answered with its outcome.
      { status: 'SUCCEEDED', input: item(prod), output: { ok: true, outcome: audited } },
      // The function failed; the item's Catch kept Step Functions' error.
      {
        status: 'SUCCEEDED',
        input: item(prodUs),
        output: {
          ...item(prodUs),
          error: {
            Error: 'Sandbox.Timedout',
            Cause: JSON.stringify({
              errorType: 'Sandbox.Timedout',
              errorMessage: 'Task timed out after 900.00 seconds',
            }),
          },
        },
      },
      // The child execution itself failed (no Catch applied).
      {
        status: 'FAILED',
        input: item(staging),
        error: 'States.Runtime',
        cause: 'An error occurred while executing the state.',
      },
      // `own` produced nothing at all.
    ];
    const outcomes = outcomesFromMap(planned, entries);
    expect(outcomes).toHaveLength(4);
    expect(outcomes[0]).toEqual(audited);
    expect(outcomes.slice(1)).toEqual([
      {
        accountId: '222222222222',
        accountName: 'prod',
        region: 'us-east-1',
        status: 'failed',
        error: { code: 'Sandbox.Timedout', message: 'Task timed out after 900.00 seconds' },
      },
      {
        accountId: '333333333333',
        region: 'eu-west-1',
        status: 'failed',
        error: { code: 'States.Runtime', message: 'An error occurred while executing the state.' },
      },
      {
        accountId: own.accountId,
        region: own.region,
        status: 'failed',
        error: { code: 'NoResult', message: 'The map run produced no result for this target.' },
      },
    ]);
  });

  it('takes a not-assumable answer as it is, and never counts a malformed outcome as a clean target', () => {
    const notAssumable = {
      accountId: '333333333333',
      region: 'eu-west-1',
      status: 'not-assumable',
      error: { code: 'AccessDenied', message: 'Cannot assume' },
    };
    const outcomes = outcomesFromMap(
      [staging, prod],
      [
        {
          status: 'SUCCEEDED',
          input: item(staging),
          output: { ok: false, error: { type: 'not-assumable', message: 'x' }, outcome: notAssumable },
        },
        // Counts as strings: not an outcome this version can trust.
        {
          status: 'SUCCEEDED',
          input: item(prod),
          output: { ok: true, outcome: { ...audited, counts: { failed: 'none' } } },
        },
      ],
    );
    expect(outcomes[0]).toEqual(notAssumable);
    expect(outcomes[1]).toMatchObject({ status: 'failed', error: { code: 'UnreadableResult' } });
  });

  it('reads the Map output inline (no ResultWriter) by the outcome it carries', () => {
    const outcomes = outcomesFromMap(
      [prod],
      [{ status: 'SUCCEEDED', output: { ok: true, outcome: audited } }],
    );
    expect(outcomes).toEqual([audited]);
  });
});
