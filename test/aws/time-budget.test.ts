import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClients } from '../../lib/aws/clients.js';
import { incompleteFromGaps, TIME_BUDGET_EXCEEDED, withTimeBudget } from '../../lib/aws/time-budget.js';
import { collectSnapshot } from '../../lib/collect/collect.js';
import { collectSubnets } from '../../lib/collect/ec2.js';
import { testContext } from '../collect/helpers.js';
import { type FakeAws, startFakeAws } from '../fixtures/fake-aws.js';

let fake: FakeAws | undefined;
let savedEndpoint: string | undefined;

beforeEach(() => {
  savedEndpoint = process.env.AWS_ENDPOINT_URL;
});

afterEach(async () => {
  await fake?.close();
  fake = undefined;
  if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL;
  else process.env.AWS_ENDPOINT_URL = savedEndpoint;
});

async function clientsAgainst(options: Parameters<typeof startFakeAws>[0] = {}) {
  fake = await startFakeAws(options);
  process.env.AWS_ENDPOINT_URL = fake.url;
  return createClients({ region: 'eu-west-1', overrides: { maxAttempts: 1 } });
}

describe('collection with a deadline', () => {
  it('cuts a call still running at the deadline: its part is null with a TimeBudgetExceeded gap, the rest is kept', async () => {
    const clients = await clientsAgainst({ delays: { DescribeRouteTables: 10_000 } });
    const started = Date.now();

    const snapshot = await collectSnapshot(clients, {
      region: 'eu-west-1',
      now: new Date(),
      deadline: new Date(Date.now() + 1_500),
    });

    expect(Date.now() - started).toBeLessThan(5_000);
    expect(snapshot.routeTables).toBeNull();
    expect(snapshot.coverage).toContainEqual(
      expect.objectContaining({
        part: 'routeTables',
        api: 'ec2:DescribeRouteTables',
        errorCode: TIME_BUDGET_EXCEEDED,
      }),
    );
    expect(snapshot.meta.incomplete?.reason).toMatch(/time budget ran out.*routeTables/);
    // What answered in time is there.
    expect(snapshot.functions?.map((f) => f.FunctionName)).toEqual(['orders-api', 'plain-cron']);
    expect(snapshot.subnets?.map((s) => s.SubnetId)).toEqual(['subnet-0a']);
  });

  it('starts no call after the deadline', async () => {
    const clients = await clientsAgainst();
    const budgeted = withTimeBudget(clients, new Date(Date.now() - 1));
    const context = testContext();

    expect(await collectSubnets(budgeted.ec2, context)).toBeNull();
    expect(context.recorder.gaps()).toEqual([
      expect.objectContaining({
        part: 'subnets',
        errorCode: TIME_BUDGET_EXCEEDED,
        message: expect.stringMatching(/^Not started/),
      }),
    ]);
    expect(fake?.requests.filter((r) => r.service === 'ec2')).toEqual([]);
  });

  it('leaves a snapshot collected in time unmarked', async () => {
    const clients = await clientsAgainst();
    const snapshot = await collectSnapshot(clients, {
      region: 'eu-west-1',
      now: new Date(),
      deadline: new Date(Date.now() + 60_000),
    });
    expect(snapshot.meta.incomplete).toBeUndefined();
    expect(snapshot.coverage.filter((gap) => gap.errorCode === TIME_BUDGET_EXCEEDED)).toEqual([]);
  });
});

describe('incompleteFromGaps', () => {
  it('names each part the budget cut, once', () => {
    const gap = (part: 'subnets' | 'functionDetails', resource?: string) => ({
      part,
      api: 'x:Y',
      errorCode: TIME_BUDGET_EXCEEDED,
      message: 'Cut short',
      ...(resource ? { resource } : {}),
    });
    expect(
      incompleteFromGaps([gap('subnets'), gap('functionDetails', 'a'), gap('functionDetails', 'b')]),
    ).toEqual({
      incomplete: {
        reason:
          'The time budget ran out before collection finished; not (fully) collected: subnets, functionDetails.',
      },
    });
    expect(incompleteFromGaps([{ ...gap('subnets'), errorCode: 'AccessDenied' }])).toEqual({});
  });
});
