import * as z from 'zod/mini';
import { optStr, str } from './snapshot-fields.js';

/** Which account, region and run a snapshot is of, and what could not be collected in it (coverage gaps). */

export const SNAPSHOT_PARTS = [
  'functions',
  'functionDetails',
  'accountSettings',
  'vpcs',
  'vpcAttributes',
  'subnets',
  'routeTables',
  'internetGateways',
  'natGateways',
  'securityGroups',
  'networkInterfaces',
  'vpcEndpoints',
  'routeTargetInstances',
  'routeTargetInterfaces',
  'transitGatewayAttachments',
  'vpcPeeringConnections',
  'networkAcls',
  'roles',
  'rolePolicies',
  'rolePermissions',
  'metrics',
  'quotas',
  'capacityProviders',
  'capacityProviderVersions',
  'lambdaOperatedNetworkInterfaces',
] as const;
export type SnapshotPart = (typeof SNAPSHOT_PARTS)[number];

export const CoverageGapSchema = z.object({
  part: z.enum(SNAPSHOT_PARTS),
  /** `service:Operation`, e.g. `ec2:DescribeSubnets`. */
  api: str,
  errorCode: str,
  message: str,
  /** Set when only one resource's data is missing (one GetFunction, one VPC's attributes). */
  resource: optStr,
});

export const SnapshotMetaSchema = z.object({
  accountId: str,
  region: str,
  capturedAt: str,
  endpoint: optStr,
  tool: z.object({ name: str, version: str }),
  /** Set when collection stopped early (time budget); the parts not reached are null. */
  incomplete: z.optional(z.object({ reason: str })),
});

export type SnapshotMeta = z.infer<typeof SnapshotMetaSchema>;
export type CoverageGap = z.infer<typeof CoverageGapSchema>;
