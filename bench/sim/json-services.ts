import { ENI_QUOTAS } from '../../lib/collect/quotas.js';
import { GET_METRIC_DATA_MAX_DATAPOINTS, GET_METRIC_DATA_MAX_QUERIES } from './aws-limits.js';
import type { Routed, ServiceRequest, SimAccount } from './services.js';
import { json, offsetOf, type Reply, tokenFor } from './wire.js';

/** CloudWatch (JSON 1.0, query-compatible errors) and Service Quotas (JSON 1.1): `X-Amz-Target` names the operation. */

type MetricQuery = {
  Id: string;
  MetricStat?: { Metric?: { Dimensions?: { Name: string; Value: string }[] }; Period?: number };
};

const cloudwatchError = (code: string, message: string, status = 400): Reply =>
  json({ __type: code, message }, status, { 'x-amzn-query-error': `${code};Sender` });

/** A deterministic daily peak for a series: what GetMetricData's `Maximum` of ConcurrentExecutions returns. */
function peak(seriesKey: string, day: number): number {
  let hash = day * 2_654_435_761;
  for (let i = 0; i < seriesKey.length; i += 1) hash = (hash * 31 + seriesKey.charCodeAt(i)) >>> 0;
  return seriesKey === '' ? 400 + (hash % 200) : hash % 40;
}

function getMetricData(request: ServiceRequest): Reply {
  const input = JSON.parse(request.body) as {
    MetricDataQueries?: MetricQuery[];
    StartTime?: number;
    EndTime?: number;
    NextToken?: string;
    MaxDatapoints?: number;
  };
  const queries = input.MetricDataQueries ?? [];
  if (queries.length > GET_METRIC_DATA_MAX_QUERIES)
    return cloudwatchError(
      'ValidationError',
      `The collection MetricDataQueries must not have a size greater than ${GET_METRIC_DATA_MAX_QUERIES}.`,
    );
  const start = input.StartTime ?? 0;
  const end = input.EndTime ?? start;
  const days: number[] = [];
  for (let t = start; t < end; t += 86_400) days.push(t);
  // Datapoints are counted over the whole answer; a query that does not fit continues on the next page.
  const perPage = Math.max(
    1,
    Math.floor((input.MaxDatapoints ?? GET_METRIC_DATA_MAX_DATAPOINTS) / Math.max(1, days.length)),
  );
  const offset = offsetOf(input.NextToken);
  const page = queries.slice(offset, offset + perPage);
  const next = offset + page.length;
  return json({
    MetricDataResults: page.map((query) => {
      const dimension = query.MetricStat?.Metric?.Dimensions?.[0]?.Value ?? '';
      return {
        Id: query.Id,
        Label: 'ConcurrentExecutions',
        Timestamps: days,
        Values: days.map((day) => peak(dimension, day)),
        StatusCode: 'Complete',
      };
    }),
    Messages: [],
    ...(next < queries.length ? { NextToken: tokenFor(next) } : {}),
  });
}

export function cloudwatchService(request: ServiceRequest): Routed {
  const operation = request.target ?? '';
  if (operation === 'GetMetricData')
    return { api: 'cloudwatch:GetMetricData', answer: () => getMetricData(request) };
  return {
    api: `cloudwatch:${operation}`,
    answer: () => cloudwatchError('InvalidAction', `The operation ${operation} is not simulated.`),
  };
}

/** Applied values: the account runs 20,000 ENIs, so its regional ENI quota has been raised. */
function quotaValue(serviceCode: string, quotaCode: string, sim: SimAccount): number | undefined {
  const { lambdaEnisPerVpc, networkInterfacesPerRegion } = ENI_QUOTAS;
  if (serviceCode === lambdaEnisPerVpc.serviceCode && quotaCode === lambdaEnisPerVpc.quotaCode) return 500;
  if (
    serviceCode === networkInterfacesPerRegion.serviceCode &&
    quotaCode === networkInterfacesPerRegion.quotaCode
  )
    return Math.max(5_000, Math.ceil((sim.account.networkInterfaces.length * 1.25) / 1_000) * 1_000);
  return undefined;
}

export function quotasService(request: ServiceRequest, sim: SimAccount): Routed {
  const operation = request.target ?? '';
  if (operation !== 'GetServiceQuota')
    return {
      api: `servicequotas:${operation}`,
      answer: () => json({ __type: 'InvalidAction', Message: `${operation} is not simulated.` }, 400),
    };
  return {
    api: 'servicequotas:GetServiceQuota',
    answer: () => {
      const { ServiceCode = '', QuotaCode = '' } = JSON.parse(request.body) as {
        ServiceCode?: string;
        QuotaCode?: string;
      };
      const value = quotaValue(ServiceCode, QuotaCode, sim);
      if (value === undefined)
        return json(
          { __type: 'NoSuchResourceException', Message: `No quota ${ServiceCode}/${QuotaCode}.` },
          400,
        );
      return json({
        Quota: {
          ServiceCode,
          QuotaCode,
          QuotaArn: `arn:aws:servicequotas:eu-west-1:123456789012:${ServiceCode}/${QuotaCode}`,
          Value: value,
          Unit: 'None',
          Adjustable: true,
          GlobalQuota: false,
        },
      });
    },
  };
}
