import * as z from 'zod/mini';
import {
  InternetGatewaySchema,
  NatGatewaySchema,
  NetworkInterfaceCountsSchema,
  NetworkInterfaceSchema,
  RouteTableSchema,
  SecurityGroupSchema,
  SubnetSchema,
  VpcAttributesSchema,
  VpcEndpointSchema,
  VpcSchema,
} from './snapshot-ec2.js';
import {
  NetworkAclSchema,
  RouteTargetInstanceSchema,
  RouteTargetInterfaceSchema,
  TransitGatewayVpcAttachmentSchema,
  VpcPeeringConnectionSchema,
} from './snapshot-egress.js';
import { RolePermissionsSchema, RoleSchema } from './snapshot-iam.js';
import { RolePoliciesSchema } from './snapshot-iam-policies.js';
import { AccountSettingsSchema, FunctionDetailSchema, FunctionRecordSchema } from './snapshot-lambda.js';
import { CoverageGapSchema, SNAPSHOT_PARTS, SnapshotMetaSchema, type SnapshotPart } from './snapshot-meta.js';
import {
  CapacityProviderSchema,
  CapacityProviderVersionsSchema,
  LambdaOperatedNetworkInterfaceSchema,
} from './snapshot-providers.js';
import { ConcurrencyMetricsSchema, QuotasSchema } from './snapshot-usage.js';

/**
 * A Snapshot is everything the collectors read from one account and region, as plain JSON.
 * Field names follow the AWS API (PascalCase) so a reader can check them against the API reference.
 * A part that could not be collected is `null`, never an empty list: empty means "there are none".
 * Each service's parts are defined in their own file; this one puts them together, and every part's schema
 * and type is imported from here.
 */

export * from './snapshot-ec2.js';
export * from './snapshot-egress.js';
export * from './snapshot-iam.js';
export * from './snapshot-iam-policies.js';
export * from './snapshot-lambda.js';
export * from './snapshot-meta.js';
export * from './snapshot-providers.js';
export * from './snapshot-usage.js';

/**
 * 2 added capacity providers, their function versions and the ENIs Lambda operates for them (snapshot-providers.ts),
 * the execution roles' policies (`rolePolicies`, snapshot-iam-policies.ts) and the egress parts
 * (snapshot-egress.ts); version-1 files still load (lib/model/snapshot-upgrade.ts).
 */
export const SNAPSHOT_SCHEMA_VERSION = 2;

export const SnapshotSchema = z.object({
  schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
  meta: SnapshotMetaSchema,
  coverage: z.array(CoverageGapSchema),
  functions: z.nullable(z.array(FunctionRecordSchema)),
  /** Keyed by function name; a VPC function missing here had its GetFunction fail (see coverage). */
  functionDetails: z.nullable(z.record(z.string(), FunctionDetailSchema)),
  accountSettings: z.nullable(AccountSettingsSchema),
  vpcs: z.nullable(z.array(VpcSchema)),
  vpcAttributes: z.nullable(z.record(z.string(), VpcAttributesSchema)),
  subnets: z.nullable(z.array(SubnetSchema)),
  routeTables: z.nullable(z.array(RouteTableSchema)),
  internetGateways: z.nullable(z.array(InternetGatewaySchema)),
  natGateways: z.nullable(z.array(NatGatewaySchema)),
  securityGroups: z.nullable(z.array(SecurityGroupSchema)),
  /** Lambda ENIs only (interface type `lambda` or a Lambda description). */
  networkInterfaces: z.nullable(z.array(NetworkInterfaceSchema)),
  networkInterfaceCounts: z.nullable(NetworkInterfaceCountsSchema),
  vpcEndpoints: z.nullable(z.array(VpcEndpointSchema)),
  /** The instances that routes target (NAT instances, appliances). */
  routeTargetInstances: z.nullable(z.array(RouteTargetInstanceSchema)),
  /** The network interfaces that routes target, from the same scan as `networkInterfaces`. */
  routeTargetInterfaces: z.nullable(z.array(RouteTargetInterfaceSchema)),
  /** The transit gateway attachments of the VPCs functions use. */
  transitGatewayAttachments: z.nullable(z.array(TransitGatewayVpcAttachmentSchema)),
  /** The peering connections that routes of those VPCs name. */
  vpcPeeringConnections: z.nullable(z.array(VpcPeeringConnectionSchema)),
  /** The network ACLs of the VPCs functions use. */
  networkAcls: z.nullable(z.array(NetworkAclSchema)),
  roles: z.nullable(z.array(RoleSchema)),
  /** The execution roles' policies (GetAccountAuthorizationDetails); null when not read (then every role is simulated). */
  rolePolicies: z.nullable(RolePoliciesSchema),
  /** SimulatePrincipalPolicy's answers for the roles that were simulated (lib/collect/role-checks.ts). */
  rolePermissions: z.nullable(RolePermissionsSchema),
  metrics: z.nullable(ConcurrencyMetricsSchema),
  quotas: z.nullable(QuotasSchema),
  capacityProviders: z.nullable(z.array(CapacityProviderSchema)),
  capacityProviderVersions: z.nullable(CapacityProviderVersionsSchema),
  /** ENIs Lambda operates for managed instances and network connectors (not in `networkInterfaces`). */
  lambdaOperatedNetworkInterfaces: z.nullable(z.array(LambdaOperatedNetworkInterfaceSchema)),
});

export type Snapshot = z.infer<typeof SnapshotSchema>;

/** Which parts a snapshot holds; a part is missing when it is null. */
export function missingParts(snapshot: Snapshot): SnapshotPart[] {
  return SNAPSHOT_PARTS.filter((part) => snapshot[part] === null);
}
