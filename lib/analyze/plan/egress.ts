import type { EgressPath } from '../egress/path.js';
import type { UsedSubnet } from '../egress/subnets.js';
import { isPublicSubnetPath } from '../function-egress.js';
import type { SnapshotIndex } from '../snapshot-index.js';

/**
 * The IPv4 paths of a function's proposed subnets, from the audit's path walker (lib/analyze/egress/): the same
 * paths a routing rule judges once the function is deployed there. A plan sends IPv4 only; IPv6 is the function's
 * choice later. Subnets collected as absent have no path.
 */
export function proposedSubnetEgress(index: SnapshotIndex, subnetIds: readonly string[]): UsedSubnet[] {
  return index.egress.subnets(subnetIds, false).used;
}

/** The one word a plan shows per subnet: where its IPv4 path to the internet ends. */
export function egressClassOf(path: EgressPath): string {
  const { verdict } = path;
  switch (verdict.kind) {
    case 'internet':
      return 'internet';
    case 'isolated':
      return 'none';
    case 'beyond':
      return 'beyond';
    case 'unknown':
      return 'unknown';
    case 'no-internet':
      if (isPublicSubnetPath(path)) return 'public';
      return verdict.stop === 'blackhole' ? 'blackhole' : 'no-internet';
  }
}
