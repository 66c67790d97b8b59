import type { CoverageGap, SnapshotPart } from './snapshot-meta.js';

/**
 * Older snapshots in today's shape. A part an older version did not have is null (never a guessed value, never an
 * empty list), with a coverage gap that says it was not collected for this snapshot, so every check that needs it
 * says unknown and the report names why. Works on parsed JSON before it is validated; anything that is not an
 * older snapshot is returned as it is, for validation to judge.
 */

/** The parts each version added, with the API that reads them. */
const ADDED_IN: Record<number, readonly { part: SnapshotPart; api: string }[]> = {
  2: [
    // Issue 15: capacity providers (lib/model/snapshot-providers.ts).
    { part: 'capacityProviders', api: 'lambda:ListCapacityProviders' },
    { part: 'capacityProviderVersions', api: 'lambda:ListFunctionVersionsByCapacityProvider' },
    { part: 'lambdaOperatedNetworkInterfaces', api: 'ec2:DescribeNetworkInterfaces' },
    // Issue 16: the execution roles' policies (lib/model/snapshot-iam-policies.ts).
    { part: 'rolePolicies', api: 'iam:GetAccountAuthorizationDetails' },
    // Issue 14: what the egress walker reads beyond the route tables (lib/model/snapshot-egress.ts).
    { part: 'routeTargetInstances', api: 'ec2:DescribeInstances' },
    { part: 'routeTargetInterfaces', api: 'ec2:DescribeNetworkInterfaces' },
    { part: 'transitGatewayAttachments', api: 'ec2:DescribeTransitGatewayVpcAttachments' },
    { part: 'vpcPeeringConnections', api: 'ec2:DescribeVpcPeeringConnections' },
    { part: 'networkAcls', api: 'ec2:DescribeNetworkAcls' },
  ],
};

export const NOT_IN_SNAPSHOT = 'NotInSnapshot';

/** The versions older files may have and still be read. */
export const READABLE_OLDER_VERSIONS: readonly number[] = [1];

export function upgradeSnapshot(data: Record<string, unknown>, current: number): Record<string, unknown> {
  const from = data.schemaVersion;
  if (typeof from !== 'number' || !READABLE_OLDER_VERSIONS.includes(from)) return data;
  const upgraded: Record<string, unknown> = { ...data, schemaVersion: current };
  const gaps: CoverageGap[] = [];
  for (let version = from + 1; version <= current; version += 1) {
    for (const { part, api } of ADDED_IN[version] ?? []) {
      upgraded[part] = null;
      gaps.push({
        part,
        api,
        errorCode: NOT_IN_SNAPSHOT,
        message: `Not collected for this snapshot: it was written with snapshot schema version ${from}.`,
      });
    }
  }
  upgraded.coverage = [...(Array.isArray(data.coverage) ? data.coverage : []), ...gaps];
  return upgraded;
}
