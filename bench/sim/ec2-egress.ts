import { ACCOUNT_ID } from '../account.js';
import { describeFiltered } from './ec2-query.js';
import type { Routed, ServiceRequest, SimAccount } from './services.js';
import { el, itemSet } from './wire.js';

/** The egress walker's reads, filtered the way the collector asks (instance ids, VPC ids, peering ids). */

function describeInstances(request: ServiceRequest, { account }: SimAccount): Routed {
  return describeFiltered(
    'DescribeInstances',
    request,
    { name: 'instance-id', key: (instance) => instance.id },
    account.natInstances,
    'reservationSet',
    (instance) =>
      el('reservationId', `r-${instance.id.slice(2)}`) +
      el('ownerId', ACCOUNT_ID) +
      itemSet('instancesSet', [
        el('instanceId', instance.id) +
          `<instanceState>${el('code', 16)}${el('name', 'running')}</instanceState>` +
          el('subnetId', instance.subnetId) +
          el('vpcId', instance.vpcId) +
          el('ipAddress', instance.publicIp) +
          el('sourceDestCheck', false) +
          itemSet('networkInterfaceSet', [
            el('networkInterfaceId', instance.eniId) +
              el('subnetId', instance.subnetId) +
              el('status', 'in-use') +
              el('sourceDestCheck', false) +
              `<association>${el('publicIp', instance.publicIp)}</association>` +
              `<attachment>${el('deviceIndex', 0)}${el('status', 'attached')}</attachment>`,
          ]),
      ]),
  );
}

function describeAttachments(request: ServiceRequest, { account }: SimAccount): Routed {
  return describeFiltered(
    'DescribeTransitGatewayVpcAttachments',
    request,
    { name: 'vpc-id', key: (attachment) => attachment.vpcId },
    account.transitGatewayAttachments,
    'transitGatewayVpcAttachments',
    (attachment) =>
      el('transitGatewayAttachmentId', attachment.id) +
      el('transitGatewayId', attachment.tgwId) +
      el('vpcId', attachment.vpcId) +
      el('vpcOwnerId', ACCOUNT_ID) +
      el('state', 'available') +
      itemSet('subnetIds', attachment.subnetIds),
  );
}

function describePeerings(request: ServiceRequest, { account }: SimAccount): Routed {
  return describeFiltered(
    'DescribeVpcPeeringConnections',
    request,
    { name: 'vpc-peering-connection-id', key: (peering) => peering.id },
    account.peerings,
    'vpcPeeringConnectionSet',
    (peering) =>
      el('vpcPeeringConnectionId', peering.id) +
      `<status>${el('code', 'active')}${el('message', 'Active')}</status>` +
      `<requesterVpcInfo>${el('vpcId', peering.vpcId)}${el('ownerId', ACCOUNT_ID)}</requesterVpcInfo>` +
      `<accepterVpcInfo>${el('vpcId', 'vpc-0ffeeffeeffeeffee')}${el('ownerId', '210987654321')}</accepterVpcInfo>`,
  );
}

const allowAll = (rule: number, egress: boolean, action: string) =>
  el('ruleNumber', rule) +
  el('protocol', '-1') +
  el('ruleAction', action) +
  el('egress', egress) +
  el('cidrBlock', '0.0.0.0/0');

function describeNetworkAcls(request: ServiceRequest, { account }: SimAccount): Routed {
  return describeFiltered(
    'DescribeNetworkAcls',
    request,
    { name: 'vpc-id', key: (acl) => acl.vpcId },
    account.networkAcls,
    'networkAclSet',
    (acl) =>
      el('networkAclId', acl.id) +
      el('vpcId', acl.vpcId) +
      el('default', true) +
      '<associationSet/>' +
      itemSet('entrySet', [
        allowAll(100, true, 'allow'),
        allowAll(32767, true, 'deny'),
        allowAll(100, false, 'allow'),
        allowAll(32767, false, 'deny'),
      ]),
  );
}

export const EC2_EGRESS_ACTIONS: Record<string, (request: ServiceRequest, sim: SimAccount) => Routed> = {
  DescribeInstances: describeInstances,
  DescribeTransitGatewayVpcAttachments: describeAttachments,
  DescribeVpcPeeringConnections: describePeerings,
  DescribeNetworkAcls: describeNetworkAcls,
};
