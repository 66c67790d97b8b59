import type { RuleResult } from '../model/finding.js';
import type { Snapshot } from '../model/snapshot.js';
import type { Analysis } from './engine.js';
import { functionVpcIds, roleNameFromArn, type SnapshotIndex, unqualifiedArn } from './snapshot-index.js';

/**
 * An on-demand run limited to some functions (`functions` in the invoke payload). The analysis still runs
 * over the whole snapshot: an ENI is orphaned only if NO function uses it, so hiding functions before the
 * analysis would make their ENIs look orphaned. The report is limited afterwards to the selected functions
 * and the resources they use.
 */

/** A function name (`orders-*`) or ARN (`arn:aws:lambda:*:*:function:orders-*`) pattern; `*` and `?` are wildcards. */
export function functionPatternMatcher(pattern: string): (name: string, arn: string) => boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  const regex = new RegExp(`^${source}$`);
  if (pattern.includes(':')) return (_name, arn) => regex.test(arn) || regex.test(unqualifiedArn(arn));
  return (name) => regex.test(name);
}

export interface FunctionSelection {
  names: Set<string>;
  /** Patterns that matched no function, so the caller can say so. */
  unmatched: string[];
}

/** The function names (VPC or not) that match any pattern. */
export function selectFunctions(snapshot: Snapshot, patterns: readonly string[]): FunctionSelection {
  const names = new Set<string>();
  const unmatched: string[] = [];
  for (const pattern of patterns) {
    const matches = functionPatternMatcher(pattern);
    let matched = false;
    for (const record of snapshot.functions ?? []) {
      if (matches(record.FunctionName, record.FunctionArn)) {
        names.add(record.FunctionName);
        matched = true;
      }
    }
    if (!matched) unmatched.push(pattern);
  }
  return { names, unmatched };
}

/** Resource ids, by resource type, that the selected functions use. */
function usedResources(index: SnapshotIndex, names: ReadonlySet<string>) {
  const functions = index.vpcFunctions.filter((fn) => names.has(fn.name));
  const subnets = new Set(functions.flatMap((fn) => fn.subnetIds));
  // Every NAT gateway on their egress paths, behind a firewall endpoint too.
  const natGateways = new Set<string>();
  for (const subnetId of subnets) {
    const egress = index.egress.subnet(subnetId);
    for (const hop of [...egress.ipv4.hops, ...egress.ipv6.hops])
      if (hop.route?.targetKind === 'nat-gateway') natGateways.add(hop.route.targetId);
  }
  const enis = new Set(
    [...index.eniUsers]
      .filter(([, users]) => users.some((use) => names.has(use.functionName)))
      .map(([eniId]) => eniId),
  );
  return {
    functions,
    function: names,
    subnet: subnets,
    'security-group': new Set(functions.flatMap((fn) => fn.securityGroupIds)),
    vpc: new Set(functions.flatMap((fn) => functionVpcIds(fn, index))),
    role: new Set(functions.map((fn) => roleNameFromArn(fn.role))),
    'network-interface': enis,
    'nat-gateway': natGateways,
    'capacity-provider': new Set(
      index.capacityProviders
        .filter((network) => network.functionNames.some((name) => names.has(name)))
        .map((network) => network.name),
    ),
  };
}

/**
 * The analysis limited to the selected functions: their results, and those of the subnets, security
 * groups, VPCs, roles, ENIs and NAT gateways they use; account-wide results are kept. The index keeps every
 * derived view, but lists only the selected functions, so the report's inventory and counts follow.
 */
export function limitToFunctions(analysis: Analysis, names: ReadonlySet<string>): Analysis {
  const used = usedResources(analysis.index, names);
  const keep = (result: RuleResult): boolean => {
    if (result.functionName !== undefined) return names.has(result.functionName);
    if (result.resourceType === 'account') return true;
    return used[result.resourceType].has(result.resourceId);
  };
  return {
    outcomes: analysis.outcomes.map((outcome) => ({ ...outcome, results: outcome.results.filter(keep) })),
    index: {
      ...analysis.index,
      vpcFunctions: used.functions,
      providerFunctions: analysis.index.providerFunctions.filter((fn) => names.has(fn.name)),
      functionNames: analysis.index.functionNames.filter((name) => names.has(name)),
    },
  };
}
