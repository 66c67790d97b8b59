import {
  type EC2Client,
  paginateDescribeInstances,
  paginateDescribeNetworkAcls,
  paginateDescribeTransitGatewayVpcAttachments,
  paginateDescribeVpcPeeringConnections,
} from '@aws-sdk/client-ec2';
import type {
  NetworkAcl,
  RouteTargetInstance,
  TransitGatewayVpcAttachment,
  VpcPeeringConnection,
} from '../model/snapshot.js';
import type { CollectorContext } from './context.js';
import {
  toNetworkAcl,
  toRouteTargetInstance,
  toTransitGatewayAttachment,
  toVpcPeeringConnection,
} from './ec2-egress-records.js';
import { readFiltered } from './ec2-paging.js';

/**
 * The egress parts, each read only for what the paths need and filtered server-side, 200 filter values a request
 * (the limit the security-group read keeps to), at the largest page each API allows: DescribeInstances,
 * DescribeTransitGatewayVpcAttachments, DescribeVpcPeeringConnections and DescribeNetworkAcls all take MaxResults
 * 5-1000 (EC2 API reference, each action's MaxResults). Filtered and paginated, each call takes a token from its
 * API's own non-mutating bucket (100, refill 20/s), not the smaller bucket of unfiltered, unpaginated
 * DescribeInstances (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html).
 */
export const EC2_EGRESS_READ_ACTIONS = [
  'ec2:DescribeInstances',
  'ec2:DescribeNetworkAcls',
  'ec2:DescribeTransitGatewayVpcAttachments',
  'ec2:DescribeVpcPeeringConnections',
] as const;

/**
 * The instances routes target. The `instance-id` filter, not `InstanceIds`: an id that no longer exists fails a
 * whole `InstanceIds` request (InvalidInstanceID.NotFound) but is simply not returned by the filter, which is
 * what the walker needs to see a NAT instance that is gone; MaxResults cannot be combined with `InstanceIds`.
 */
export function collectRouteTargetInstances(
  ec2: EC2Client,
  instanceIds: readonly string[],
  context: CollectorContext,
): Promise<RouteTargetInstance[] | null> {
  return readFiltered(ec2, instanceIds, context, {
    part: 'routeTargetInstances',
    api: 'ec2:DescribeInstances',
    filter: 'instance-id',
    paginate: paginateDescribeInstances,
    itemsOf: (page) => (page.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []),
    toRecord: toRouteTargetInstance,
    idFields: ['InstanceId'],
  });
}

export function collectTransitGatewayAttachments(
  ec2: EC2Client,
  vpcIds: readonly string[],
  context: CollectorContext,
): Promise<TransitGatewayVpcAttachment[] | null> {
  return readFiltered(ec2, vpcIds, context, {
    part: 'transitGatewayAttachments',
    api: 'ec2:DescribeTransitGatewayVpcAttachments',
    filter: 'vpc-id',
    paginate: paginateDescribeTransitGatewayVpcAttachments,
    itemsOf: (page) => page.TransitGatewayVpcAttachments,
    toRecord: toTransitGatewayAttachment,
    idFields: ['TransitGatewayAttachmentId'],
  });
}

export function collectVpcPeeringConnections(
  ec2: EC2Client,
  peeringIds: readonly string[],
  context: CollectorContext,
): Promise<VpcPeeringConnection[] | null> {
  return readFiltered(ec2, peeringIds, context, {
    part: 'vpcPeeringConnections',
    api: 'ec2:DescribeVpcPeeringConnections',
    filter: 'vpc-peering-connection-id',
    paginate: paginateDescribeVpcPeeringConnections,
    itemsOf: (page) => page.VpcPeeringConnections,
    toRecord: toVpcPeeringConnection,
    idFields: ['VpcPeeringConnectionId'],
  });
}

export function collectNetworkAcls(
  ec2: EC2Client,
  vpcIds: readonly string[],
  context: CollectorContext,
): Promise<NetworkAcl[] | null> {
  return readFiltered(ec2, vpcIds, context, {
    part: 'networkAcls',
    api: 'ec2:DescribeNetworkAcls',
    filter: 'vpc-id',
    paginate: paginateDescribeNetworkAcls,
    itemsOf: (page) => page.NetworkAcls,
    toRecord: toNetworkAcl,
    idFields: ['NetworkAclId'],
  });
}
