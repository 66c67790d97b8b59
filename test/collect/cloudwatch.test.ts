import {
  CloudWatchClient,
  CloudWatchServiceException,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT_SERIES_RESOURCE,
  collectConcurrencyMetrics,
  MAX_QUERIES_PER_CALL,
  metricsWindow,
} from '../../lib/collect/cloudwatch.js';
import { ConcurrencyMetricsSchema } from '../../lib/model/snapshot.js';
import { testContext } from './helpers.js';

const cloudwatchMock = mockClient(CloudWatchClient);
const cloudwatch = new CloudWatchClient({ region: 'eu-west-1' });
const NOW = new Date('2026-11-24T03:00:00.000Z');
const WINDOW = metricsWindow(NOW, 14);

const names = (count: number) => Array.from({ length: count }, (_, i) => `fn-${String(i).padStart(4, '0')}`);

const day = (date: string) => new Date(`${date}T00:00:00.000Z`);

/** A result as GetMetricData returns it; no datapoints is empty arrays, not missing fields. */
function result(id: string, points: [string, number][] = [], status = 'Complete'): MetricDataResult {
  return {
    Id: id,
    Label: 'ConcurrentExecutions',
    Timestamps: points.map(([date]) => day(date)),
    Values: points.map(([, value]) => value),
    StatusCode: status as MetricDataResult['StatusCode'],
    Messages: [],
  };
}

/** Answers every query of a call: empty series unless `points` has some for the query's function. */
function answerAll(points: Record<string, [string, number][]> = {}) {
  return (input: GetMetricDataCommandInput) => ({
    MetricDataResults: (input.MetricDataQueries ?? []).map((query) => {
      const name = query.MetricStat?.Metric?.Dimensions?.[0]?.Value ?? 'account';
      return result(query.Id ?? '', points[name] ?? []);
    }),
    Messages: [],
  });
}

const cloudwatchError = (name: string, status: number, message: string) =>
  new CloudWatchServiceException({
    name,
    message,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-1', attempts: 1, totalRetryDelay: 0 },
  });

beforeEach(() => {
  cloudwatchMock.reset();
});

describe('metricsWindow', () => {
  it('covers the last 14 UTC days, today included up to the capture time', () => {
    expect(WINDOW.startTime.toISOString()).toBe('2026-11-11T00:00:00.000Z');
    expect(WINDOW.endTime).toBe(NOW);
    expect(metricsWindow(NOW, 1).startTime.toISOString()).toBe('2026-11-24T00:00:00.000Z');
  });
});

describe('collectConcurrencyMetrics', () => {
  it('asks for 1,200 functions and the account in 3 calls of at most 500 queries, never one per function', async () => {
    cloudwatchMock.on(GetMetricDataCommand).callsFake(answerAll());
    const context = testContext();

    const metrics = await collectConcurrencyMetrics(cloudwatch, names(1200), context, WINDOW);

    const calls = cloudwatchMock.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input);
    expect(calls.map((input) => input.MetricDataQueries?.length)).toEqual([500, 500, 201]);
    expect(MAX_QUERIES_PER_CALL).toBe(500);
    const queries = calls.flatMap((input) => input.MetricDataQueries ?? []);
    expect(queries[0]?.MetricStat?.Metric?.Dimensions).toEqual([]);
    expect(queries[1]).toEqual({
      Id: 'f0',
      MetricStat: {
        Metric: {
          Namespace: 'AWS/Lambda',
          MetricName: 'ConcurrentExecutions',
          Dimensions: [{ Name: 'FunctionName', Value: 'fn-0000' }],
        },
        Period: 86400,
        Stat: 'Maximum',
      },
      ReturnData: true,
    });
    for (const input of calls) {
      const ids = (input.MetricDataQueries ?? []).map((q) => q.Id ?? '');
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
      expect(input.StartTime).toEqual(new Date('2026-11-11T00:00:00.000Z'));
      expect(input.EndTime).toEqual(NOW);
    }
    expect(Object.keys(metrics?.functions ?? {})).toHaveLength(1200);
    expect(context.recorder.gaps()).toEqual([]);
    expect(context.progress.at(-1)).toEqual({ api: 'cloudwatch:GetMetricData', pages: 3, items: 1201 });
  });

  it('follows NextToken and merges the pages of each query into daily peaks', async () => {
    const pages = [
      {
        MetricDataResults: [
          result('account', [['2026-11-22', 40]], 'PartialData'),
          result('f0', [['2026-11-22', 12]], 'PartialData'),
          result('f1', [], 'PartialData'),
        ],
        NextToken: 'page-2',
      },
      {
        MetricDataResults: [
          result('account', [['2026-11-23', 55]]),
          result('f0', [
            ['2026-11-23', 30],
            ['2026-11-24', 7],
          ]),
          result('f1', []),
        ],
      },
    ];
    // The paginator reuses one input object, so the token each call carried is noted as it is sent.
    const tokens: (string | undefined)[] = [];
    cloudwatchMock.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
      tokens.push(input.NextToken);
      return pages[tokens.length - 1];
    });
    const context = testContext();

    const metrics = await collectConcurrencyMetrics(cloudwatch, ['api', 'idle'], context, WINDOW);

    expect(tokens).toEqual([undefined, 'page-2']);
    expect(metrics).toEqual({
      lookbackDays: 14,
      periodSeconds: 86400,
      startTime: '2026-11-11T00:00:00.000Z',
      endTime: '2026-11-24T03:00:00.000Z',
      account: {
        peak: 55,
        daily: [
          { date: '2026-11-22', max: 40 },
          { date: '2026-11-23', max: 55 },
        ],
      },
      functions: {
        api: {
          peak: 30,
          daily: [
            { date: '2026-11-22', max: 12 },
            { date: '2026-11-23', max: 30 },
            { date: '2026-11-24', max: 7 },
          ],
        },
        // No datapoints at all: no traffic seen, which is not a failed query.
        idle: { peak: null, daily: [] },
      },
    });
    expect(ConcurrencyMetricsSchema.parse(metrics)).toEqual(metrics);
    expect(context.recorder.gaps()).toEqual([]);
  });

  it('makes the part null with one gap when GetMetricData is denied', async () => {
    cloudwatchMock
      .on(GetMetricDataCommand)
      .rejects(
        cloudwatchError(
          'AccessDenied',
          403,
          'User: arn:aws:sts::123456789012:assumed-role/auditor/session is not authorized to perform: cloudwatch:GetMetricData',
        ),
      );
    const context = testContext();

    const metrics = await collectConcurrencyMetrics(cloudwatch, names(700), context, WINDOW);

    expect(metrics).toBeNull();
    expect(context.recorder.gaps()).toEqual([
      {
        part: 'metrics',
        api: 'cloudwatch:GetMetricData',
        errorCode: 'AccessDenied',
        message: expect.stringContaining('not authorized to perform: cloudwatch:GetMetricData'),
      },
    ]);
  });

  it('keeps the calls that worked and names each function of a call that failed', async () => {
    cloudwatchMock
      .on(GetMetricDataCommand)
      .callsFakeOnce(answerAll({ 'fn-0000': [['2026-11-20', 3]] }))
      .rejectsOnce(cloudwatchError('ThrottlingException', 400, 'Rate exceeded'));
    const context = testContext();

    const metrics = await collectConcurrencyMetrics(cloudwatch, names(600), context, WINDOW);

    expect(metrics?.account).toEqual({ peak: null, daily: [] });
    expect(metrics?.functions['fn-0000']?.peak).toBe(3);
    // The first call held the account series and 499 functions; the second, the other 101.
    expect(Object.keys(metrics?.functions ?? {})).toHaveLength(499);
    expect(metrics?.functions['fn-0499']).toBeUndefined();
    const gaps = context.recorder.gaps();
    expect(gaps).toHaveLength(101);
    expect(gaps[0]).toEqual({
      part: 'metrics',
      api: 'cloudwatch:GetMetricData',
      errorCode: 'ThrottlingException',
      message: 'Rate exceeded',
      resource: 'fn-0499',
    });
  });

  it('turns a query CloudWatch answered Forbidden or InternalError into a gap naming the series', async () => {
    cloudwatchMock.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        {
          ...result('account', [], 'InternalError'),
          Messages: [{ Code: 'InternalError', Value: 'Try again' }],
        },
        result('f0', [['2026-11-23', 9]]),
        result('f1', [['2026-11-23', 4]], 'Forbidden'),
      ],
    });
    const context = testContext();

    const metrics = await collectConcurrencyMetrics(cloudwatch, ['api', 'secret'], context, WINDOW);

    expect(metrics?.account).toBeNull();
    expect(Object.keys(metrics?.functions ?? {})).toEqual(['api']);
    expect(context.recorder.gaps()).toEqual([
      {
        part: 'metrics',
        api: 'cloudwatch:GetMetricData',
        errorCode: 'InternalError',
        message: 'Try again',
        resource: ACCOUNT_SERIES_RESOURCE,
      },
      {
        part: 'metrics',
        api: 'cloudwatch:GetMetricData',
        errorCode: 'Forbidden',
        message: 'CloudWatch answered Forbidden.',
        resource: 'secret',
      },
    ]);
  });

  it('records a query the answer left out, rather than reading it as no traffic', async () => {
    cloudwatchMock.on(GetMetricDataCommand).resolves({ MetricDataResults: [result('account')] });
    const context = testContext();

    const metrics = await collectConcurrencyMetrics(cloudwatch, ['api'], context, WINDOW);

    expect(metrics?.functions).toEqual({});
    expect(context.recorder.gaps()).toMatchObject([{ errorCode: 'IncompleteResponse', resource: 'api' }]);
  });

  it('reads only the account series when there is no VPC function', async () => {
    cloudwatchMock.on(GetMetricDataCommand).callsFake(answerAll({ account: [['2026-11-23', 2]] }));

    const metrics = await collectConcurrencyMetrics(cloudwatch, [], testContext(), WINDOW);

    expect(cloudwatchMock.commandCalls(GetMetricDataCommand)).toHaveLength(1);
    expect(metrics?.account?.peak).toBe(2);
    expect(metrics?.functions).toEqual({});
  });
});
