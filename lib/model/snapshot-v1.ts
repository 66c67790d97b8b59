import type { CoverageGap, SnapshotPart } from './snapshot-meta.js';

/**
 * Snapshot files written before schema version 2 still load: the parts version 2 added are null (never a guessed
 * value, never an empty list), each with a coverage gap saying it was not collected for this snapshot, so every
 * check that needs one says unknown and the report names why.
 */

/** The parts version 2 added, with the API that reads each. */
const ADDED_IN_V2: readonly { part: SnapshotPart; api: string }[] = [
  { part: 'capacityProviders', api: 'lambda:ListCapacityProviders' },
  { part: 'capacityProviderVersions', api: 'lambda:ListFunctionVersionsByCapacityProvider' },
  { part: 'lambdaOperatedNetworkInterfaces', api: 'ec2:DescribeNetworkInterfaces' },
];

export const NOT_IN_SNAPSHOT = 'NotInSnapshot';

/** A version-1 snapshot object as version 2: the same data, the new parts null with a gap each. */
export function upgradeFromV1(data: Record<string, unknown>): Record<string, unknown> {
  const gaps: CoverageGap[] = ADDED_IN_V2.map(({ part, api }) => ({
    part,
    api,
    errorCode: NOT_IN_SNAPSHOT,
    message: 'Not collected for this snapshot: it was written with snapshot schema version 1.',
  }));
  const coverage = Array.isArray(data.coverage) ? data.coverage : [];
  const upgraded: Record<string, unknown> = { ...data, schemaVersion: 2, coverage: [...coverage, ...gaps] };
  for (const { part } of ADDED_IN_V2) upgraded[part] = null;
  return upgraded;
}
