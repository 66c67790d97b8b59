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

  // Lambda's control plane: GetAccountSettings and the ListFunctions pages share one bucket.
  lanes['lambda:GetAccountSettings'] = bucket('lambda:GetAccountSettings').take(t0) + L;
  const listSize = PAGE_LIMITS['lambda:ListFunctions'].max;
  const pageEnds = chain(
    bucket('lambda:ListFunctions'),
    listPages('lambda:ListFunctions', facts.records),
    t0,
    L,
  );
  const listed = pageEnds[pageEnds.length - 1] ?? t0;
  lanes['lambda:ListFunctions'] = listed;
  lanes['lambda:GetFunction'] = fanOut(
    bucket('lambda:GetFunction'),
    discovered(facts.networkedFunctionNames, pageEnds, listSize),
    L,
  );
  // Capacity providers share the control-plane bucket; each provider's versions once the providers are listed.
  const providerPages = chain(
    bucket('lambda:ListCapacityProviders'),
    listPages('lambda:ListCapacityProviders', account.capacityProviders.length),
    t0,
    L,
  );
  const providersKnown = providerPages[providerPages.length - 1] ?? t0;
  lanes['lambda:ListCapacityProviders'] = providersKnown;
  lanes['lambda:ListFunctionVersionsByCapacityProvider'] = fanOut(
    bucket('lambda:ListFunctionVersionsByCapacityProvider'),
    account.capacityProviders.map(() => providersKnown),
    L,
  );

  // IAM, one bucket: the authorization pages in turn, then each AWS managed policy (GetPolicy, then its
  // version) once a record needs it, then the simulations, each once its role's record and policies are known.
  const iam = iamNeeds(account, facts);
  const authorized = chain(
    bucket('iam:GetAccountAuthorizationDetails'),
    listPages('iam:GetAccountAuthorizationDetails', account.roles.length + account.localPolicies.length),
    t0,
    L,
  );
  const policiesKnown = authorized[authorized.length - 1] ?? t0;
  lanes['iam:GetAccountAuthorizationDetails'] = policiesKnown;
  const readAt = new Map<string, number>();
  discovered(iam.awsManaged, pageEnds, listSize).forEach((t, i) => {
    const version = bucket('iam:GetPolicy').take(Math.max(t, policiesKnown)) + L;
    readAt.set(iam.awsManaged[i]?.key ?? '', bucket('iam:GetPolicyVersion').take(version) + L);
  });
  lanes['iam:GetPolicyVersion'] = Math.max(policiesKnown, ...readAt.values());
  const attached = new Map(account.roles.map((role) => [role.arn, role.attached]));
  const roleReady = (needed: Needed, t: number) =>
    Math.max(t, policiesKnown, ...(attached.get(needed.key) ?? []).map((arn) => readAt.get(arn) ?? 0));
  lanes['iam:SimulatePrincipalPolicy'] = fanOut(
    bucket('iam:SimulatePrincipalPolicy'),
    [
      ...discovered(iam.simulated, pageEnds, listSize).map((t, i) => {
        const needed = iam.simulated[i];
        return needed === undefined ? t : roleReady(needed, t);
      }),
      // Each operator role's simulations, once the function list, the providers and its policies are known.
      ...iam.operatorsSimulated.flatMap((needed) =>
        Array<number>(OPERATOR_SIMULATIONS).fill(roleReady(needed, Math.max(listed, providersKnown))),
      ),
    ],
    L,
  );

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
