import * as z from 'zod/mini';
import { optBool, optStr, str, strList } from './snapshot-fields.js';

/**
 * The EC2 parts of a snapshot: VPCs and their DNS attributes, subnets, route tables, gateways, security groups,
 * Lambda's network interfaces (and every ENI counted), VPC endpoints.
 */

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
  /** A Gateway Load Balancer (or Network Firewall) endpoint's one subnet; an interface endpoint's subnets. */
  SubnetIds: z.optional(strList),
  /** Interface endpoints: whether the service's default DNS name resolves to the endpoint in the VPC. */
  PrivateDnsEnabled: optBool,
  /** The tags that say who manages it: Network Firewall tags its endpoints `AWSNetworkFirewallManaged`. */
  Tags: z.optional(z.array(z.object({ Key: optStr, Value: optStr }))),
});

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
