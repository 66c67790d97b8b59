import type { SubnetEgress } from '../egress.js';
import type { SnapshotIndex } from '../snapshot-index.js';

/**
 * The egress verdict of proposed subnets: today the audit's per-subnet judgement of the subnet's default route
 * (egress.ts through the index). The one place `plan` asks it, so a better egress analysis replaces it here.
 */
export function proposedSubnetEgress(index: SnapshotIndex, subnetIds: readonly string[]): SubnetEgress[] {
  return subnetIds.map((id) => index.egressForSubnet(id));
}
