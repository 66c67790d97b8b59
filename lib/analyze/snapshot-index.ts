import { hasOwnVpcConfig } from '../model/function-networking.js';
import type {
  FunctionDetail,
  FunctionRecord,
  NatGateway,
  NetworkInterface,
  RouteTable,
  SecurityGroup,
  Snapshot,
  Subnet,
  Vpc,
} from '../model/snapshot.js';
import { compareText } from '../model/text-order.js';
import {
  type ProviderFunction,
  type ProviderNetwork,
  providerFunctions,
  providerNetworks,
} from './capacity-providers.js';
import { type EgressIndex, egressIndex } from './egress/subnets.js';
import type { SubnetRouting } from './egress/world.js';
import { flatMapList, mapDefined } from './lists.js';

/** One distinct VPC configuration of a function, and which of its versions use it. */
export interface VpcConfigVariant {
  subnetIds: string[];
  securityGroupIds: string[];
  /** `VpcConfig.Ipv6AllowedForDualStack`: the function sends IPv6 from subnets that have an IPv6 CIDR. */
  ipv6AllowedForDualStack: boolean;
  versions: string[];
}

/** A function that has at least one VPC-enabled configuration (`$LATEST` or a published version). */
export interface VpcFunction {
  name: string;
  /** Unqualified ARN. */
  arn: string;
  /** The `$LATEST` record, whether or not `$LATEST` itself is in a VPC. */
  latest: FunctionRecord | undefined;
  /** Every VPC-enabled record of the function. */
  records: FunctionRecord[];
  variants: VpcConfigVariant[];
  /** GetFunction's answer; undefined when it was not collected. */
  detail: FunctionDetail | undefined;
  role: string;
  memorySize: number;
  /** Every subnet of every variant, sorted. */
  subnetIds: string[];
  securityGroupIds: string[];
}

/** A (subnet, security-group set) combination: Lambda's Hyperplane ENIs are one per combination. */
export interface Combination {
  key: string;
  subnetId: string;
  securityGroupIds: string[];
  users: FunctionUse[];
}

export interface FunctionUse {
  functionName: string;
  version: string;
}

/** Derived views over a snapshot, computed once and shared by every rule. Read-only. */
export interface SnapshotIndex {
  /** Functions in a VPC through their own VpcConfig. */
  vpcFunctions: VpcFunction[];
  /** Capacity providers as network configurations (capacity-providers.ts), by ARN order. */
  capacityProviders: ProviderNetwork[];
  capacityProviderByArn: Map<string, ProviderNetwork>;
  /** Functions in a VPC through a capacity provider. */
  providerFunctions: ProviderFunction[];
  /** Every distinct function name seen, VPC or not. */
  functionNames: string[];
  subnetById: Map<string, Subnet>;
  vpcById: Map<string, Vpc>;
  securityGroupById: Map<string, SecurityGroup>;
  natGatewayById: Map<string, NatGateway>;
  routeTableById: Map<string, RouteTable>;
  combinations: Map<string, Combination>;
  /** Lambda ENI id -> the functions and versions whose combination matches it. */
  eniUsers: Map<string, FunctionUse[]>;
  lambdaEnisBySubnet: Map<string, NetworkInterface[]>;
  lambdaEnisBySecurityGroup: Map<string, NetworkInterface[]>;
  /** Role names that exist; null when roles were not collected. */
  roleNames: Set<string> | null;
  routingForSubnet(subnetId: string): SubnetRouting | undefined;
  /** Egress paths per subnet and per set of subnets, each walked once (lib/analyze/egress/). */
  egress: EgressIndex;
}

export function combinationKey(subnetId: string, securityGroupIds: readonly string[]): string {
  return `${subnetId}|${sortedUnique(securityGroupIds).join(',')}`;
}

/** Up to this many values are sorted by insertion: most lists here are one to three ids. */
const INSERTION_SORT_MAX = 8;

/** The values sorted (by code unit, as `sort()` does), each once. */
export function sortedUnique<T extends string>(values: readonly T[]): T[] {
  // Tens of thousands of calls per audit: no Set, and no sort set up for a handful of values.
  if (values.length > INSERTION_SORT_MAX) {
    const unique: T[] = [];
    for (const value of values.slice().sort()) if (unique.at(-1) !== value) unique.push(value);
    return unique;
  }
  const unique: T[] = [];
  for (let next = 0; next < values.length; next += 1) {
    const value = values[next] as T;
    let at = unique.length;
    while (at > 0 && (unique[at - 1] ?? '') > value) at -= 1;
    if (unique[at - 1] === value) continue;
    // Shift the greater ones up by hand: `splice` is a slow call for a one- or two-element move.
    unique.push(value);
    for (let i = unique.length - 1; i > at; i -= 1) unique[i] = unique[i - 1] ?? value;
    unique[at] = value;
  }
  return unique;
}

/** `arn:aws:lambda:r:a:function:name[:qualifier]` -> `arn:aws:lambda:r:a:function:name`. */
export function unqualifiedArn(functionArn: string): string {
  return functionArn.split(':').slice(0, 7).join(':');
}

/** The role name is the last path segment of the role ARN; names are unique within an account. */
export function roleNameFromArn(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf('/') + 1);
}

/** In a VPC through its own VpcConfig; a version on a capacity provider is not (see capacity-providers.ts). */
export const isVpcEnabled = hasOwnVpcConfig;

function byId<T>(items: readonly T[] | null, id: (item: T) => string): Map<string, T> {
  return new Map((items ?? []).map((item) => [id(item), item]));
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The records of each function with a VPC-enabled record, by name, in snapshot order. */
function recordsOfVpcFunctions(records: readonly FunctionRecord[]): Map<string, FunctionRecord[]> {
  // Most functions of an account are not in a VPC: naming the VPC ones first spares grouping all the others.
  const vpcNames = new Set<string>();
  for (const record of records) if (isVpcEnabled(record)) vpcNames.add(record.FunctionName);
  const recordsByName = new Map<string, FunctionRecord[]>();
  for (const record of records) {
    if (vpcNames.has(record.FunctionName)) pushTo(recordsByName, record.FunctionName, record);
  }
  return recordsByName;
}

/** The union of sorted, unique lists, sorted and unique. */
function unionOfSorted(lists: readonly (readonly string[])[]): string[] {
  // A function whose versions share one configuration (the usual case) has nothing to merge.
  const [only] = lists;
  if (lists.length === 1 && only) return [...only];
  return sortedUnique(flatMapList(lists, (list) => list));
}

function groupVpcFunctions(snapshot: Snapshot): VpcFunction[] {
  const recordsByName = recordsOfVpcFunctions(snapshot.functions ?? []);

  const result: VpcFunction[] = [];
  for (const [name, all] of recordsByName) {
    const records = all.filter(isVpcEnabled);
    if (records.length === 0) continue;
    const latest = all.find((r) => r.Version === '$LATEST');
    const reference = latest ?? records[0];
    if (!reference) continue;
    const variants = new Map<string, VpcConfigVariant>();
    for (const record of records) {
      const subnetIds = sortedUnique(record.VpcConfig?.SubnetIds ?? []);
      const securityGroupIds = sortedUnique(record.VpcConfig?.SecurityGroupIds ?? []);
      const ipv6AllowedForDualStack = record.VpcConfig?.Ipv6AllowedForDualStack === true;
      const key = `${subnetIds.join(',')}|${securityGroupIds.join(',')}|${ipv6AllowedForDualStack}`;
      const variant = variants.get(key);
      if (variant) variant.versions.push(record.Version);
      else
        variants.set(key, {
          subnetIds,
          securityGroupIds,
          ipv6AllowedForDualStack,
          versions: [record.Version],
        });
    }
    const variantList = [...variants.values()];
    result.push({
      name,
      arn: unqualifiedArn(reference.FunctionArn),
      latest,
      records,
      variants: variantList,
      detail: snapshot.functionDetails?.[name],
      role: reference.Role,
      memorySize: reference.MemorySize,
      subnetIds: unionOfSorted(variantList.map((v) => v.subnetIds)),
      securityGroupIds: unionOfSorted(variantList.map((v) => v.securityGroupIds)),
    });
  }
  return result.sort((a, b) => compareText(a.name, b.name));
}

function buildCombinations(vpcFunctions: readonly VpcFunction[]): Map<string, Combination> {
  const combinations = new Map<string, Combination>();
  for (const fn of vpcFunctions) {
    for (const variant of fn.variants) {
      // A variant's groups are already sorted and unique: `combinationKey` without sorting them again per subnet.
      const groupsKey = variant.securityGroupIds.join(',');
      for (const subnetId of variant.subnetIds) {
        const key = `${subnetId}|${groupsKey}`;
        let combination = combinations.get(key);
        if (!combination) {
          combination = { key, subnetId, securityGroupIds: variant.securityGroupIds, users: [] };
          combinations.set(key, combination);
        }
        for (const version of variant.versions) combination.users.push({ functionName: fn.name, version });
      }
    }
  }
  return combinations;
}

export function eniGroupIds(eni: NetworkInterface): string[] {
  return mapDefined(eni.Groups, (g) => g.GroupId || undefined);
}

export function buildIndex(snapshot: Snapshot): SnapshotIndex {
  const vpcFunctions = groupVpcFunctions(snapshot);
  const combinations = buildCombinations(vpcFunctions);

  const eniUsers = new Map<string, FunctionUse[]>();
  const lambdaEnisBySubnet = new Map<string, NetworkInterface[]>();
  const lambdaEnisBySecurityGroup = new Map<string, NetworkInterface[]>();
  for (const eni of snapshot.networkInterfaces ?? []) {
    const groups = eniGroupIds(eni);
    const users = eni.SubnetId ? (combinations.get(combinationKey(eni.SubnetId, groups))?.users ?? []) : [];
    eniUsers.set(eni.NetworkInterfaceId, users);
    if (eni.SubnetId) pushTo(lambdaEnisBySubnet, eni.SubnetId, eni);
    for (const group of new Set(groups)) pushTo(lambdaEnisBySecurityGroup, group, eni);
  }

  const explicitTable = new Map<string, RouteTable>();
  const mainTableByVpc = new Map<string, RouteTable>();
  for (const table of snapshot.routeTables ?? []) {
    for (const association of table.Associations) {
      if (association.Main) mainTableByVpc.set(table.VpcId, table);
      else if (association.SubnetId) explicitTable.set(association.SubnetId, table);
    }
  }
  const subnetById = byId(snapshot.subnets, (s) => s.SubnetId);

  const capacityProviders = providerNetworks(snapshot);
  const capacityProviderByArn = new Map(capacityProviders.map((network) => [network.arn, network]));
  const index: Omit<SnapshotIndex, 'egress'> = {
    vpcFunctions,
    capacityProviders,
    capacityProviderByArn,
    providerFunctions: providerFunctions(snapshot, capacityProviderByArn),
    functionNames: [...new Set((snapshot.functions ?? []).map((f) => f.FunctionName))].sort(),
    subnetById,
    vpcById: byId(snapshot.vpcs, (v) => v.VpcId),
    securityGroupById: byId(snapshot.securityGroups, (g) => g.GroupId),
    natGatewayById: byId(snapshot.natGateways, (n) => n.NatGatewayId),
    routeTableById: byId(snapshot.routeTables, (t) => t.RouteTableId),
    combinations,
    eniUsers,
    lambdaEnisBySubnet,
    lambdaEnisBySecurityGroup,
    roleNames: snapshot.roles ? new Set(snapshot.roles.map((r) => r.RoleName)) : null,
    routingForSubnet(subnetId) {
      const explicit = explicitTable.get(subnetId);
      if (explicit) return { table: explicit, viaMainTable: false };
      const vpcId = subnetById.get(subnetId)?.VpcId;
      const main = vpcId ? mainTableByVpc.get(vpcId) : undefined;
      return main ? { table: main, viaMainTable: true } : undefined;
    },
  };
  return { ...index, egress: egressIndex(snapshot, index) };
}

/** The VPCs a function's subnets belong to (derived from the subnets, not from `VpcConfig.VpcId`). */
export function functionVpcIds(fn: VpcFunction, index: SnapshotIndex): string[] {
  return sortedUnique(mapDefined(fn.subnetIds, (id) => index.subnetById.get(id)?.VpcId));
}
