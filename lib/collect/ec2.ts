import {
  DescribeVpcAttributeCommand,
  type EC2Client,
  type EC2PaginationConfiguration,
  paginateDescribeInternetGateways,
  paginateDescribeNatGateways,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcs,
  type VpcAttributeName,
} from '@aws-sdk/client-ec2';
import { mapWithConcurrency } from '../aws/concurrency.js';
import { plannedConcurrency } from '../aws/rate-plan.js';
import type {
  FunctionRecord,
  InternetGateway,
  NatGateway,
  RouteTable,
  SecurityGroup,
  SnapshotPart,
  Subnet,
  Vpc,
  VpcAttributes,
  VpcEndpoint,
} from '../model/snapshot.js';
import type { CollectorContext } from './context.js';
import { EC2_MAX_PAGE_SIZE, paging, ROUTE_TABLES_MAX_PAGE_SIZE, readFiltered } from './ec2-paging.js';
import {
  toInternetGateway,
  toNatGateway,
  toRouteTable,
  toSecurityGroup,
  toSubnet,
  toVpc,
  toVpcEndpoint,
} from './ec2-records.js';
import { attempt } from './gaps.js';
import { isVpcEnabled } from './lambda.js';
import { callCounter, collectPages } from './paging.js';

export const EC2_READ_ACTIONS = [
  'ec2:DescribeInternetGateways',
  'ec2:DescribeNatGateways',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeRouteTables',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeSubnets',
  'ec2:DescribeVpcAttribute',
  'ec2:DescribeVpcEndpoints',
  'ec2:DescribeVpcs',
] as const;

/** VPCs read at once (two DescribeVpcAttribute calls each), planned from that API's bucket. */
const VPC_ATTRIBUTE_CONCURRENCY = plannedConcurrency('ec2:DescribeVpcAttribute');

/**
 * A snapshot part read whole by one paginated Describe call: the part and API (for progress and coverage
 * gaps), the SDK paginator, where a page keeps its items, and the record each item becomes.
 */
interface WholeRegionRead<Page, SdkItem, SnapshotRecord> {
  part: SnapshotPart;
  api: string;
  paginate: (config: EC2PaginationConfiguration, input: object) => AsyncIterable<Page>;
  itemsOf: (page: Page) => readonly SdkItem[] | undefined;
  toRecord: (item: SdkItem) => SnapshotRecord;
  /** What identifies an item, so one repeated on a later page is kept once. */
  idFields: readonly (keyof SdkItem & string)[];
  /** EC2_MAX_PAGE_SIZE unless the API allows less. */
  pageSize?: number;
}

function readWholeRegion<Page, SdkItem, SnapshotRecord>(
  ec2: EC2Client,
  context: CollectorContext,
  read: WholeRegionRead<Page, SdkItem, SnapshotRecord>,
): Promise<SnapshotRecord[] | null> {
  return attempt(context.recorder, { part: read.part, api: read.api }, async () => {
    // No filter: the whole region.
    const pages = read.paginate(paging(ec2, read.pageSize ?? EC2_MAX_PAGE_SIZE), {});
    return (await collectPages(read.api, read.idFields, pages, read.itemsOf, context.onProgress)).map(
      read.toRecord,
    );
  });
}

export function collectVpcs(ec2: EC2Client, context: CollectorContext): Promise<Vpc[] | null> {
  return readWholeRegion(ec2, context, {
    part: 'vpcs',
    api: 'ec2:DescribeVpcs',
    idFields: ['VpcId'],
    paginate: paginateDescribeVpcs,
    itemsOf: (page) => page.Vpcs,
    toRecord: toVpc,
  });
}

/** Every subnet of the region, not only the functions': a NAT gateway's own subnet decides its egress. */
export function collectSubnets(ec2: EC2Client, context: CollectorContext): Promise<Subnet[] | null> {
  return readWholeRegion(ec2, context, {
    part: 'subnets',
    api: 'ec2:DescribeSubnets',
    idFields: ['SubnetId'],
    paginate: paginateDescribeSubnets,
    itemsOf: (page) => page.Subnets,
    toRecord: toSubnet,
  });
}

export function collectRouteTables(ec2: EC2Client, context: CollectorContext): Promise<RouteTable[] | null> {
  return readWholeRegion(ec2, context, {
    part: 'routeTables',
    api: 'ec2:DescribeRouteTables',
    idFields: ['RouteTableId'],
    paginate: paginateDescribeRouteTables,
    itemsOf: (page) => page.RouteTables,
    toRecord: toRouteTable,
    pageSize: ROUTE_TABLES_MAX_PAGE_SIZE,
  });
}

export function collectInternetGateways(
  ec2: EC2Client,
  context: CollectorContext,
): Promise<InternetGateway[] | null> {
  return readWholeRegion(ec2, context, {
    part: 'internetGateways',
    api: 'ec2:DescribeInternetGateways',
    idFields: ['InternetGatewayId'],
    paginate: paginateDescribeInternetGateways,
    itemsOf: (page) => page.InternetGateways,
    toRecord: toInternetGateway,
  });
}

export function collectNatGateways(ec2: EC2Client, context: CollectorContext): Promise<NatGateway[] | null> {
  return readWholeRegion(ec2, context, {
    part: 'natGateways',
    api: 'ec2:DescribeNatGateways',
    idFields: ['NatGatewayId'],
    paginate: paginateDescribeNatGateways,
    itemsOf: (page) => page.NatGateways,
    toRecord: toNatGateway,
  });
}

export function collectVpcEndpoints(
  ec2: EC2Client,
  context: CollectorContext,
): Promise<VpcEndpoint[] | null> {
  return readWholeRegion(ec2, context, {
    part: 'vpcEndpoints',
    api: 'ec2:DescribeVpcEndpoints',
    idFields: ['VpcEndpointId'],
    paginate: paginateDescribeVpcEndpoints,
    itemsOf: (page) => page.VpcEndpoints,
    toRecord: toVpcEndpoint,
  });
}

/** The security groups of VPC-enabled functions, sorted, once each. */
export function securityGroupIdsOfFunctions(functions: readonly FunctionRecord[]): string[] {
  const ids = functions.filter(isVpcEnabled).flatMap((record) => record.VpcConfig?.SecurityGroupIds ?? []);
  return [...new Set(ids)].sort();
}

/**
 * Only the groups functions use. The `group-id` filter, not `GroupIds`: with GroupIds one deleted
 * group fails the whole call (InvalidGroup.NotFound), with the filter it is simply not returned,
 * which is what the "network resources exist" rule needs to see. One failed chunk fails the part:
 * a partial list would make present groups look deleted.
 */
export function collectSecurityGroups(
  ec2: EC2Client,
  groupIds: readonly string[],
  context: CollectorContext,
): Promise<SecurityGroup[] | null> {
  return readFiltered(ec2, groupIds, context, {
    part: 'securityGroups',
    api: 'ec2:DescribeSecurityGroups',
    filter: 'group-id',
    paginate: paginateDescribeSecurityGroups,
    itemsOf: (page) => page.SecurityGroups,
    toRecord: toSecurityGroup,
    idFields: ['GroupId'],
  });
}

/**
 * The VPCs functions' subnets belong to. `VpcConfig.VpcId` is only a fallback for a subnet that was
 * not found (deleted, or subnets not collected): the subnet is the source of truth.
 */
export function vpcIdsOfFunctions(
  functions: readonly FunctionRecord[],
  subnets: readonly Subnet[] | null,
): string[] {
  const vpcOfSubnet = new Map((subnets ?? []).map((subnet) => [subnet.SubnetId, subnet.VpcId]));
  const vpcIds = new Set<string>();
  for (const record of functions.filter(isVpcEnabled)) {
    for (const subnetId of record.VpcConfig?.SubnetIds ?? []) {
      const vpcId = vpcOfSubnet.get(subnetId) ?? record.VpcConfig?.VpcId;
      if (vpcId !== undefined && vpcId !== '') vpcIds.add(vpcId);
    }
  }
  return [...vpcIds].sort();
}

const DNS_ATTRIBUTES = [
  'enableDnsSupport',
  'enableDnsHostnames',
] as const satisfies readonly VpcAttributeName[];

/**
 * DNS support and hostnames of each VPC. A failed call is a gap naming the VPC; the attributes that
 * were read are kept, and a VPC with none read is left out (absent = not collected).
 */
export async function collectVpcAttributes(
  ec2: EC2Client,
  vpcIds: readonly string[],
  context: CollectorContext,
): Promise<Record<string, VpcAttributes>> {
  const api = 'ec2:DescribeVpcAttribute';
  const countCall = callCounter(api, context.onProgress);
  const entries = await mapWithConcurrency(vpcIds, VPC_ATTRIBUTE_CONCURRENCY, async (vpcId) => {
    const attributes: VpcAttributes = {};
    for (const attribute of DNS_ATTRIBUTES) {
      const response = await attempt(context.recorder, { part: 'vpcAttributes', api, resource: vpcId }, () =>
        ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: attribute })),
      );
      countCall();
      // One gap per VPC is enough: the other attribute would almost surely fail the same way.
      if (response === null) break;
      if (attribute === 'enableDnsSupport') attributes.EnableDnsSupport = response.EnableDnsSupport?.Value;
      else attributes.EnableDnsHostnames = response.EnableDnsHostnames?.Value;
    }
    return { vpcId, attributes };
  });
  const result: Record<string, VpcAttributes> = {};
  for (const { vpcId, attributes } of entries) {
    if (attributes.EnableDnsSupport !== undefined || attributes.EnableDnsHostnames !== undefined) {
      result[vpcId] = attributes;
    }
  }
  return result;
}
