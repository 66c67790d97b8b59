import type * as EC2 from '@aws-sdk/client-ec2';
import type {
  InternetGateway,
  IpPermission,
  LambdaOperatedKind,
  LambdaOperatedNetworkInterface,
  NatGateway,
  NetworkInterface,
  Route,
  RouteTable,
  SecurityGroup,
  Subnet,
  Vpc,
  VpcEndpoint,
} from '../model/snapshot.js';
import { required } from './response.js';

/**
 * EC2 SDK shapes trimmed to the snapshot's fields. Names and values stay as AWS returned them; a field
 * the schema requires and AWS always sends is checked (see `required`), never defaulted.
 */

export function toVpc(vpc: EC2.Vpc): Vpc {
  return {
    VpcId: required(vpc.VpcId, 'VpcId in a DescribeVpcs item'),
    CidrBlock: vpc.CidrBlock,
    InstanceTenancy: vpc.InstanceTenancy,
    IsDefault: vpc.IsDefault,
    OwnerId: vpc.OwnerId,
  };
}

export function toSubnet(subnet: EC2.Subnet): Subnet {
  const id = required(subnet.SubnetId, 'SubnetId in a DescribeSubnets item');
  const ipv6Blocks = (subnet.Ipv6CidrBlockAssociationSet ?? [])
    // A disassociated block is history, not an address range the subnet has.
    .filter((association) => (association.Ipv6CidrBlockState?.State ?? 'associated') === 'associated')
    .flatMap((association) => (association.Ipv6CidrBlock === undefined ? [] : [association.Ipv6CidrBlock]));
  return {
    SubnetId: id,
    VpcId: required(subnet.VpcId, `VpcId for ${id}`),
    AvailabilityZone: required(subnet.AvailabilityZone, `AvailabilityZone for ${id}`),
    AvailabilityZoneId: subnet.AvailabilityZoneId,
    CidrBlock: subnet.CidrBlock,
    AvailableIpAddressCount: required(subnet.AvailableIpAddressCount, `AvailableIpAddressCount for ${id}`),
    MapPublicIpOnLaunch: subnet.MapPublicIpOnLaunch,
    Ipv6CidrBlocks: ipv6Blocks,
  };
}

function toRoute(route: EC2.Route): Route {
  return {
    DestinationCidrBlock: route.DestinationCidrBlock,
    DestinationIpv6CidrBlock: route.DestinationIpv6CidrBlock,
    DestinationPrefixListId: route.DestinationPrefixListId,
    GatewayId: route.GatewayId,
    NatGatewayId: route.NatGatewayId,
    InstanceId: route.InstanceId,
    NetworkInterfaceId: route.NetworkInterfaceId,
    TransitGatewayId: route.TransitGatewayId,
    VpcPeeringConnectionId: route.VpcPeeringConnectionId,
    EgressOnlyInternetGatewayId: route.EgressOnlyInternetGatewayId,
    CarrierGatewayId: route.CarrierGatewayId,
    LocalGatewayId: route.LocalGatewayId,
    CoreNetworkArn: route.CoreNetworkArn,
    OdbNetworkArn: route.OdbNetworkArn,
    State: route.State,
    Origin: route.Origin,
  };
}

/** Every association is kept, the `Main: true` one included: subnets without their own use it. */
export function toRouteTable(table: EC2.RouteTable): RouteTable {
  const id = required(table.RouteTableId, 'RouteTableId in a DescribeRouteTables item');
  return {
    RouteTableId: id,
    VpcId: required(table.VpcId, `VpcId for ${id}`),
    Associations: (table.Associations ?? []).map((association) => ({
      RouteTableAssociationId: association.RouteTableAssociationId,
      SubnetId: association.SubnetId,
      GatewayId: association.GatewayId,
      Main: association.Main,
    })),
    Routes: (table.Routes ?? []).map(toRoute),
  };
}

export function toInternetGateway(gateway: EC2.InternetGateway): InternetGateway {
  return {
    InternetGatewayId: required(
      gateway.InternetGatewayId,
      'InternetGatewayId in a DescribeInternetGateways item',
    ),
    Attachments: (gateway.Attachments ?? []).map((attachment) => ({
      VpcId: attachment.VpcId,
      State: attachment.State,
    })),
  };
}

/** Deleted and failed NAT gateways stay listed (for about an hour): routes to them are blackholes. */
export function toNatGateway(gateway: EC2.NatGateway): NatGateway {
  return {
    NatGatewayId: required(gateway.NatGatewayId, 'NatGatewayId in a DescribeNatGateways item'),
    VpcId: gateway.VpcId,
    SubnetId: gateway.SubnetId,
    State: gateway.State,
    ConnectivityType: gateway.ConnectivityType,
    // A regional NAT gateway has no SubnetId; without the mode it would look like a zonal one with data missing.
    AvailabilityMode: gateway.AvailabilityMode,
  };
}

/**
 * The tags that say who runs an endpoint: Network Firewall tags its firewall endpoints `AWSNetworkFirewallManaged`
 * (and `Firewall`, its ARN). Observed (terraform-provider-aws issue 43472), not documented; used only for labels.
 */
const MANAGER_TAG_KEYS = new Set(['AWSNetworkFirewallManaged', 'Firewall']);

export function toVpcEndpoint(endpoint: EC2.VpcEndpoint): VpcEndpoint {
  const managerTags = (endpoint.Tags ?? []).filter((tag) => MANAGER_TAG_KEYS.has(tag.Key ?? ''));
  return {
    VpcEndpointId: required(endpoint.VpcEndpointId, 'VpcEndpointId in a DescribeVpcEndpoints item'),
    VpcId: endpoint.VpcId,
    ServiceName: endpoint.ServiceName,
    VpcEndpointType: endpoint.VpcEndpointType,
    State: endpoint.State,
    SubnetIds: endpoint.SubnetIds ?? [],
    PrivateDnsEnabled: endpoint.PrivateDnsEnabled,
    ...(managerTags.length > 0
      ? { Tags: managerTags.map((tag) => ({ Key: tag.Key, Value: tag.Value })) }
      : {}),
  };
}

function toIpPermission(permission: EC2.IpPermission): IpPermission {
  return {
    IpProtocol: permission.IpProtocol,
    FromPort: permission.FromPort,
    ToPort: permission.ToPort,
    IpRanges: (permission.IpRanges ?? []).map((range) => ({ CidrIp: range.CidrIp })),
    Ipv6Ranges: (permission.Ipv6Ranges ?? []).map((range) => ({ CidrIpv6: range.CidrIpv6 })),
    PrefixListIds: (permission.PrefixListIds ?? []).map((list) => ({ PrefixListId: list.PrefixListId })),
    UserIdGroupPairs: (permission.UserIdGroupPairs ?? []).map((pair) => ({ GroupId: pair.GroupId })),
  };
}

export function toSecurityGroup(group: EC2.SecurityGroup): SecurityGroup {
  return {
    GroupId: required(group.GroupId, 'GroupId in a DescribeSecurityGroups item'),
    GroupName: group.GroupName,
    VpcId: group.VpcId,
    IpPermissionsEgress: (group.IpPermissionsEgress ?? []).map(toIpPermission),
  };
}

/** The description prefix Lambda gives its ENIs, in both the Hyperplane and the pre-2019 forms. */
export const LAMBDA_ENI_DESCRIPTION_PREFIX = 'AWS Lambda VPC ENI';

/**
 * `InterfaceType` is `lambda` on AWS; some AWS-compatible endpoints leave it unset, so the
 * description (undocumented but stable: `AWS Lambda VPC ENI-<fn>-<uuid>`, `AWS Lambda VPC ENI: <uuid>`) also counts.
 */
export function isLambdaNetworkInterface(
  eni: Pick<EC2.NetworkInterface, 'InterfaceType' | 'Description'>,
): boolean {
  return (
    eni.InterfaceType === 'lambda' || (eni.Description?.startsWith(LAMBDA_ENI_DESCRIPTION_PREFIX) ?? false)
  );
}

/**
 * Tag keys Lambda puts on a network connector's ENIs: the managed policy AWSLambdaNetworkConnectorOperatorPolicy
 * lets the operator create ENIs only with these keys
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaNetworkConnectorOperatorPolicy.html).
 */
const NETWORK_CONNECTOR_TAG_KEYS = ['aws:lambda:networkConnectorId', 'aws:lambda:networkConnectorName'];

/**
 * The `ec2:ManagedResourceOperator` of Lambda Managed Instances' EC2 resources, from the condition of the managed
 * policy AWSLambdaManagedEC2ResourceOperator; that EC2 reports it as the instances' ENIs' `Operator.Principal` is
 * inferred (EC2 documents `Operator` as "the service provider that manages the network interface").
 */
export const MANAGED_INSTANCE_OPERATOR = 'scaler.lambda.amazonaws.com';

/**
 * Which Lambda-operated ENI this is, if any: a network connector's (its Lambda tags, or an operator naming network
 * connectors) or a managed instance's (operated by Lambda's scaler). Null for a function's ENI and any other.
 */
export function lambdaOperatedKindOf(
  eni: Pick<EC2.NetworkInterface, 'TagSet' | 'Operator'>,
): LambdaOperatedKind | null {
  if ((eni.TagSet ?? []).some((tag) => NETWORK_CONNECTOR_TAG_KEYS.includes(tag.Key ?? '')))
    return 'network-connector';
  const principal = eni.Operator?.Managed === true ? eni.Operator.Principal : undefined;
  if (principal === undefined) return null;
  if (principal.includes('network-connector')) return 'network-connector';
  return principal === MANAGED_INSTANCE_OPERATOR ? 'managed-instance' : null;
}

export function toLambdaOperatedNetworkInterface(
  eni: EC2.NetworkInterface,
  kind: LambdaOperatedKind,
): LambdaOperatedNetworkInterface {
  const tag = (key: string) => eni.TagSet?.find((t) => t.Key === key)?.Value;
  const record: LambdaOperatedNetworkInterface = {
    NetworkInterfaceId: required(
      eni.NetworkInterfaceId,
      'NetworkInterfaceId in a DescribeNetworkInterfaces item',
    ),
    Kind: kind,
    InterfaceType: eni.InterfaceType,
    Status: eni.Status,
    SubnetId: eni.SubnetId,
    VpcId: eni.VpcId,
    AvailabilityZone: eni.AvailabilityZone,
    // The primary address is listed among the private addresses; an answer without the list still holds one.
    PrivateIpAddressCount: Math.max(1, eni.PrivateIpAddresses?.length ?? 0),
    Groups: (eni.Groups ?? []).map((group) => ({ GroupId: group.GroupId })),
  };
  const principal = eni.Operator?.Principal;
  if (principal !== undefined) record.OperatorPrincipal = principal;
  const connector = tag(NETWORK_CONNECTOR_TAG_KEYS[0] ?? '') ?? tag(NETWORK_CONNECTOR_TAG_KEYS[1] ?? '');
  if (connector !== undefined) record.NetworkConnector = connector;
  const instanceId = eni.Attachment?.InstanceId;
  if (instanceId !== undefined) record.InstanceId = instanceId;
  return record;
}

/** The regional quota counts every ENI; one without a type is a plain `interface` (EC2's default). */
export function interfaceTypeOf(eni: Pick<EC2.NetworkInterface, 'InterfaceType'>): string {
  return eni.InterfaceType ?? 'interface';
}

/** An unparseable date from an odd endpoint is left out rather than failing the whole ENI scan. */
function isoTime(date: Date | undefined): string | undefined {
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function toNetworkInterface(eni: EC2.NetworkInterface): NetworkInterface {
  const attachment = eni.Attachment;
  return {
    NetworkInterfaceId: required(
      eni.NetworkInterfaceId,
      'NetworkInterfaceId in a DescribeNetworkInterfaces item',
    ),
    InterfaceType: eni.InterfaceType,
    Description: eni.Description,
    Status: eni.Status,
    SubnetId: eni.SubnetId,
    VpcId: eni.VpcId,
    AvailabilityZone: eni.AvailabilityZone,
    PrivateIpAddress: eni.PrivateIpAddress,
    OwnerId: eni.OwnerId,
    RequesterId: eni.RequesterId,
    RequesterManaged: eni.RequesterManaged,
    Groups: (eni.Groups ?? []).map((group) => ({ GroupId: group.GroupId, GroupName: group.GroupName })),
    Attachment:
      attachment === undefined
        ? undefined
        : {
            AttachmentId: attachment.AttachmentId,
            InstanceOwnerId: attachment.InstanceOwnerId,
            Status: attachment.Status,
            AttachTime: isoTime(attachment.AttachTime),
          },
  };
}
