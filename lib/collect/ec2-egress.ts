import {
  type EC2Client,
  type EC2PaginationConfiguration,
  type Filter,
  paginateDescribeInstances,
  paginateDescribeNetworkAcls,
  paginateDescribeTransitGatewayVpcAttachments,
  paginateDescribeVpcPeeringConnections,
} from '@aws-sdk/client-ec2';
import type {
  NetworkAcl,
  RouteTargetInstance,
  SnapshotPart,
  TransitGatewayVpcAttachment,
  VpcPeeringConnection,
} from '../model/snapshot.js';
import type { CollectorContext } from './context.js';
import { chunk, EC2_MAX_PAGE_SIZE, paging, SECURITY_GROUP_FILTER_CHUNK } from './ec2.js';
import {
  toNetworkAcl,
  toRouteTargetInstance,
  toTransitGatewayAttachment,
  toVpcPeeringConnection,
} from './ec2-egress-records.js';
import { attempt } from './gaps.js';
import { collectPages } from './paging.js';

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

/** A read of the items matching `filter` for some values, whole or a gap and null. */
interface FilteredRead<Page, SdkItem, SnapshotRecord> {
  part: SnapshotPart;
  api: string;
  /** The EC2 filter the values go in (`instance-id`, `vpc-id`, ...). */
  filter: string;
  paginate: (config: EC2PaginationConfiguration, input: { Filters: Filter[] }) => AsyncIterable<Page>;
  itemsOf: (page: Page) => readonly SdkItem[] | undefined;
  toRecord: (item: SdkItem) => SnapshotRecord;
  idFields: readonly (keyof SdkItem & string)[];
}

/**
 * Every item matching any of `values`. No values: nothing to read and no call. A failed chunk fails the part:
 * a partial list would make the missing items look deleted.
 */
function readFiltered<Page, SdkItem, SnapshotRecord>(
  ec2: EC2Client,
  values: readonly string[],
  context: CollectorContext,
  read: FilteredRead<Page, SdkItem, SnapshotRecord>,
): Promise<SnapshotRecord[] | null> {
  return attempt(context.recorder, { part: read.part, api: read.api }, async () => {
    const records: SnapshotRecord[] = [];
    for (const chunkValues of chunk([...new Set(values)].sort(), SECURITY_GROUP_FILTER_CHUNK)) {
      const pages = read.paginate(paging(ec2, EC2_MAX_PAGE_SIZE), {
        Filters: [{ Name: read.filter, Values: chunkValues }],
      });
      const items = await collectPages(read.api, read.idFields, pages, read.itemsOf, context.onProgress);
      records.push(...items.map(read.toRecord));
    }
    return records;
  });
}

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
