import * as z from 'zod/mini';

/**
 * A Snapshot is everything the collectors read from one account and region, as plain JSON.
 * Field names follow the AWS API (PascalCase) so a reader can check them against the API reference.
 * A part that could not be collected is `null`, never an empty list: empty means "there are none".
 */
export const SNAPSHOT_SCHEMA_VERSION = 1;

const str = z.string();
const optStr = z.optional(z.string());
const optBool = z.optional(z.boolean());
const strList = z.array(z.string());

export const VpcConfigSchema = z.object({
  SubnetIds: strList,
  SecurityGroupIds: strList,
  VpcId: optStr,
  Ipv6AllowedForDualStack: optBool,
});

/** One ListFunctions item: `$LATEST` or a published version. */
export const FunctionRecordSchema = z.object({
  FunctionName: str,
  FunctionArn: str,
  Version: str,
  Runtime: optStr,
  MemorySize: z.number(),
  Role: str,
  PackageType: optStr,
  Architectures: z.optional(strList),
  LastModified: optStr,
  VpcConfig: z.optional(VpcConfigSchema),
});

/** GetFunction for one VPC-enabled function (by name, so `$LATEST`'s state; concurrency and tags are per function). */
export const FunctionDetailSchema = z.object({
  FunctionName: str,
  State: optStr,
  StateReasonCode: optStr,
  StateReason: optStr,
  LastUpdateStatus: optStr,
  /** Absent when no reserved concurrency is configured. */
  ReservedConcurrentExecutions: z.optional(z.number()),
  /** Null when GetFunction refused the tags (no `lambda:ListTags`): unknown, which is not "no tags". */
  Tags: z.nullable(z.record(z.string(), z.string())),
});

export const AccountSettingsSchema = z.object({
  ConcurrentExecutions: z.number(),
  UnreservedConcurrentExecutions: z.number(),
});

export const VpcSchema = z.object({
  VpcId: str,
  CidrBlock: optStr,
  InstanceTenancy: optStr,
  IsDefault: optBool,
  OwnerId: optStr,
});

/** DescribeVpcAttribute answers for the VPCs functions use; an attribute absent here was not collected. */
export const VpcAttributesSchema = z.object({
  EnableDnsSupport: optBool,
  EnableDnsHostnames: optBool,
});

export const SubnetSchema = z.object({
  SubnetId: str,
  VpcId: str,
  AvailabilityZone: str,
  AvailabilityZoneId: optStr,
  CidrBlock: optStr,
  AvailableIpAddressCount: z.number(),
  MapPublicIpOnLaunch: optBool,
  Ipv6CidrBlocks: z.optional(strList),
});

export const RouteSchema = z.object({
  DestinationCidrBlock: optStr,
  DestinationIpv6CidrBlock: optStr,
  DestinationPrefixListId: optStr,
  GatewayId: optStr,
  NatGatewayId: optStr,
  InstanceId: optStr,
  NetworkInterfaceId: optStr,
  TransitGatewayId: optStr,
  VpcPeeringConnectionId: optStr,
  EgressOnlyInternetGatewayId: optStr,
  CarrierGatewayId: optStr,
  LocalGatewayId: optStr,
  CoreNetworkArn: optStr,
  OdbNetworkArn: optStr,
  State: optStr,
  Origin: optStr,
});

export const RouteTableAssociationSchema = z.object({
  RouteTableAssociationId: optStr,
  SubnetId: optStr,
  GatewayId: optStr,
  Main: optBool,
});

export const RouteTableSchema = z.object({
  RouteTableId: str,
  VpcId: str,
  Associations: z.array(RouteTableAssociationSchema),
  Routes: z.array(RouteSchema),
});

export const InternetGatewaySchema = z.object({
  InternetGatewayId: str,
  Attachments: z.array(z.object({ VpcId: optStr, State: optStr })),
});

export const NatGatewaySchema = z.object({
  NatGatewayId: str,
  VpcId: optStr,
  SubnetId: optStr,
  State: optStr,
  ConnectivityType: optStr,
  /** `zonal` (in one subnet) or `regional` (no SubnetId); absent on older answers, which are zonal. */
  AvailabilityMode: optStr,
});

export const IpPermissionSchema = z.object({
  IpProtocol: optStr,
  FromPort: z.optional(z.number()),
  ToPort: z.optional(z.number()),
  IpRanges: z.array(z.object({ CidrIp: optStr })),
  Ipv6Ranges: z.array(z.object({ CidrIpv6: optStr })),
  PrefixListIds: z.array(z.object({ PrefixListId: optStr })),
  UserIdGroupPairs: z.array(z.object({ GroupId: optStr })),
});

export const SecurityGroupSchema = z.object({
  GroupId: str,
  GroupName: optStr,
  VpcId: optStr,
  IpPermissionsEgress: z.array(IpPermissionSchema),
});

export const NetworkInterfaceSchema = z.object({
  NetworkInterfaceId: str,
  InterfaceType: optStr,
  Description: optStr,
  Status: optStr,
  SubnetId: optStr,
  VpcId: optStr,
  AvailabilityZone: optStr,
  PrivateIpAddress: optStr,
  /** The account that owns the ENI: another one's in a shared VPC subnet is used by that account's functions. */
  OwnerId: optStr,
  RequesterId: optStr,
  RequesterManaged: optBool,
  Groups: z.array(z.object({ GroupId: optStr, GroupName: optStr })),
  Attachment: z.optional(
    z.object({
      AttachmentId: optStr,
      InstanceOwnerId: optStr,
      Status: optStr,
      AttachTime: optStr,
    }),
  ),
});

/** Every ENI in the region counted by interface type (the regional quota counts all of them). */
export const NetworkInterfaceCountsSchema = z.object({
  total: z.number(),
  byInterfaceType: z.record(z.string(), z.number()),
});

export const VpcEndpointSchema = z.object({
  VpcEndpointId: str,
  VpcId: optStr,
  ServiceName: optStr,
  VpcEndpointType: optStr,
  State: optStr,
});

export const RoleSchema = z.object({
  RoleName: str,
  Arn: str,
  RoleId: optStr,
});

/** Daily maxima of one `AWS/Lambda` `ConcurrentExecutions` series. `peak` is null when there were no datapoints. */
export const ConcurrencySeriesSchema = z.object({
  peak: z.nullable(z.number()),
  daily: z.array(z.object({ date: str, max: z.number() })),
});

export const ConcurrencyMetricsSchema = z.object({
  lookbackDays: z.number(),
  periodSeconds: z.number(),
  startTime: str,
  endTime: str,
  /** The account-level series (no dimensions); null when its query failed. */
  account: z.nullable(ConcurrencySeriesSchema),
  /** Keyed by function name; a VPC function missing here had its query fail (see coverage). */
  functions: z.record(z.string(), ConcurrencySeriesSchema),
});

/** Service Quotas values; null when that quota could not be read (the analysis then uses the documented default). */
export const QuotasSchema = z.object({
  /** Lambda `L-9FEE3D26` "Elastic network interfaces per VPC". */
  lambdaEnisPerVpc: z.nullable(z.number()),
  /** VPC `L-DF5E4CA3` "Network interfaces per Region". */
  networkInterfacesPerRegion: z.nullable(z.number()),
});

export const POLICY_DECISIONS = ['allowed', 'explicitDeny', 'implicitDeny'] as const;

/** SimulatePrincipalPolicy decisions per action, keyed by role ARN; a role missing here was not simulated (see coverage). */
export const RolePermissionsSchema = z.record(z.string(), z.record(z.string(), z.enum(POLICY_DECISIONS)));

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
  'roles',
  'rolePermissions',
  'metrics',
  'quotas',
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
  roles: z.nullable(z.array(RoleSchema)),
  rolePermissions: z.nullable(RolePermissionsSchema),
  metrics: z.nullable(ConcurrencyMetricsSchema),
  quotas: z.nullable(QuotasSchema),
});

export type Snapshot = z.infer<typeof SnapshotSchema>;
export type SnapshotMeta = z.infer<typeof SnapshotMetaSchema>;
export type CoverageGap = z.infer<typeof CoverageGapSchema>;
export type FunctionRecord = z.infer<typeof FunctionRecordSchema>;
export type FunctionDetail = z.infer<typeof FunctionDetailSchema>;
export type AccountSettings = z.infer<typeof AccountSettingsSchema>;
export type VpcConfig = z.infer<typeof VpcConfigSchema>;
export type Vpc = z.infer<typeof VpcSchema>;
export type VpcAttributes = z.infer<typeof VpcAttributesSchema>;
export type Subnet = z.infer<typeof SubnetSchema>;
export type Route = z.infer<typeof RouteSchema>;
export type RouteTable = z.infer<typeof RouteTableSchema>;
export type InternetGateway = z.infer<typeof InternetGatewaySchema>;
export type NatGateway = z.infer<typeof NatGatewaySchema>;
export type IpPermission = z.infer<typeof IpPermissionSchema>;
export type SecurityGroup = z.infer<typeof SecurityGroupSchema>;
export type NetworkInterface = z.infer<typeof NetworkInterfaceSchema>;
export type NetworkInterfaceCounts = z.infer<typeof NetworkInterfaceCountsSchema>;
export type VpcEndpoint = z.infer<typeof VpcEndpointSchema>;
export type Role = z.infer<typeof RoleSchema>;
export type RolePermissions = z.infer<typeof RolePermissionsSchema>;
export type PolicyDecision = (typeof POLICY_DECISIONS)[number];
export type ConcurrencySeries = z.infer<typeof ConcurrencySeriesSchema>;
export type ConcurrencyMetrics = z.infer<typeof ConcurrencyMetricsSchema>;
export type Quotas = z.infer<typeof QuotasSchema>;

/** Which parts a snapshot holds; a part is missing when it is null. */
export function missingParts(snapshot: Snapshot): SnapshotPart[] {
  return SNAPSHOT_PARTS.filter((part) => snapshot[part] === null);
}
