import {
  type CloudWatchClient,
  type MetricDataQuery,
  type MetricDataResult,
  paginateGetMetricData,
} from '@aws-sdk/client-cloudwatch';
import { errorCodeOf } from '../aws/error-codes.js';
import type { ConcurrencyMetrics, ConcurrencySeries } from '../model/snapshot.js';
import type { CollectorContext } from './context.js';
import { withoutRepeatedTokens } from './page-integrity.js';

export const CLOUDWATCH_READ_ACTIONS = ['cloudwatch:GetMetricData'] as const;

/** GetMetricData's documented maximum of metric queries per call. */
export const MAX_QUERIES_PER_CALL = 500;
export const DEFAULT_LOOKBACK_DAYS = 14;
/** One datapoint per UTC day: the daily peaks are the trend the report shows, their maximum is the peak. */
export const DAY_SECONDS = 86_400;

const API = 'cloudwatch:GetMetricData';
/** Query id of the account-level series; function queries are `f0`, `f1`, ... (ids must match `^[a-z][a-zA-Z0-9_]*$`). */
const ACCOUNT_QUERY_ID = 'account';
/** How a gap names the account-level series; a function name cannot contain spaces, so it cannot clash. */
export const ACCOUNT_SERIES_RESOURCE = 'account-level series';

export type MetricsWindow = { lookbackDays: number; startTime: Date; endTime: Date };

/**
 * The last `lookbackDays` UTC calendar days, today included up to `now`: days start at midnight so each
 * datapoint is one day's peak, and today's partial day keeps an on-demand run's peak.
 */
export function metricsWindow(now: Date, lookbackDays: number): MetricsWindow {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return {
    lookbackDays,
    startTime: new Date(today - (lookbackDays - 1) * DAY_SECONDS * 1000),
    endTime: now,
  };
}

function concurrencyQuery(id: string, functionName: string | null): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/Lambda',
        MetricName: 'ConcurrentExecutions',
        // No dimensions: the account-level series, which Lambda emits for every function together.
        Dimensions: functionName === null ? [] : [{ Name: 'FunctionName', Value: functionName }],
      },
      Period: DAY_SECONDS,
      Stat: 'Maximum',
    },
    ReturnData: true,
  };
}

type Query = { id: string; functionName: string | null };

/** The account series first, then one query per function, in calls of at most 500 queries. */
function batchesOf(functionNames: readonly string[]): Query[][] {
  const queries: Query[] = [
    { id: ACCOUNT_QUERY_ID, functionName: null },
    ...functionNames.map((functionName, i) => ({ id: `f${i}`, functionName })),
  ];
  const batches: Query[][] = [];
  for (let start = 0; start < queries.length; start += MAX_QUERIES_PER_CALL) {
    batches.push(queries.slice(start, start + MAX_QUERIES_PER_CALL));
  }
  return batches;
}

/** Datapoints and status of one query, gathered over every page of its call. */
type Gathered = { points: Map<string, number>; failure?: { code: string; message: string } };

/** Statuses that mean the query itself failed; `PartialData` only means more pages follow. */
const FAILED_STATUSES = new Set(['Forbidden', 'InternalError']);

function gather(into: Map<string, Gathered>, result: MetricDataResult): void {
  if (result.Id === undefined) return;
  const entry = into.get(result.Id) ?? { points: new Map<string, number>() };
  into.set(result.Id, entry);
  const timestamps = result.Timestamps ?? [];
  (result.Values ?? []).forEach((value, i) => {
    const timestamp = timestamps[i];
    if (timestamp === undefined) return;
    const date = timestamp.toISOString().slice(0, 10);
    entry.points.set(date, Math.max(value, entry.points.get(date) ?? value));
  });
  if (result.StatusCode !== undefined && FAILED_STATUSES.has(result.StatusCode)) {
    const detail = (result.Messages ?? []).map((m) => m.Value ?? m.Code ?? '').filter((m) => m !== '');
    entry.failure = {
      code: result.StatusCode,
      message: detail.length > 0 ? detail.join('; ') : `CloudWatch answered ${result.StatusCode}.`,
    };
  }
}

function toSeries(points: Map<string, number>): ConcurrencySeries {
  const daily = [...points.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, max]) => ({ date, max }));
  return { peak: daily.length === 0 ? null : Math.max(...daily.map((d) => d.max)), daily };
}

type BatchOutcome =
  | { queries: Query[]; results: Map<string, Gathered> }
  | { queries: Query[]; error: unknown };

/**
 * Daily peaks of `AWS/Lambda` `ConcurrentExecutions` (Maximum) for each function (dimension `FunctionName`,
 * which covers all its versions and aliases) and for the account, with at most 500 queries per call and every
 * NextToken page read. A function with no datapoints is in `functions` with `peak: null` (no traffic seen);
 * a function whose query or call failed is absent, with a gap naming it. Null, with one gap, when no call
 * succeeded at all (typically `cloudwatch:GetMetricData` denied).
 */
export async function collectConcurrencyMetrics(
  cloudwatch: CloudWatchClient,
  functionNames: readonly string[],
  context: CollectorContext,
  window: MetricsWindow,
): Promise<ConcurrencyMetrics | null> {
  const outcomes: BatchOutcome[] = [];
  let pages = 0;
  let seriesRead = 0;
  // One batch after the other: even 10,000 functions are 21 calls, far below GetMetricData's 50 calls/s.
  for (const queries of batchesOf(functionNames)) {
    try {
      const results = new Map<string, Gathered>();
      const paginator = paginateGetMetricData(
        { client: cloudwatch, stopOnSameToken: true },
        {
          MetricDataQueries: queries.map((q) => concurrencyQuery(q.id, q.functionName)),
          StartTime: window.startTime,
          EndTime: window.endTime,
          ScanBy: 'TimestampAscending',
        },
      );
      for await (const page of withoutRepeatedTokens(API, paginator)) {
        for (const result of page.MetricDataResults ?? []) gather(results, result);
        pages += 1;
        context.onProgress?.({ api: API, pages, items: seriesRead + results.size });
      }
      seriesRead += results.size;
      outcomes.push({ queries, results });
    } catch (error) {
      outcomes.push({ queries, error });
    }
  }

  const failedCalls = outcomes.flatMap((outcome) => ('error' in outcome ? [outcome.error] : []));
  if (failedCalls.length === outcomes.length) {
    // Nothing was read: one gap per distinct failure (almost always a single AccessDenied).
    const seen = new Set<string>();
    for (const error of failedCalls) {
      if (seen.has(errorCodeOf(error))) continue;
      seen.add(errorCodeOf(error));
      context.recorder.recordError({ part: 'metrics', api: API }, error);
    }
    return null;
  }

  let account: ConcurrencySeries | null = null;
  const functions: Record<string, ConcurrencySeries> = {};
  for (const outcome of outcomes) {
    for (const query of outcome.queries) {
      const resource = query.functionName ?? ACCOUNT_SERIES_RESOURCE;
      if ('error' in outcome) {
        context.recorder.recordError({ part: 'metrics', api: API, resource }, outcome.error);
        continue;
      }
      const gathered = outcome.results.get(query.id);
      if (gathered === undefined || gathered.failure !== undefined) {
        context.recorder.record({
          part: 'metrics',
          api: API,
          errorCode: gathered?.failure?.code ?? 'IncompleteResponse',
          message: gathered?.failure?.message ?? `The response has no result for query ${query.id}.`,
          resource,
        });
        continue;
      }
      const series = toSeries(gathered.points);
      if (query.functionName === null) account = series;
      else functions[query.functionName] = series;
    }
  }
  return {
    lookbackDays: window.lookbackDays,
    periodSeconds: DAY_SECONDS,
    startTime: window.startTime.toISOString(),
    endTime: window.endTime.toISOString(),
    account,
    functions,
  };
}
