import type { EgressPath } from '../egress/path.js';
import type { SubnetEgress } from '../egress/subnets.js';
import { isPublicSubnetPath } from '../function-egress.js';
import type { SnapshotIndex } from '../snapshot-index.js';

/**
 * The egress of proposed subnets, from the audit's path walker (lib/analyze/egress/): the same path a routing rule
 * would judge once the function is deployed there. A plan sends IPv4 only; IPv6 is the function's choice later.
 */
export function proposedSubnetEgress(index: SnapshotIndex, subnetIds: readonly string[]): SubnetEgress[] {
  return subnetIds.map((id) => index.egress.subnet(id));
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
