import type { CoverageGap, SnapshotPart } from './snapshot-meta.js';

/**
 * Older snapshot files, read as they were written: a part a version did not have is null with a coverage gap
 * saying it was not collected for this snapshot, never an error and never a guessed value.
 */

/** The parts version 2 added, each with the API that collects it. */
const ADDED_IN_VERSION_2: readonly { part: SnapshotPart; api: string }[] = [
  { part: 'routeTargetInstances', api: 'ec2:DescribeInstances' },
  { part: 'routeTargetInterfaces', api: 'ec2:DescribeNetworkInterfaces' },
  { part: 'transitGatewayAttachments', api: 'ec2:DescribeTransitGatewayVpcAttachments' },
  { part: 'vpcPeeringConnections', api: 'ec2:DescribeVpcPeeringConnections' },
  { part: 'networkAcls', api: 'ec2:DescribeNetworkAcls' },
];

/** The error code of a gap that only means "this snapshot's version did not collect it". */
export const NOT_IN_SNAPSHOT_VERSION = 'NotInSnapshotVersion';

/** The schema versions this auditor reads: the current one, and those it can upgrade. */
export const READABLE_SNAPSHOT_VERSIONS: readonly number[] = [1, 2];

/**
 * A version-1 snapshot as a version-2 one: the added parts null, each with its gap. Anything else is returned as
 * it came, for the schema to judge. Pure: the input is not changed.
 */
export function upgradeSnapshotData(data: Record<string, unknown>): Record<string, unknown> {
  if (data.schemaVersion !== 1) return data;
  const coverage = Array.isArray(data.coverage) ? data.coverage : [];
  const gaps: CoverageGap[] = ADDED_IN_VERSION_2.map(({ part, api }) => ({
    part,
    api,
    errorCode: NOT_IN_SNAPSHOT_VERSION,
    message: 'Not collected for this snapshot: it was written with schema version 1, which predates it.',
  }));
  const added = Object.fromEntries(ADDED_IN_VERSION_2.map(({ part }) => [part, null]));
  return { ...data, ...added, schemaVersion: 2, coverage: [...coverage, ...gaps] };
}
