import { capacityProviderArnOf } from '../model/function-networking.js';
import type { CapacityProvider, FunctionDetail, FunctionRecord, Snapshot } from '../model/snapshot.js';
import { compareText } from '../model/text-order.js';

/** One function version (the snapshot index's FunctionUse). */
interface VersionUse {
  functionName: string;
  version: string;
}

/**
 * A capacity provider as a network configuration of its own: Lambda launches instances in its subnets, with its
 * security groups, and the traffic of every function version on it leaves through them. The rules judge the
 * provider once, naming the functions on it, rather than once per function.
 */
export interface ProviderNetwork {
  arn: string;
  /** The last part of the ARN: what users call it. */
  name: string;
  /** ListCapacityProviders' answer; undefined when the providers were not collected or it was not listed. */
  provider: CapacityProvider | undefined;
  subnetIds: string[];
  securityGroupIds: string[];
  operatorRoleArn: string | undefined;
  /** The function versions on it, from their CapacityProviderConfig (ListFunctions). */
  users: VersionUse[];
  /** Distinct function names of `users`, sorted. */
  functionNames: string[];
}

/**
 * A function with a version on a capacity provider, shaped as the index's VPC function (one configuration per
 * provider, with the provider's subnets and security groups) so the inventory lists both alike.
 */
export interface ProviderFunction {
  name: string;
  arn: string;
  latest: FunctionRecord | undefined;
  /** Its records on a capacity provider. */
  records: FunctionRecord[];
  variants: {
    subnetIds: string[];
    securityGroupIds: string[];
    ipv6AllowedForDualStack: boolean;
    versions: string[];
  }[];
  detail: FunctionDetail | undefined;
  role: string;
  memorySize: number;
  subnetIds: string[];
  securityGroupIds: string[];
  /** The providers its versions run on (one, unless versions moved), sorted. */
  capacityProviderArns: string[];
}

export function providerName(arn: string): string {
  return arn.slice(arn.lastIndexOf(':') + 1);
}

function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

function unqualified(functionArn: string): string {
  return functionArn.split(':').slice(0, 7).join(':');
}

/** Every provider listed, and every provider a version names that was not (not collected, or gone). */
export function providerNetworks(snapshot: Snapshot): ProviderNetwork[] {
  const usersByArn = new Map<string, VersionUse[]>();
  for (const record of snapshot.functions ?? []) {
    const arn = capacityProviderArnOf(record);
    if (arn === undefined) continue;
    const users = usersByArn.get(arn) ?? [];
    users.push({ functionName: record.FunctionName, version: record.Version });
    usersByArn.set(arn, users);
  }
  const listed = new Map((snapshot.capacityProviders ?? []).map((p) => [p.CapacityProviderArn, p]));
  return sortedSet([...listed.keys(), ...usersByArn.keys()]).map((arn) => {
    const provider = listed.get(arn);
    const users = usersByArn.get(arn) ?? [];
    return {
      arn,
      name: providerName(arn),
      provider,
      subnetIds: sortedSet(provider?.VpcConfig.SubnetIds ?? []),
      securityGroupIds: sortedSet(provider?.VpcConfig.SecurityGroupIds ?? []),
      operatorRoleArn: provider?.PermissionsConfig.CapacityProviderOperatorRoleArn,
      users,
      functionNames: sortedSet(users.map((use) => use.functionName)),
    };
  });
}

/** The functions with versions on capacity providers, each version configured with its provider's network. */
export function providerFunctions(
  snapshot: Snapshot,
  networkByArn: ReadonlyMap<string, ProviderNetwork>,
): ProviderFunction[] {
  const recordsByName = new Map<string, FunctionRecord[]>();
  for (const record of snapshot.functions ?? []) {
    if (capacityProviderArnOf(record) === undefined) continue;
    recordsByName.set(record.FunctionName, [...(recordsByName.get(record.FunctionName) ?? []), record]);
  }
  const result: ProviderFunction[] = [];
  for (const [name, records] of recordsByName) {
    const reference = records.find((r) => r.Version === '$LATEST') ?? records[0];
    if (reference === undefined) continue;
    const byProvider = new Map<string, string[]>();
    for (const record of records) {
      const arn = capacityProviderArnOf(record) ?? '';
      byProvider.set(arn, [...(byProvider.get(arn) ?? []), record.Version]);
    }
    const variants = [...byProvider.entries()].map(([arn, versions]) => ({
      subnetIds: networkByArn.get(arn)?.subnetIds ?? [],
      securityGroupIds: networkByArn.get(arn)?.securityGroupIds ?? [],
      // The instances' traffic, not the function's VpcConfig: whether they send IPv6 is not documented.
      ipv6AllowedForDualStack: false,
      versions,
    }));
    result.push({
      name,
      arn: unqualified(reference.FunctionArn),
      latest: records.find((r) => r.Version === '$LATEST'),
      records,
      variants,
      detail: snapshot.functionDetails?.[name],
      role: reference.Role,
      memorySize: reference.MemorySize,
      subnetIds: sortedSet(variants.flatMap((v) => v.subnetIds)),
      securityGroupIds: sortedSet(variants.flatMap((v) => v.securityGroupIds)),
      capacityProviderArns: sortedSet(byProvider.keys()),
    });
  }
  return result.sort((a, b) => compareText(a.name, b.name));
}
