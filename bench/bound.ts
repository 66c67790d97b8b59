import type { BucketSpec } from '../lib/aws/token-bucket.js';
import type { SyntheticAccount } from './account-types.js';
import {
  type AccountFacts,
  accountFacts,
  iamNeeds,
  listPages,
  minimumCalls,
  type Needed,
  OPERATOR_SIMULATIONS,
} from './minimum.js';
import {
  EC2_MAX_FILTER_VALUES,
  GET_METRIC_DATA_MAX_QUERIES,
  PAGE_LIMITS,
  serviceBucket,
} from './sim/aws-limits.js';

/**
 * The rate-limit lower bound on wall time: the fastest any collector could read this account given AWS's
 * buckets, the latency of each call, and what depends on what (a page needs the previous page's token;
 * GetFunction needs the function's name, which comes with its ListFunctions page). CPU time counts as zero.
 */
export type Bound = { seconds: number; lane: string; lanes: Record<string, number> };

/** A bucket's schedule: the earliest moment (s) each next token can be had. */
class IdealBucket {
  readonly spec: BucketSpec;
  #tokens: number;
  #at = 0;
  constructor(spec: BucketSpec) {
    this.spec = spec;
    this.#tokens = spec.capacity;
  }
  /** Takes the first token free at or after `t`; returns when. */
  take(t: number): number {
    const at = Math.max(t, this.#at);
    const tokens = Math.min(this.spec.capacity, this.#tokens + (at - this.#at) * this.spec.refillPerSecond);
    const start = tokens >= 1 ? at : at + (1 - tokens) / this.spec.refillPerSecond;
    this.#tokens = Math.min(this.spec.capacity, tokens + (start - at) * this.spec.refillPerSecond) - 1;
    this.#at = start;
    return start;
  }
}

function bucketFor(buckets: Map<string, IdealBucket>, api: string): IdealBucket {
  const spec = serviceBucket(api) ?? { id: api, capacity: Number.MAX_SAFE_INTEGER, refillPerSecond: 1e9 };
  let bucket = buckets.get(spec.id);
  if (bucket === undefined) {
    bucket = new IdealBucket(spec);
    buckets.set(spec.id, bucket);
  }
  return bucket;
}

/** Sequential pages from `t`: each starts when the previous answered and a token is free. Returns each end. */
function chain(bucket: IdealBucket, pages: number, t: number, latency: number): number[] {
  const ends: number[] = [];
  let ready = t;
  for (let page = 0; page < pages; page += 1) {
    ready = bucket.take(ready) + latency;
    ends.push(ready);
  }
  return ends;
}

/** One call per item, each as soon as it is known and a token is free; returns when the last answers. */
function fanOut(bucket: IdealBucket, readyTimes: readonly number[], latency: number): number {
  let end = 0;
  for (const ready of [...readyTimes].sort((a, b) => a - b))
    end = Math.max(end, bucket.take(ready) + latency);
  return end;
}

/** A call waiting for a token: when it may start, and the calls its answer makes possible. */
type Job = { ready: number; done?: (end: number) => Job[] };

/**
 * Calls that share one bucket, granted in the order they become ready, as the collector's rate limiter grants them:
 * a call ready early never waits behind one that becomes ready later (a token bucket served in another order would
 * make the bound too high, no longer a lower bound). Returns when the last answers.
 */
function drain(bucket: IdealBucket, jobs: readonly Job[], latency: number): number {
  const queue = [...jobs];
  let last = 0;
  while (queue.length > 0) {
    let next = 0;
    for (let i = 1; i < queue.length; i += 1)
      if ((queue[i]?.ready ?? 0) < (queue[next]?.ready ?? 0)) next = i;
    const [job] = queue.splice(next, 1);
    if (job === undefined) break;
    const end = bucket.take(job.ready) + latency;
    last = Math.max(last, end);
    queue.push(...(job.done?.(end) ?? []));
  }
  return last;
}

/** `pages` calls one after another from `ready`, each end recorded in `ends`; `then` once the last answered. */
function pagesJob(
  pages: number,
  ready: number,
  ends: number[],
  then: (end: number) => Job[] = () => [],
): Job {
  return {
    ready,
    done: (end) => {
      ends.push(end);
      return ends.length < pages ? [pagesJob(pages, end, ends, then)] : then(end);
    },
  };
}

/** When the record that first needs each item was listed. */
function discovered(needed: readonly Needed[], pageEnds: readonly number[], pageSize: number): number[] {
  return needed.map(({ record }) => pageEnds[Math.floor(record / pageSize)] ?? 0);
}

/** Batches of `size` in discovery order are ready when their last item is known. */
function batchesReady(times: readonly number[], size: number): number[] {
  const sorted = [...times].sort((a, b) => a - b);
  const ready: number[] = [];
  for (let start = 0; start < sorted.length; start += size)
    ready.push(sorted[Math.min(sorted.length, start + size) - 1] ?? 0);
  return ready;
}

export function rateLimitBound(account: SyntheticAccount, latencySeconds: number): Bound {
  const facts: AccountFacts = accountFacts(account);
  const buckets = new Map<string, IdealBucket>();
  const L = latencySeconds;
  const bucket = (api: string) => bucketFor(buckets, api);
  const t0 = L; // sts:GetCallerIdentity comes first
  const lanes: Record<string, number> = {};

  // Lambda's control plane, one bucket: GetAccountSettings, the ListFunctions pages, the capacity providers' pages
  // and each provider's versions once the providers are listed, served in the order they are ready.
  const listSize = PAGE_LIMITS['lambda:ListFunctions'].max;
  const pageEnds: number[] = [];
  const providerPages: number[] = [];
  const versionEnds: number[] = [];
  const controlPlane = bucket('lambda:ListFunctions');
  drain(
    controlPlane,
    [
      {
        ready: t0,
        done: (end) => {
          lanes['lambda:GetAccountSettings'] = end;
          return [];
        },
      },
      pagesJob(listPages('lambda:ListFunctions', facts.records), t0, pageEnds),
      pagesJob(
        listPages('lambda:ListCapacityProviders', account.capacityProviders.length),
        t0,
        providerPages,
        (known) =>
          account.capacityProviders.map(() => ({
            ready: known,
            done: (end: number) => {
              versionEnds.push(end);
              return [];
            },
          })),
      ),
    ],
    L,
  );
  const listed = pageEnds[pageEnds.length - 1] ?? t0;
  lanes['lambda:ListFunctions'] = listed;
  const providersKnown = providerPages[providerPages.length - 1] ?? t0;
  lanes['lambda:ListCapacityProviders'] = providersKnown;
  lanes['lambda:ListFunctionVersionsByCapacityProvider'] = Math.max(providersKnown, ...versionEnds);
  lanes['lambda:GetFunction'] = fanOut(
    bucket('lambda:GetFunction'),
    discovered(facts.networkedFunctionNames, pageEnds, listSize),
    L,
  );

  // IAM, one bucket: the authorization pages in turn; then each AWS managed policy (GetPolicy, then its version)
  // once a record needs it; each simulation once its role's record, its policies and its managed policies are known
  // (the operator roles' once the function list and the providers are read too). Served in the order they are ready.
  const iam = iamNeeds(account, facts);
  const attached = new Map(account.roles.map((role) => [role.arn, role.attached]));
  const authorized: number[] = [];
  const readAt = new Map<string, number>();
  const simulations = (policiesKnown: number): Job[] => {
    const simulated = discovered(iam.simulated, pageEnds, listSize).map((t, i) => ({
      needed: iam.simulated[i],
      t,
    }));
    const operators = iam.operatorsSimulated.flatMap((needed) =>
      Array.from({ length: OPERATOR_SIMULATIONS }, () => ({ needed, t: Math.max(listed, providersKnown) })),
    );
    const waiting = [...simulated, ...operators].map(({ needed, t }) => ({
      base: Math.max(t, policiesKnown),
      policies:
        needed === undefined
          ? []
          : (attached.get(needed.key) ?? []).filter((arn) => iam.awsManaged.some((m) => m.key === arn)),
    }));
    const ready = (w: (typeof waiting)[number]) =>
      Math.max(w.base, ...w.policies.map((arn) => readAt.get(arn) ?? 0));
    const simulate = (w: (typeof waiting)[number]): Job => ({ ready: ready(w) });
    const managed = discovered(iam.awsManaged, pageEnds, listSize).map(
      (t, i): Job => ({
        ready: Math.max(t, policiesKnown),
        done: (end) => [
          {
            ready: end,
            done: (versionEnd) => {
              const key = iam.awsManaged[i]?.key ?? '';
              readAt.set(key, versionEnd);
              // The simulations this policy was the last to hold back.
              return waiting
                .filter((w) => w.policies.includes(key) && w.policies.every((arn) => readAt.has(arn)))
                .map(simulate);
            },
          },
        ],
      }),
    );
    return [...managed, ...waiting.filter((w) => w.policies.length === 0).map(simulate)];
  };
  lanes['iam:SimulatePrincipalPolicy'] = drain(
    bucket('iam:SimulatePrincipalPolicy'),
    [
      pagesJob(
        listPages('iam:GetAccountAuthorizationDetails', account.roles.length + account.localPolicies.length),
        t0,
        authorized,
        simulations,
      ),
    ],
    L,
  );
  lanes['iam:GetAccountAuthorizationDetails'] = authorized[authorized.length - 1] ?? t0;
  lanes['iam:GetPolicyVersion'] = Math.max(t0, ...readAt.values());

  const ec2Lists: [string, number][] = [
    ['ec2:DescribeVpcs', account.vpcs.length],
    ['ec2:DescribeSubnets', account.subnets.length],
    ['ec2:DescribeRouteTables', account.routeTables.length],
    ['ec2:DescribeInternetGateways', account.internetGateways.length],
    ['ec2:DescribeNatGateways', account.natGateways.length],
    ['ec2:DescribeNetworkInterfaces', account.networkInterfaces.length],
    ['ec2:DescribeVpcEndpoints', account.vpcEndpoints.length],
  ];
  for (const [api, items] of ec2Lists) {
    const ends = chain(bucket(api), listPages(api as keyof typeof PAGE_LIMITS, items), t0, L);
    lanes[api] = ends[ends.length - 1] ?? t0;
  }
  lanes['ec2:DescribeSecurityGroups'] = fanOut(
    bucket('ec2:DescribeSecurityGroups'),
    batchesReady(discovered(facts.securityGroupIds, pageEnds, listSize), EC2_MAX_FILTER_VALUES),
    L,
  );
  const subnetsKnown = lanes['ec2:DescribeSubnets'] ?? t0;
  lanes['ec2:DescribeVpcAttribute'] = fanOut(
    bucket('ec2:DescribeVpcAttribute'),
    discovered(facts.vpcIds, pageEnds, listSize).flatMap((t) => [
      Math.max(t, subnetsKnown),
      Math.max(t, subnetsKnown),
    ]),
    L,
  );
  // The egress reads start once the function list, the subnets (the VPCs in use) and the route tables are in; the
  // instances also wait for the ENI scan (a route may name only an instance's ENI).
  const vpcsKnown = Math.max(listed, subnetsKnown);
  const routesKnown = Math.max(vpcsKnown, lanes['ec2:DescribeRouteTables'] ?? t0);
  const ready: Record<string, number> = {
    'ec2:DescribeNetworkAcls': vpcsKnown,
    'ec2:DescribeTransitGatewayVpcAttachments': vpcsKnown,
    'ec2:DescribeVpcPeeringConnections': routesKnown,
    'ec2:DescribeInstances': Math.max(routesKnown, lanes['ec2:DescribeNetworkInterfaces'] ?? t0),
  };
  for (const [api, calls] of minimumCalls(account)) {
    const start = ready[api];
    if (start === undefined) continue;
    lanes[api] = chain(bucket(api), calls, start, L).at(-1) ?? start;
  }
  // The account-level series rides in the first batch; a batch goes once its last function is known.
  lanes['cloudwatch:GetMetricData'] = fanOut(
    bucket('cloudwatch:GetMetricData'),
    batchesReady(
      [t0, ...discovered(facts.vpcFunctionNames, pageEnds, listSize)],
      GET_METRIC_DATA_MAX_QUERIES,
    ),
    L,
  );
  lanes['servicequotas:GetServiceQuota'] = fanOut(bucket('servicequotas:GetServiceQuota'), [t0, t0], L);

  const [lane, seconds] = Object.entries(lanes).reduce((slowest, entry) =>
    entry[1] > slowest[1] ? entry : slowest,
  );
  return { seconds, lane, lanes };
}
