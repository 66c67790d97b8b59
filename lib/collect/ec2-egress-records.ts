import type * as EC2 from '@aws-sdk/client-ec2';
import type {
  InstanceInterface,
  NetworkAcl,
  RouteTable,
  RouteTargetInstance,
  RouteTargetInterface,
  TransitGatewayVpcAttachment,
  VpcPeeringConnection,
} from '../model/snapshot.js';
import { required } from './response.js';

/** The egress parts' records: the SDK's shapes trimmed to what the path walker reads. */

function toInstanceInterface(eni: EC2.InstanceNetworkInterface): InstanceInterface {
  return {
    NetworkInterfaceId: required(eni.NetworkInterfaceId, 'NetworkInterfaceId of an instance interface'),
    SubnetId: eni.SubnetId,
    SourceDestCheck: eni.SourceDestCheck,
    Status: eni.Status,
    ...(eni.Association ? { Association: { PublicIp: eni.Association.PublicIp } } : {}),
    ...(eni.Attachment
      ? { Attachment: { DeviceIndex: eni.Attachment.DeviceIndex, Status: eni.Attachment.Status } }
      : {}),
  };
}

export function toRouteTargetInstance(instance: EC2.Instance): RouteTargetInstance {
  const id = required(instance.InstanceId, 'InstanceId in a DescribeInstances item');
  return {
    InstanceId: id,
    State: instance.State?.Name,
    SubnetId: instance.SubnetId,
    VpcId: instance.VpcId,
    PublicIpAddress: instance.PublicIpAddress,
    NetworkInterfaces: (instance.NetworkInterfaces ?? []).map(toInstanceInterface),
  };
}

export function toRouteTargetInterface(eni: EC2.NetworkInterface): RouteTargetInterface {
  return {
    NetworkInterfaceId: required(
      eni.NetworkInterfaceId,
      'NetworkInterfaceId in a DescribeNetworkInterfaces item',
    ),
    InterfaceType: eni.InterfaceType,
    Status: eni.Status,
    SubnetId: eni.SubnetId,
    VpcId: eni.VpcId,
    SourceDestCheck: eni.SourceDestCheck,
    ...(eni.Association ? { Association: { PublicIp: eni.Association.PublicIp } } : {}),
    ...(eni.Attachment
      ? { Attachment: { InstanceId: eni.Attachment.InstanceId, Status: eni.Attachment.Status } }
      : {}),
  };
}

export function toTransitGatewayAttachment(
  attachment: EC2.TransitGatewayVpcAttachment,
): TransitGatewayVpcAttachment {
  return {
    TransitGatewayAttachmentId: required(
      attachment.TransitGatewayAttachmentId,
      'TransitGatewayAttachmentId in a DescribeTransitGatewayVpcAttachments item',
    ),
    TransitGatewayId: attachment.TransitGatewayId,
    VpcId: attachment.VpcId,
    State: attachment.State,
    SubnetIds: attachment.SubnetIds ?? [],
  };
}

function toPeeringVpcInfo(info: EC2.VpcPeeringConnectionVpcInfo) {
  return { VpcId: info.VpcId, OwnerId: info.OwnerId, Region: info.Region, CidrBlock: info.CidrBlock };
}

export function toVpcPeeringConnection(peering: EC2.VpcPeeringConnection): VpcPeeringConnection {
  return {
    VpcPeeringConnectionId: required(
      peering.VpcPeeringConnectionId,
      'VpcPeeringConnectionId in a DescribeVpcPeeringConnections item',
    ),
    ...(peering.Status ? { Status: { Code: peering.Status.Code } } : {}),
    ...(peering.AccepterVpcInfo ? { AccepterVpcInfo: toPeeringVpcInfo(peering.AccepterVpcInfo) } : {}),
    ...(peering.RequesterVpcInfo ? { RequesterVpcInfo: toPeeringVpcInfo(peering.RequesterVpcInfo) } : {}),
  };
}

export function toNetworkAcl(acl: EC2.NetworkAcl): NetworkAcl {
  const id = required(acl.NetworkAclId, 'NetworkAclId in a DescribeNetworkAcls item');
  return {
    NetworkAclId: id,
    VpcId: acl.VpcId,
    IsDefault: acl.IsDefault,
    Associations: (acl.Associations ?? []).map((association) => ({ SubnetId: association.SubnetId })),
    Entries: (acl.Entries ?? []).map((entry) => ({
      RuleNumber: required(entry.RuleNumber, `RuleNumber of an entry of ${id}`),
      Protocol: entry.Protocol,
      RuleAction: entry.RuleAction,
      Egress: required(entry.Egress, `Egress of an entry of ${id}`),
      CidrBlock: entry.CidrBlock,
      Ipv6CidrBlock: entry.Ipv6CidrBlock,
      ...(entry.PortRange ? { PortRange: { From: entry.PortRange.From, To: entry.PortRange.To } } : {}),
    })),
  };
}

/** What the routes of some VPCs point at, each id once and sorted: what the egress reads are filtered to. */
export interface RouteTargets {
  instanceIds: string[];
  networkInterfaceIds: string[];
  peeringConnectionIds: string[];
}

export function routeTargetsOf(tables: readonly RouteTable[], vpcIds: readonly string[]): RouteTargets {
  const vpcs = new Set(vpcIds);
  const instances = new Set<string>();
  const interfaces = new Set<string>();
  const peerings = new Set<string>();
  for (const table of tables) {
    if (!vpcs.has(table.VpcId)) continue;
    for (const route of table.Routes) {
      if (route.InstanceId) instances.add(route.InstanceId);
      if (route.NetworkInterfaceId) interfaces.add(route.NetworkInterfaceId);
      if (route.VpcPeeringConnectionId) peerings.add(route.VpcPeeringConnectionId);
    }
  }
  return {
    instanceIds: [...instances].sort(),
    networkInterfaceIds: [...interfaces].sort(),
    peeringConnectionIds: [...peerings].sort(),
  };
}
