import type { BucketSpec } from '../../lib/aws/token-bucket.js';

/**
 * AWS's side of the simulation: page sizes, batch sizes and throttling buckets as AWS documents them. Kept
 * apart from the collectors' own constants on purpose: the benchmark checks the collectors against these.
 */

/** The largest page each list API returns (`MaxResults`/`MaxItems`), and its page when none is asked. */
export type PageLimit = { max: number; whenUnasked: number | 'all' };

export const PAGE_LIMITS = {
  'lambda:ListFunctions': { max: 50, whenUnasked: 50 },
  'lambda:ListCapacityProviders': { max: 50, whenUnasked: 50 },
  'lambda:ListFunctionVersionsByCapacityProvider': { max: 50, whenUnasked: 50 },
  'iam:ListRoles': { max: 1000, whenUnasked: 100 },
  'iam:GetAccountAuthorizationDetails': { max: 1000, whenUnasked: 100 },
  'iam:SimulatePrincipalPolicy': { max: 1000, whenUnasked: 100 },
  // EC2 Describe*: MaxResults 5-1000 (route tables 5-100); without MaxResults everything comes in one answer.
  'ec2:DescribeVpcs': { max: 1000, whenUnasked: 'all' },
  'ec2:DescribeSubnets': { max: 1000, whenUnasked: 'all' },
  'ec2:DescribeRouteTables': { max: 100, whenUnasked: 'all' },
  'ec2:DescribeInternetGateways': { max: 1000, whenUnasked: 'all' },
  'ec2:DescribeNatGateways': { max: 1000, whenUnasked: 'all' },
  'ec2:DescribeSecurityGroups': { max: 1000, whenUnasked: 'all' },
  'ec2:DescribeNetworkInterfaces': { max: 1000, whenUnasked: 'all' },
  'ec2:DescribeVpcEndpoints': { max: 1000, whenUnasked: 'all' },
  'ec2:DescribeInstances': { max: 1000, whenUnasked: 'all' },
  'ec2:DescribeTransitGatewayVpcAttachments': { max: 1000, whenUnasked: 'all' },
  'ec2:DescribeVpcPeeringConnections': { max: 1000, whenUnasked: 'all' },
  'ec2:DescribeNetworkAcls': { max: 1000, whenUnasked: 'all' },
} as const satisfies Record<string, PageLimit>;

export type PagedApi = keyof typeof PAGE_LIMITS;

/** EC2 answers FilterLimitExceeded beyond 200 values in one filter. */
export const EC2_MAX_FILTER_VALUES = 200;
/** EC2 MaxResults below this is InvalidParameterValue. */
export const EC2_MIN_PAGE_SIZE = 5;
/** GetMetricData: at most 500 queries per call and 100,800 datapoints per answer (then NextToken). */
export const GET_METRIC_DATA_MAX_QUERIES = 500;
export const GET_METRIC_DATA_MAX_DATAPOINTS = 100_800;

export type ServiceBucket = BucketSpec & { id: string; basis: string };

const EC2_NON_MUTATING: BucketSpec = { capacity: 100, refillPerSecond: 20 };
/** Unfiltered and unpaginated DescribeNetworkInterfaces / DescribeSecurityGroups / DescribeInstances. */
const EC2_UNFILTERED_UNPAGINATED: BucketSpec = { capacity: 50, refillPerSecond: 10 };

/**
 * The bucket AWS takes a token from for one call. `unbounded` is EC2's "unfiltered and unpaginated" case,
 * which has smaller buckets for the heaviest Describe calls.
 */
export function serviceBucket(api: string, unbounded = false): ServiceBucket | undefined {
  const [service, operation = ''] = api.split(':');
  if (service === 'lambda') {
    return operation === 'GetFunction'
      ? { id: api, capacity: 100, refillPerSecond: 100, basis: 'GetFunction: 100 requests per second' }
      : {
          id: 'lambda:control-plane',
          capacity: 15,
          refillPerSecond: 15,
          basis: 'other control-plane APIs: 15 requests per second combined',
        };
  }
  if (service === 'ec2' && operation.startsWith('Describe')) {
    const heavy =
      unbounded &&
      (operation === 'DescribeNetworkInterfaces' ||
        operation === 'DescribeSecurityGroups' ||
        operation === 'DescribeInstances');
    return heavy
      ? {
          id: `${api}:unpaginated`,
          ...EC2_UNFILTERED_UNPAGINATED,
          basis: 'unfiltered, unpaginated: 50, 10/s',
        }
      : { id: api, ...EC2_NON_MUTATING, basis: 'non-mutating actions: bucket 100, refill 20/s' };
  }
  if (api === 'cloudwatch:GetMetricData')
    return { id: api, capacity: 50, refillPerSecond: 50, basis: 'GetMetricData: 50 TPS' };
  if (api === 'servicequotas:GetServiceQuota')
    return { id: api, capacity: 10, refillPerSecond: 5, basis: 'GetServiceQuota: 5/s, 5 more in one burst' };
  // IAM publishes no rates; the simulation holds IAM to the auditor's own conservative plan.
  if (service === 'iam') return { id: 'iam', capacity: 5, refillPerSecond: 5, basis: 'not published: 5/s' };
  return undefined;
}
