import type { SyntheticAccount } from './account-types.js';
import { OPERATOR } from './iam-account.js';
import {
  EC2_MAX_FILTER_VALUES,
  GET_METRIC_DATA_MAX_DATAPOINTS,
  GET_METRIC_DATA_MAX_QUERIES,
  PAGE_LIMITS,
  type PagedApi,
} from './sim/aws-limits.js';

/** The actions Lambda's execution role needs, simulated per role: one page of SimulatePrincipalPolicy. */
const SIMULATED_ACTIONS = 5;
/** An operator role is simulated once per group of actions sharing resources (lib/model/role-checks.ts). */
export const OPERATOR_SIMULATIONS = 3;

/**
 * What the roles ask of IAM beyond GetAccountAuthorizationDetails: the AWS managed policies they attach
 * (GetPolicy and GetPolicyVersion once each), and the roles a simulation is needed for, per purpose: every role
 * whose policies cannot decide (a Condition: the execution roles' conditional Deny, the operator roles'
 * AWSLambdaManagedEC2ResourceOperator), and one role of each managed-policy set none of those stands for (the
 * service control policies). `record` is when each is first needed, as the record that first names it; the
 * operator roles are checked once the function list is read.
 */
export type IamNeeds = { awsManaged: Needed[]; simulated: Needed[]; operatorsSimulated: Needed[] };

function simulatedOf(
  members: readonly Needed[],
  undecidable: (needed: Needed) => boolean,
  setOf: (needed: Needed) => string,
): Needed[] {
  const simulated = members.filter(undecidable);
  const sets = new Map<string, Needed[]>();
  for (const needed of members) sets.set(setOf(needed), [...(sets.get(setOf(needed)) ?? []), needed]);
  for (const set of sets.values()) {
    const [first] = set;
    if (first !== undefined && !set.some(undecidable)) simulated.push(first);
  }
  return simulated.sort((a, b) => a.record - b.record);
}

export function iamNeeds(account: SyntheticAccount, facts: AccountFacts): IamNeeds {
  const roleByArn = new Map(account.roles.map((role) => [role.arn, role]));
  const lastRecord = Math.max(0, facts.records - 1);
  const operators = facts.operatorRoles.map((key) => ({ key, record: lastRecord }));
  const awsManaged = new Map<string, number>();
  for (const needed of [...facts.executionRoles, ...operators])
    for (const arn of roleByArn.get(needed.key)?.attached ?? [])
      if (arn.startsWith('arn:aws:iam::aws:policy/') && !awsManaged.has(arn))
        awsManaged.set(arn, needed.record);
  const setOf = (needed: Needed) => [...(roleByArn.get(needed.key)?.attached ?? [])].sort().join(',');
  return {
    awsManaged: [...awsManaged].map(([key, record]) => ({ key, record })),
    simulated: simulatedOf(
      facts.executionRoles.filter((needed) => roleByArn.has(needed.key)),
      (needed) => roleByArn.get(needed.key)?.conditional === true,
      setOf,
    ),
    operatorsSimulated: simulatedOf(
      operators,
      (needed) => roleByArn.get(needed.key)?.attached.includes(OPERATOR) === true,
      setOf,
    ),
  };
}
/** Days of concurrency metrics, one datapoint each. */
const LOOKBACK_DAYS = 14;

/** What the collection needs, each with the ListFunctions record that first names it (discovery order). */
export type Needed = { key: string; record: number };

export type AccountFacts = {
  records: number;
  vpcFunctionNames: Needed[];
  /** In a VPC by their own configuration or through a capacity provider: the functions GetFunction asks about. */
  networkedFunctionNames: Needed[];
  /** Distinct operator roles of the capacity providers that exist. */
  operatorRoles: string[];
  executionRoles: Needed[];
  securityGroupIds: Needed[];
  vpcIds: Needed[];
};

function firstSeen(keysOfRecord: (index: number) => readonly string[], records: number): Needed[] {
  const seen = new Map<string, number>();
  for (let index = 0; index < records; index += 1)
    for (const key of keysOfRecord(index)) if (!seen.has(key)) seen.set(key, index);
  return [...seen.entries()].map(([key, record]) => ({ key, record }));
}

/** What the account asks of the collectors, read from the account itself (not from the collectors). */
export function accountFacts(account: SyntheticAccount): AccountFacts {
  const { functions } = account;
  const vpcOfSubnet = new Map(account.subnets.map((subnet) => [subnet.id, subnet.vpcId]));
  const existingRoles = new Set(account.roles.map((role) => role.arn));
  const vpc = (index: number) => {
    const fn = functions[index];
    return fn !== undefined && fn.subnetIds.length > 0 ? fn : undefined;
  };
  return {
    records: functions.length,
    vpcFunctionNames: firstSeen((i) => {
      const fn = vpc(i);
      return fn === undefined ? [] : [fn.name];
    }, functions.length),
    networkedFunctionNames: firstSeen((i) => {
      const fn = functions[i];
      return fn !== undefined && (fn.subnetIds.length > 0 || fn.capacityProvider !== undefined)
        ? [fn.name]
        : [];
    }, functions.length),
    operatorRoles: [...new Set(account.capacityProviders.map((p) => p.operatorRole))].filter((arn) =>
      existingRoles.has(arn),
    ),
    executionRoles: firstSeen((i) => {
      const fn = vpc(i);
      return fn === undefined || !existingRoles.has(fn.role) ? [] : [fn.role];
    }, functions.length),
    // The providers' groups are described with the functions'.
    securityGroupIds: [
      ...firstSeen((i) => vpc(i)?.securityGroupIds ?? [], functions.length),
      ...account.capacityProviders
        .flatMap((p) => p.securityGroupIds)
        .map((key) => ({ key, record: functions.length - 1 })),
    ].filter((needed, i, all) => all.findIndex((other) => other.key === needed.key) === i),
    vpcIds: firstSeen(
      (i) => (vpc(i)?.subnetIds ?? []).flatMap((id) => vpcOfSubnet.get(id) ?? []),
      functions.length,
    ),
  };
}

const pages = (items: number, pageSize: number) => Math.max(1, Math.ceil(items / pageSize));

/** Pages of a list at its largest page size. */
export function listPages(api: PagedApi, items: number): number {
  return pages(items, PAGE_LIMITS[api].max);
}

/**
 * Calls of a read filtered on `values`, 200 values a request, each request as many pages as its items need at the
 * largest page; no values, no call.
 */
function filteredCalls(api: PagedApi, values: readonly string[], itemsOf: (value: string) => number): number {
  const sorted = [...new Set(values)].sort();
  let calls = 0;
  for (let start = 0; start < sorted.length; start += EC2_MAX_FILTER_VALUES) {
    const items = sorted
      .slice(start, start + EC2_MAX_FILTER_VALUES)
      .reduce((sum, value) => sum + itemsOf(value), 0);
    calls += listPages(api, items);
  }
  return calls;
}

/** The egress reads: what the routes of the VPCs in use name, and those VPCs' ACLs and attachments. */
function egressCalls(account: SyntheticAccount, vpcIds: readonly string[]): [string, number][] {
  const inUse = new Set(vpcIds);
  const routes = account.routeTables.filter((t) => inUse.has(t.vpcId)).flatMap((t) => t.routes);
  const count =
    <T>(items: readonly T[], key: (item: T) => string) =>
    (value: string) =>
      items.filter((item) => key(item) === value).length;
  return [
    [
      'ec2:DescribeInstances',
      filteredCalls(
        'ec2:DescribeInstances',
        routes.flatMap((r) => r.instanceId ?? []),
        count(account.natInstances, (i) => i.id),
      ),
    ],
    [
      'ec2:DescribeVpcPeeringConnections',
      filteredCalls(
        'ec2:DescribeVpcPeeringConnections',
        routes.flatMap((r) => r.vpcPeeringConnectionId ?? []),
        count(account.peerings, (p) => p.id),
      ),
    ],
    [
      'ec2:DescribeTransitGatewayVpcAttachments',
      filteredCalls(
        'ec2:DescribeTransitGatewayVpcAttachments',
        vpcIds,
        count(account.transitGatewayAttachments, (a) => a.vpcId),
      ),
    ],
    [
      'ec2:DescribeNetworkAcls',
      filteredCalls(
        'ec2:DescribeNetworkAcls',
        vpcIds,
        count(account.networkAcls, (a) => a.vpcId),
      ),
    ],
  ];
}

/**
 * The fewest calls each API allows for this account: every list at its largest page, GetMetricData at 500
 * queries a call, security groups (and the egress reads) by id at 200 filter values a call, and one call per
 * resource where AWS has no batch form (GetFunction, SimulatePrincipalPolicy, GetPolicy, DescribeVpcAttribute per
 * attribute, ListFunctionVersionsByCapacityProvider per provider).
 */
export function minimumCalls(account: SyntheticAccount): Map<string, number> {
  const facts = accountFacts(account);
  const iam = iamNeeds(account, facts);
  const metricQueries = facts.vpcFunctionNames.length + 1;
  const metricCalls = Math.ceil(metricQueries / GET_METRIC_DATA_MAX_QUERIES);
  const datapointsPerCall = Math.min(metricQueries, GET_METRIC_DATA_MAX_QUERIES) * LOOKBACK_DAYS;
  const minimum = new Map<string, number>([
    ['sts:GetCallerIdentity', 1],
    ['lambda:ListFunctions', listPages('lambda:ListFunctions', facts.records)],
    ['lambda:GetAccountSettings', 1],
    ['lambda:GetFunction', facts.networkedFunctionNames.length],
    [
      'lambda:ListCapacityProviders',
      listPages('lambda:ListCapacityProviders', account.capacityProviders.length),
    ],
    [
      'lambda:ListFunctionVersionsByCapacityProvider',
      account.capacityProviders.reduce(
        (sum, p) => sum + listPages('lambda:ListFunctionVersionsByCapacityProvider', p.versions.length),
        0,
      ),
    ],
    ['ec2:DescribeVpcs', listPages('ec2:DescribeVpcs', account.vpcs.length)],
    ['ec2:DescribeSubnets', listPages('ec2:DescribeSubnets', account.subnets.length)],
    ['ec2:DescribeRouteTables', listPages('ec2:DescribeRouteTables', account.routeTables.length)],
    [
      'ec2:DescribeInternetGateways',
      listPages('ec2:DescribeInternetGateways', account.internetGateways.length),
    ],
    ['ec2:DescribeNatGateways', listPages('ec2:DescribeNatGateways', account.natGateways.length)],
    [
      'ec2:DescribeNetworkInterfaces',
      listPages('ec2:DescribeNetworkInterfaces', account.networkInterfaces.length),
    ],
    ['ec2:DescribeVpcEndpoints', listPages('ec2:DescribeVpcEndpoints', account.vpcEndpoints.length)],
    ['ec2:DescribeSecurityGroups', Math.ceil(facts.securityGroupIds.length / EC2_MAX_FILTER_VALUES)],
    ['ec2:DescribeVpcAttribute', 2 * facts.vpcIds.length],
    [
      'iam:GetAccountAuthorizationDetails',
      listPages('iam:GetAccountAuthorizationDetails', account.roles.length + account.localPolicies.length),
    ],
    ['iam:GetPolicy', iam.awsManaged.length],
    ['iam:GetPolicyVersion', iam.awsManaged.length],
    [
      'iam:SimulatePrincipalPolicy',
      iam.simulated.length * pages(SIMULATED_ACTIONS, PAGE_LIMITS['iam:SimulatePrincipalPolicy'].max) +
        iam.operatorsSimulated.length * OPERATOR_SIMULATIONS,
    ],
    ['cloudwatch:GetMetricData', metricCalls * pages(datapointsPerCall, GET_METRIC_DATA_MAX_DATAPOINTS)],
    ['servicequotas:GetServiceQuota', 2],
    ...egressCalls(
      account,
      facts.vpcIds.map((v) => v.key),
    ).filter(([, calls]) => calls > 0),
  ]);
  return new Map([...minimum.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}
