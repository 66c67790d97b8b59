import { ACCOUNT_ID } from '../account.js';
import type {
  SyntheticEni,
  SyntheticNatGateway,
  SyntheticRouteTable,
  SyntheticSecurityGroup,
  SyntheticSubnet,
} from '../account-types.js';
import { EC2_EGRESS_ACTIONS } from './ec2-egress.js';
import { answer, describe, describeFiltered, invalid } from './ec2-query.js';
import type { Routed, ServiceRequest, SimAccount } from './services.js';
import { ec2Error, el, itemSet } from './wire.js';

/** EC2's query protocol: form-encoded `Action=...` requests, XML answers with `<item>` lists. */

const vpcXml = (vpc: { id: string; cidr: string }) =>
  el('vpcId', vpc.id) +
  el('ownerId', ACCOUNT_ID) +
  el('state', 'available') +
  el('cidrBlock', vpc.cidr) +
  el('dhcpOptionsId', 'dopt-0123456789abcdef0') +
  el('instanceTenancy', 'default') +
  el('isDefault', false);

const subnetXml = (subnet: SyntheticSubnet) =>
  el('subnetId', subnet.id) +
  el('subnetArn', `arn:aws:ec2:eu-west-1:${ACCOUNT_ID}:subnet/${subnet.id}`) +
  el('state', 'available') +
  el('ownerId', ACCOUNT_ID) +
  el('vpcId', subnet.vpcId) +
  el('cidrBlock', subnet.cidr) +
  '<ipv6CidrBlockAssociationSet/>' +
  el('availableIpAddressCount', subnet.available) +
  el('availabilityZone', subnet.az) +
  el(
    'availabilityZoneId',
    `euw1-az${subnet.az.slice(-1) === 'a' ? 1 : subnet.az.slice(-1) === 'b' ? 2 : 3}`,
  ) +
  el('defaultForAz', false) +
  el('mapPublicIpOnLaunch', subnet.public);

function routeTableXml(table: SyntheticRouteTable): string {
  const associations = [
    ...(table.main
      ? [
          el('routeTableAssociationId', `rtbassoc-m${table.id.slice(4)}`) +
            el('routeTableId', table.id) +
            el('main', true) +
            '<associationState><state>associated</state></associationState>',
        ]
      : []),
    ...table.subnetIds.map(
      (subnetId) =>
        el('routeTableAssociationId', `rtbassoc-${subnetId.slice(7)}`) +
        el('routeTableId', table.id) +
        el('subnetId', subnetId) +
        el('main', false) +
        '<associationState><state>associated</state></associationState>',
    ),
  ];
  const routes = table.routes.map(
    (route) =>
      el('destinationCidrBlock', route.destination) +
      el('gatewayId', route.gatewayId) +
      el('natGatewayId', route.natGatewayId) +
      el('transitGatewayId', route.transitGatewayId) +
      el('vpcPeeringConnectionId', route.vpcPeeringConnectionId) +
      el('instanceId', route.instanceId) +
      el('networkInterfaceId', route.networkInterfaceId) +
      el('state', route.state) +
      el('origin', route.gatewayId === 'local' ? 'CreateRouteTable' : 'CreateRoute'),
  );
  return (
    el('routeTableId', table.id) +
    el('vpcId', table.vpcId) +
    el('ownerId', ACCOUNT_ID) +
    itemSet('routeSet', routes) +
    itemSet('associationSet', associations) +
    '<propagatingVgwSet/><tagSet/>'
  );
}

const internetGatewayXml = (gateway: { id: string; vpcId: string }) =>
  el('internetGatewayId', gateway.id) +
  el('ownerId', ACCOUNT_ID) +
  itemSet('attachmentSet', [el('vpcId', gateway.vpcId) + el('state', 'available')]);

const natGatewayXml = (nat: SyntheticNatGateway) =>
  el('natGatewayId', nat.id) +
  el('vpcId', nat.vpcId) +
  el('subnetId', nat.subnetId) +
  el('state', nat.state) +
  el('connectivityType', 'public') +
  el('availabilityMode', 'zonal') +
  el('createTime', '2025-01-01T00:00:00.000Z');

function securityGroupXml(group: SyntheticSecurityGroup): string {
  const egress = group.openEgress
    ? el('ipProtocol', '-1') + itemSet('ipRanges', [el('cidrIp', '0.0.0.0/0')])
    : el('ipProtocol', 'tcp') +
      el('fromPort', 443) +
      el('toPort', 443) +
      itemSet('ipRanges', [el('cidrIp', '10.0.0.0/8')]);
  return (
    el('ownerId', ACCOUNT_ID) +
    el('groupId', group.id) +
    el('groupName', group.name) +
    el('groupDescription', `${group.name} group`) +
    el('vpcId', group.vpcId) +
    '<ipPermissions/>' +
    itemSet('ipPermissionsEgress', [egress])
  );
}

function networkInterfaceXml(eni: SyntheticEni, sim: SimAccount): string {
  const lambda = eni.interfaceType === 'lambda';
  const attachment =
    eni.status === 'in-use'
      ? `<attachment>${el('attachmentId', `${lambda ? 'ela-attach' : 'eni-attach'}-${eni.id.slice(4)}`)}${el('instanceId', eni.natInstance?.instanceId)}${el('instanceOwnerId', lambda ? 'amazon-aws' : ACCOUNT_ID)}${el('deviceIndex', eni.natInstance ? 0 : 1)}${el('status', 'attached')}${el('attachTime', '2025-03-01T08:00:00.000Z')}</attachment>`
      : '';
  return (
    el('networkInterfaceId', eni.id) +
    el('subnetId', eni.subnetId) +
    el('vpcId', eni.vpcId) +
    el('availabilityZone', eni.az) +
    el('description', eni.description) +
    el('ownerId', ACCOUNT_ID) +
    el('requesterId', lambda ? 'AROAEXAMPLELAMBDA:lambda' : undefined) +
    el('requesterManaged', eni.requesterManaged) +
    el('status', eni.status) +
    el('macAddress', '02:00:00:00:00:00') +
    el('privateIpAddress', eni.ip) +
    el('sourceDestCheck', eni.natInstance === undefined) +
    (eni.natInstance
      ? `<association>${el('publicIp', eni.natInstance.publicIp)}${el('ipOwnerId', 'amazon')}</association>`
      : '') +
    el('interfaceType', eni.interfaceType) +
    itemSet(
      'groupSet',
      eni.groupIds.map((id) => el('groupId', id) + el('groupName', sim.securityGroupById.get(id)?.name)),
    ) +
    attachment +
    itemSet('privateIpAddressesSet', [el('privateIpAddress', eni.ip) + el('primary', true)])
  );
}

const vpcEndpointXml = (endpoint: { id: string; vpcId: string; service: string }) =>
  el('vpcEndpointId', endpoint.id) +
  el(
    'vpcEndpointType',
    endpoint.service === 's3' || endpoint.service === 'dynamodb' ? 'Gateway' : 'Interface',
  ) +
  el('vpcId', endpoint.vpcId) +
  el('serviceName', `com.amazonaws.eu-west-1.${endpoint.service}`) +
  el('state', 'available');

/** DescribeSecurityGroups with the `group-id` filter (at most 200 values), the way the collector asks. */
function describeSecurityGroups(request: ServiceRequest, sim: SimAccount): Routed {
  return describeFiltered(
    'DescribeSecurityGroups',
    request,
    { name: 'group-id', key: (group) => group.id },
    sim.account.securityGroups,
    'securityGroupInfo',
    securityGroupXml,
  );
}

function describeVpcAttribute(request: ServiceRequest, sim: SimAccount): Routed {
  const vpcId = request.query.VpcId ?? '';
  const attribute = request.query.Attribute ?? '';
  return {
    api: 'ec2:DescribeVpcAttribute',
    answer: () => {
      if (!sim.vpcIds.has(vpcId))
        return ec2Error('InvalidVpcID.NotFound', `The vpc ID '${vpcId}' does not exist`, 400);
      if (attribute !== 'enableDnsSupport' && attribute !== 'enableDnsHostnames')
        return invalid(`The attribute '${attribute}' is not simulated.`);
      return answer(
        'DescribeVpcAttribute',
        `${el('vpcId', vpcId)}<${attribute}>${el('value', true)}</${attribute}>`,
      );
    },
  };
}

export function ec2Service(request: ServiceRequest, sim: SimAccount): Routed {
  const { account } = sim;
  const action = request.query.Action ?? '';
  switch (action) {
    case 'DescribeVpcs':
      return describe(action, request, account.vpcs, 'vpcSet', vpcXml);
    case 'DescribeSubnets':
      return describe(action, request, account.subnets, 'subnetSet', subnetXml);
    case 'DescribeRouteTables':
      return describe(action, request, account.routeTables, 'routeTableSet', routeTableXml);
    case 'DescribeInternetGateways':
      return describe(action, request, account.internetGateways, 'internetGatewaySet', internetGatewayXml);
    case 'DescribeNatGateways':
      return describe(action, request, account.natGateways, 'natGatewaySet', natGatewayXml);
    case 'DescribeVpcEndpoints':
      return describe(action, request, account.vpcEndpoints, 'vpcEndpointSet', vpcEndpointXml);
    case 'DescribeNetworkInterfaces':
      return describe(action, request, account.networkInterfaces, 'networkInterfaceSet', (eni) =>
        networkInterfaceXml(eni, sim),
      );
    case 'DescribeSecurityGroups':
      return describeSecurityGroups(request, sim);
    case 'DescribeVpcAttribute':
      return describeVpcAttribute(request, sim);
    default: {
      const egress = EC2_EGRESS_ACTIONS[action];
      if (egress !== undefined) return egress(request, sim);
      return { api: `ec2:${action}`, answer: () => invalid(`The action '${action}' is not simulated.`) };
    }
  }
}
