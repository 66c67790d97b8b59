import {
  DescribeVpcAttributeCommand,
  type EC2Client,
  paginateDescribeInternetGateways,
  paginateDescribeNatGateways,
  paginateDescribeNetworkInterfaces,
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
  NetworkInterface,
  NetworkInterfaceCounts,
  RouteTable,
  SecurityGroup,
  Subnet,
  Vpc,
  VpcAttributes,
  VpcEndpoint,
} from '../model/snapshot.js';
import type { CollectorContext } from './context.js';
import {
  interfaceTypeOf,
  isLambdaNetworkInterface,
  toInternetGateway,
  toNatGateway,
  toNetworkInterface,
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

/** The documented MaxResults maximum of every Describe call used here (5-1000)... */
export const EC2_MAX_PAGE_SIZE = 1000;
/** ...except DescribeRouteTables (5-100). */
export const ROUTE_TABLES_MAX_PAGE_SIZE = 100;
/** Values per `group-id` filter, kept at 200 per request to stay within EC2's limits on filter values. */
export const SECURITY_GROUP_FILTER_CHUNK = 200;
/** VPCs read at once (two DescribeVpcAttribute calls each), planned from that API's bucket. */
const VPC_ATTRIBUTE_CONCURRENCY = plannedConcurrency('ec2:DescribeVpcAttribute');

function paging(ec2: EC2Client, pageSize: number) {
  return { client: ec2, pageSize, stopOnSameToken: true };
}

export function collectVpcs(ec2: EC2Client, context: CollectorContext): Promise<Vpc[] | null> {
  const api = 'ec2:DescribeVpcs';
  return attempt(context.recorder, { part: 'vpcs', api }, async () => {
    const pages = paginateDescribeVpcs(paging(ec2, EC2_MAX_PAGE_SIZE), {});
    return (await collectPages(api, pages, (page) => page.Vpcs, context.onProgress)).map(toVpc);
  });
}

/** Every subnet of the region, not only the functions': a NAT gateway's own subnet decides its egress. */
export function collectSubnets(ec2: EC2Client, context: CollectorContext): Promise<Subnet[] | null> {
  const api = 'ec2:DescribeSubnets';
  return attempt(context.recorder, { part: 'subnets', api }, async () => {
    const pages = paginateDescribeSubnets(paging(ec2, EC2_MAX_PAGE_SIZE), {});
    return (await collectPages(api, pages, (page) => page.Subnets, context.onProgress)).map(toSubnet);
  });
}

export function collectRouteTables(ec2: EC2Client, context: CollectorContext): Promise<RouteTable[] | null> {
  const api = 'ec2:DescribeRouteTables';
  return attempt(context.recorder, { part: 'routeTables', api }, async () => {
    const pages = paginateDescribeRouteTables(paging(ec2, ROUTE_TABLES_MAX_PAGE_SIZE), {});
    return (await collectPages(api, pages, (page) => page.RouteTables, context.onProgress)).map(toRouteTable);
  });
}

export function collectInternetGateways(
  ec2: EC2Client,
  context: CollectorContext,
): Promise<InternetGateway[] | null> {
  const api = 'ec2:DescribeInternetGateways';
  return attempt(context.recorder, { part: 'internetGateways', api }, async () => {
    const pages = paginateDescribeInternetGateways(paging(ec2, EC2_MAX_PAGE_SIZE), {});
    return (await collectPages(api, pages, (page) => page.InternetGateways, context.onProgress)).map(
      toInternetGateway,
    );
  });
}

export function collectNatGateways(ec2: EC2Client, context: CollectorContext): Promise<NatGateway[] | null> {
  const api = 'ec2:DescribeNatGateways';
  return attempt(context.recorder, { part: 'natGateways', api }, async () => {
    const pages = paginateDescribeNatGateways(paging(ec2, EC2_MAX_PAGE_SIZE), {});
    return (await collectPages(api, pages, (page) => page.NatGateways, context.onProgress)).map(toNatGateway);
  });
}

export function collectVpcEndpoints(
  ec2: EC2Client,
  context: CollectorContext,
): Promise<VpcEndpoint[] | null> {
  const api = 'ec2:DescribeVpcEndpoints';
  return attempt(context.recorder, { part: 'vpcEndpoints', api }, async () => {
    const pages = paginateDescribeVpcEndpoints(paging(ec2, EC2_MAX_PAGE_SIZE), {});
    return (await collectPages(api, pages, (page) => page.VpcEndpoints, context.onProgress)).map(
      toVpcEndpoint,
    );
  });
}

export type NetworkInterfaceScan = {
  /** Lambda ENIs only. */
  networkInterfaces: NetworkInterface[];
  /** Every ENI of the region, by interface type. */
  counts: NetworkInterfaceCounts;
};

/**
 * One unfiltered, paginated scan: a server-side `interface-type` filter would miss Lambda ENIs on
 * endpoints that do not set the type, and the regional quota needs every ENI counted anyway.
 * Paginated calls also avoid the smaller throttling bucket of unpaginated unfiltered ones.
 */
export function collectNetworkInterfaces(
  ec2: EC2Client,
  context: CollectorContext,
): Promise<NetworkInterfaceScan | null> {
  const api = 'ec2:DescribeNetworkInterfaces';
  return attempt(context.recorder, { part: 'networkInterfaces', api }, async () => {
    // Some accounts hide managed ENIs (Lambda's are requester-managed) unless asked for them.
    const pages = paginateDescribeNetworkInterfaces(paging(ec2, EC2_MAX_PAGE_SIZE), {
      IncludeManagedResources: true,
    });
    const all = await collectPages(api, pages, (page) => page.NetworkInterfaces, context.onProgress);
    const byInterfaceType: Record<string, number> = {};
    for (const eni of all) {
      const type = interfaceTypeOf(eni);
      byInterfaceType[type] = (byInterfaceType[type] ?? 0) + 1;
    }
    return {
      networkInterfaces: all.filter(isLambdaNetworkInterface).map(toNetworkInterface),
      counts: { total: all.length, byInterfaceType },
    };
  });
}

/** The security groups of VPC-enabled functions, sorted, once each. */
export function securityGroupIdsOfFunctions(functions: readonly FunctionRecord[]): string[] {
  const ids = functions.filter(isVpcEnabled).flatMap((record) => record.VpcConfig?.SecurityGroupIds ?? []);
  return [...new Set(ids)].sort();
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
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
  const api = 'ec2:DescribeSecurityGroups';
  return attempt(context.recorder, { part: 'securityGroups', api }, async () => {
    const uniqueIds = [...new Set(groupIds)].sort();
    const groups: SecurityGroup[] = [];
    for (const ids of chunk(uniqueIds, SECURITY_GROUP_FILTER_CHUNK)) {
      const pages = paginateDescribeSecurityGroups(paging(ec2, EC2_MAX_PAGE_SIZE), {
        Filters: [{ Name: 'group-id', Values: ids }],
      });
      groups.push(
        ...(await collectPages(api, pages, (page) => page.SecurityGroups, context.onProgress)).map(
          toSecurityGroup,
        ),
      );
    }
    return groups;
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
