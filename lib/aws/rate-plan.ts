import { type BucketSpec, TokenBucket } from './token-bucket.js';

/**
 * The collectors' request rates, planned from AWS's throttling buckets (per account and Region). Every call of
 * one collection takes a token from its API's bucket (lib/aws/rate-limited.ts), so the collectors together
 * stay under each documented rate however their work overlaps; the SDK's retries handle what the account's
 * other callers take from the same buckets.
 */
export type PlannedBucket = BucketSpec & {
  /** APIs that share one AWS bucket share one id. */
  id: string;
  /** Where the numbers come from. */
  basis: string;
};

/**
 * The plan leaves a few tokens of each bucket's burst unused (5%, at least one): our clock and AWS's never
 * agree to the microsecond, and requests bunch up on the way, so a plan at exactly AWS's bucket would now
 * and then throttle itself. The refill rate, which decides how long a large account takes, stays AWS's.
 */
export function withMargin(documented: BucketSpec): BucketSpec {
  const margin = Math.max(1, Math.floor(documented.capacity * 0.05));
  return { ...documented, capacity: Math.max(1, documented.capacity - margin) };
}

/** Lambda: GetFunction 100 requests/s; every other control-plane API (ListFunctions, GetAccountSettings, ...) 15/s together. */
const LAMBDA_GET_FUNCTION: PlannedBucket = {
  id: 'lambda:GetFunction',
  capacity: 100,
  refillPerSecond: 100,
  basis: 'Lambda quotas: GetFunction 100 requests per second',
};
const LAMBDA_CONTROL_PLANE: PlannedBucket = {
  id: 'lambda:control-plane',
  capacity: 15,
  refillPerSecond: 15,
  basis: 'Lambda quotas: other control-plane APIs 15 requests per second combined',
};
/** EC2: each non-mutating action has its own bucket of 100 tokens refilled at 20 per second. */
const EC2_DESCRIBE = {
  capacity: 100,
  refillPerSecond: 20,
  basis: 'EC2 request throttling: non-mutating actions, bucket 100, refill 20/s',
};
const CLOUDWATCH_GET_METRIC_DATA: PlannedBucket = {
  id: 'cloudwatch:GetMetricData',
  capacity: 50,
  refillPerSecond: 50,
  basis: 'CloudWatch quotas: GetMetricData 50 TPS',
};
const SERVICE_QUOTAS_GET_SERVICE_QUOTA: PlannedBucket = {
  id: 'servicequotas:GetServiceQuota',
  capacity: 5,
  refillPerSecond: 5,
  basis: 'Service Quotas quotas: GetServiceQuota 5 requests per second',
};
/**
 * IAM publishes no rates: its token buckets are per account and shared with every other caller, and AWS asks
 * nightly SimulatePrincipalPolicy audits to spread their calls out. One conservative bucket for all IAM reads.
 */
const IAM: PlannedBucket = {
  id: 'iam',
  capacity: 5,
  refillPerSecond: 5,
  basis: 'IAM publishes no rate: conservative choice',
};

/**
 * The bucket of an API (`service:Operation`), or undefined for one not planned (STS: one call per collection).
 * EC2 actions other than Describe* are mutating or not used by the collection, so they are not planned here.
 */
export function plannedBucket(api: string): PlannedBucket | undefined {
  const [service, operation = ''] = api.split(':');
  switch (service) {
    case 'lambda':
      return operation === 'GetFunction' ? LAMBDA_GET_FUNCTION : LAMBDA_CONTROL_PLANE;
    case 'ec2':
      return operation.startsWith('Describe') ? { id: api, ...EC2_DESCRIBE } : undefined;
    case 'cloudwatch':
      return operation === 'GetMetricData' ? CLOUDWATCH_GET_METRIC_DATA : undefined;
    case 'servicequotas':
      return operation === 'GetServiceQuota' ? SERVICE_QUOTAS_GET_SERVICE_QUOTA : undefined;
    case 'iam':
      return IAM;
    default:
      return undefined;
  }
}

/** The slowest answer (seconds) at which a fan-out still keeps its bucket busy: rate x latency calls in flight. */
export const PLANNED_LATENCY_SECONDS = 0.5;

/** Calls in flight for a fan-out over one API (one call per resource): enough to use its whole rate. */
export function plannedConcurrency(api: string): number {
  const bucket = plannedBucket(api);
  return bucket === undefined ? 1 : Math.max(1, Math.ceil(bucket.refillPerSecond * PLANNED_LATENCY_SECONDS));
}

/** The buckets of one collection, created on first use: every collector of that collection shares them. */
export class RateLimiters {
  readonly #buckets = new Map<string, TokenBucket>();

  /** The shared bucket of `api`, or undefined when the API is not rate-planned. */
  bucketFor(api: string): TokenBucket | undefined {
    const planned = plannedBucket(api);
    if (planned === undefined) return undefined;
    let bucket = this.#buckets.get(planned.id);
    if (bucket === undefined) {
      bucket = new TokenBucket(withMargin(planned));
      this.#buckets.set(planned.id, bucket);
    }
    return bucket;
  }
}
