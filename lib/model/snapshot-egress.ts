import * as z from 'zod/mini';
import { optBool, optStr, str, strList } from './snapshot-fields.js';

/**
 * What the egress path walker needs beyond the route tables (snapshot schema version 2): the instances and network
 * interfaces that routes target (NAT instances and appliances), the transit gateway attachments and network ACLs of
 * the VPCs in use, and the peering connections that routes name. Each is read only for what routes point at.
 */

/** An interface's public IPv4 address (an Elastic IP or one assigned at launch), as EC2 reports its association. */
const PublicIpAssociationSchema = z.object({ PublicIp: optStr });

/** One interface of an instance that a route targets (DescribeInstances, `NetworkInterfaces`). */
export const InstanceInterfaceSchema = z.object({
  NetworkInterfaceId: str,
  SubnetId: optStr,
  /** A NAT instance forwards traffic that is not its own only with this off (false). */
  SourceDestCheck: optBool,
  Status: optStr,
  Association: z.optional(PublicIpAssociationSchema),
  Attachment: z.optional(z.object({ DeviceIndex: z.optional(z.number()), Status: optStr })),
});

/** An instance that a route targets (a NAT instance or an appliance), from DescribeInstances. */
export const RouteTargetInstanceSchema = z.object({
  InstanceId: str,
  /** `State.Name`: pending | running | shutting-down | terminated | stopping | stopped. */
  State: optStr,
  SubnetId: optStr,
  VpcId: optStr,
  PublicIpAddress: optStr,
  NetworkInterfaces: z.array(InstanceInterfaceSchema),
});

/** A network interface that a route targets, kept from the region's ENI scan with what makes it forward. */
export const RouteTargetInterfaceSchema = z.object({
  NetworkInterfaceId: str,
  InterfaceType: optStr,
  Status: optStr,
  SubnetId: optStr,
  VpcId: optStr,
  SourceDestCheck: optBool,
  Association: z.optional(PublicIpAssociationSchema),
  Attachment: z.optional(z.object({ InstanceId: optStr, Status: optStr })),
});

/** A VPC's attachment to a transit gateway (DescribeTransitGatewayVpcAttachments). */
export const TransitGatewayVpcAttachmentSchema = z.object({
  TransitGatewayAttachmentId: str,
  TransitGatewayId: optStr,
  VpcId: optStr,
  State: optStr,
  /** One subnet per Availability Zone the attachment serves. */
  SubnetIds: strList,
});

const PeeringVpcInfoSchema = z.object({
  VpcId: optStr,
  OwnerId: optStr,
  Region: optStr,
  CidrBlock: optStr,
});

/** A peering connection that a route names (DescribeVpcPeeringConnections). */
export const VpcPeeringConnectionSchema = z.object({
  VpcPeeringConnectionId: str,
  /** `Code`: active, pending-acceptance, deleted, rejected, expired, failed, provisioning, deleting. */
  Status: z.optional(z.object({ Code: optStr })),
  AccepterVpcInfo: z.optional(PeeringVpcInfoSchema),
  RequesterVpcInfo: z.optional(PeeringVpcInfoSchema),
});

export const NetworkAclEntrySchema = z.object({
  /** 1-32766; the final `*` rule is reported as 32767. */
  RuleNumber: z.number(),
  /** `-1` (all), or a protocol number such as `6` (TCP). */
  Protocol: optStr,
  RuleAction: optStr,
  Egress: z.boolean(),
  CidrBlock: optStr,
  Ipv6CidrBlock: optStr,
  PortRange: z.optional(z.object({ From: z.optional(z.number()), To: z.optional(z.number()) })),
});

/** A network ACL of a VPC in use (DescribeNetworkAcls). */
export const NetworkAclSchema = z.object({
  NetworkAclId: str,
  VpcId: optStr,
  IsDefault: optBool,
  /** The subnets explicitly associated with it; the VPC's default ACL serves every other subnet. */
  Associations: z.array(z.object({ SubnetId: optStr })),
  Entries: z.array(NetworkAclEntrySchema),
});

export type InstanceInterface = z.infer<typeof InstanceInterfaceSchema>;
export type RouteTargetInstance = z.infer<typeof RouteTargetInstanceSchema>;
export type RouteTargetInterface = z.infer<typeof RouteTargetInterfaceSchema>;
export type TransitGatewayVpcAttachment = z.infer<typeof TransitGatewayVpcAttachmentSchema>;
export type VpcPeeringConnection = z.infer<typeof VpcPeeringConnectionSchema>;
export type NetworkAclEntry = z.infer<typeof NetworkAclEntrySchema>;
export type NetworkAcl = z.infer<typeof NetworkAclSchema>;
