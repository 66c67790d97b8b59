import type { RuleResult } from '../model/finding.js';
import { pathLine } from './egress/describe.js';
import type { EgressPath, StopReason } from './egress/path.js';
import type { SubnetSetEgress, UsedSubnet } from './egress/subnets.js';
import { functionResult } from './function-result.js';
import { sharedPer } from './memo.js';
import type { SnapshotIndex, VpcFunction } from './snapshot-index.js';

/**
 * A function's egress as its rules judge it: per routing configuration (the subnets, and whether it sends IPv6).
 * Security groups do not route, so versions that differ only in them share one configuration.
 */
export interface ConfigurationEgress {
  versions: string[];
  subnetIds: string[];
  ipv6AllowedForDualStack: boolean;
  egress: SubnetSetEgress;
}

/** Per function (each belongs to one index): every routing rule asks, and their evidence is shared per subnet. */
const configurationsByFunction = new WeakMap<VpcFunction, ConfigurationEgress[]>();

export function configurationsOf(fn: VpcFunction, index: SnapshotIndex): ConfigurationEgress[] {
  const known = configurationsByFunction.get(fn);
  if (known !== undefined) return known;
  const configurations = groupConfigurations(fn, index);
  configurationsByFunction.set(fn, configurations);
  return configurations;
}

function groupConfigurations(fn: VpcFunction, index: SnapshotIndex): ConfigurationEgress[] {
  const byKey = new Map<string, ConfigurationEgress>();
  for (const variant of fn.variants) {
    const key = `${variant.subnetIds.join(',')}|${variant.ipv6AllowedForDualStack}`;
    const existing = byKey.get(key);
    if (existing) existing.versions.push(...variant.versions);
    else
      byKey.set(key, {
        versions: [...variant.versions],
        subnetIds: variant.subnetIds,
        ipv6AllowedForDualStack: variant.ipv6AllowedForDualStack,
        egress: index.egress.subnets(variant.subnetIds, variant.ipv6AllowedForDualStack),
      });
  }
  return [...byKey.values()];
}

/** Every existing subnet of every configuration with the paths it sends; a subnet in several, once per configuration. */
export function usedSubnets(configurations: readonly ConfigurationEgress[]): UsedSubnet[] {
  return configurations.flatMap((c) => c.egress.used);
}

/**
 * One result per VPC function, judged from its routing configurations and the subnets they use; a function none of
 * whose subnets exists has no egress to judge (unknown).
 */
export function judgeEachFunction(
  index: SnapshotIndex,
  judge: (fn: VpcFunction, configurations: ConfigurationEgress[], subnets: UsedSubnet[]) => RuleResult,
): RuleResult[] {
  return index.vpcFunctions.map((fn) => {
    const configurations = configurationsOf(fn, index);
    const subnets = usedSubnets(configurations);
    return subnets.length === 0 ? noSubnetResult(fn) : judge(fn, configurations, subnets);
  });
}

/** "subnet-a (main route table rtb-1)": the subnet and the route table its IPv4 default route was read from. */
export function subnetWithRouteTable(used: UsedSubnet): string {
  const hop = used.subnet.ipv4.hops[0];
  return `${used.subnet.subnetId} (${hop?.viaMainTable ? 'main route table' : 'route table'} ${hop?.routeTableId ?? ''})`;
}

/** IPv4 from the function's own subnet straight to an internet gateway: a public subnet (no public IP, no internet). */
export function isPublicSubnetPath(path: EgressPath): boolean {
  return (
    path.family === 'ipv4' &&
    path.hops.length === 1 &&
    path.verdict.kind === 'no-internet' &&
    path.verdict.stop === 'no-public-ip'
  );
}

export function stopOf(path: EgressPath): StopReason | null {
  return path.verdict.kind === 'no-internet' ? path.verdict.stop : null;
}

/**
 * Whether the path's first hop is still in question: nothing was read, or the subnet's own route (to an internet
 * gateway) could not be judged. Past the first hop, whether the subnet is public is known.
 */
export function firstHopUnknown(path: EgressPath): boolean {
  if (!isRouteUnknown(path)) return false;
  const [first, second] = path.hops;
  return (
    first === undefined ||
    (second === undefined && (first.route === null || first.route.targetKind === 'internet-gateway'))
  );
}

/** "" when every version uses the subnets, else " (versions 1, 2)": only worth saying when it narrows things. */
export function versionsNote(fn: VpcFunction, versions: readonly string[]): string {
  const all = fn.variants.flatMap((v) => v.versions);
  if (versions.length === 0 || versions.length === all.length) return '';
  return ` (version${versions.length === 1 ? '' : 's'} ${versions.join(', ')})`;
}

/** The versions whose configuration uses any of the subnets, in the order the configurations list them. */
export function versionsUsingAny(
  configurations: readonly ConfigurationEgress[],
  subnetIds: readonly string[],
): string[] {
  const wanted = new Set(subnetIds);
  return configurations.filter((c) => c.subnetIds.some((id) => wanted.has(id))).flatMap((c) => c.versions);
}

/**
 * Who an egress verdict is about, for the rules that judge functions and capacity providers alike: the name a
 * message starts with, narrowed to the versions that use some subnets, with evidence naming those versions.
 */
export interface EgressSubject {
  name: string;
  using(subnetIds: readonly string[]): { who: string; evidence: Record<string, unknown> };
}

export function functionSubject(
  fn: VpcFunction,
  configurations: readonly ConfigurationEgress[],
): EgressSubject {
  return {
    name: fn.name,
    using(subnetIds) {
      const versions = versionsUsingAny(configurations, subnetIds);
      return { who: `${fn.name}${versionsNote(fn, versions)}`, evidence: { versions } };
    },
  };
}

/** A path as finding evidence: the family, the verdict, the line a person follows, and each hop. */
export const pathEvidence = sharedPer((path: EgressPath) => ({
  family: path.family,
  verdict: path.verdict,
  detail: path.detail,
  path: pathLine(path),
  hops: path.hops,
}));

/** A subnet's paths as finding evidence. */
export const subnetEvidence = sharedPer((used: UsedSubnet) => ({
  subnetId: used.subnet.subnetId,
  availabilityZone: used.subnet.availabilityZone,
  paths: used.paths.map(pathEvidence),
}));

/** The short evidence of a passed check: each subnet with its verdict per family. */
export const verdictEvidence = sharedPer((used: UsedSubnet) => ({
  subnetId: used.subnet.subnetId,
  verdicts: used.paths.map((p) => `${p.family}: ${p.verdict.kind}`),
}));

/** "subnet-a (IPv4: the route ... is a blackhole)" for the paths the predicate selects. */
export function pathList(subnets: readonly UsedSubnet[], select: (path: EgressPath) => boolean): string {
  const dual = subnets.some((s) => s.paths.length > 1);
  return subnets
    .flatMap((s) =>
      s.paths
        .filter(select)
        .map(
          (p) =>
            `${s.subnet.subnetId} (${dual ? `${p.family === 'ipv4' ? 'IPv4' : 'IPv6'}: ` : ''}${p.detail})`,
        ),
    )
    .join('; ');
}

/** The subnets with a path the predicate selects. */
export function subnetsWith(
  subnets: readonly UsedSubnet[],
  select: (path: EgressPath) => boolean,
): UsedSubnet[] {
  return subnets.filter((s) => s.paths.some(select));
}

export const isUnknown = (path: EgressPath): boolean => path.verdict.kind === 'unknown';
/** Unknown in its routes, not only in a network ACL: what routing-only checks cannot judge. */
export const isRouteUnknown = (path: EgressPath): boolean => path.routeVerdict.kind === 'unknown';

/** The result for a function none of whose configured subnets exists: nothing to judge, which is not a pass. */
export function noSubnetResult(fn: VpcFunction): RuleResult {
  return functionResult(fn, {
    status: 'unknown',
    message: `None of ${fn.name}'s subnets exists (${fn.subnetIds.join(', ')}), so it has no egress to judge.`,
    evidence: { deletedSubnets: fn.subnetIds },
  });
}

/** "subnet-a (why)" for the paths whose verdict (or, with `routes`, whose routes) cannot be told. */
export function unknownReasons(subnets: readonly UsedSubnet[], select = isUnknown): string {
  return pathList(subnets, select);
}
