import { type EC2Client, paginateDescribeNetworkInterfaces } from '@aws-sdk/client-ec2';
import type {
  LambdaOperatedNetworkInterface,
  NetworkInterface,
  NetworkInterfaceCounts,
  RouteTargetInterface,
} from '../model/snapshot.js';
import type { CollectorContext } from './context.js';
import { toRouteTargetInterface } from './ec2-egress-records.js';
import { EC2_MAX_PAGE_SIZE, paging } from './ec2-paging.js';
import {
  interfaceTypeOf,
  isLambdaNetworkInterface,
  lambdaOperatedKindOf,
  toLambdaOperatedNetworkInterface,
  toNetworkInterface,
} from './ec2-records.js';
import { attempt } from './gaps.js';
import { collectPages } from './paging.js';

export type NetworkInterfaceScan = {
  /** Functions' Lambda ENIs only. */
  networkInterfaces: NetworkInterface[];
  /** ENIs Lambda operates for managed instances and network connectors (never in `networkInterfaces`). */
  lambdaOperated: LambdaOperatedNetworkInterface[];
  /** Every ENI of the region, by interface type. */
  counts: NetworkInterfaceCounts;
  /** The ENIs that routes of the VPCs in use target; null when those routes are not known. */
  routeTargets: RouteTargetInterface[] | null;
};

/**
 * One unfiltered, paginated scan: a server-side `interface-type` filter would miss Lambda ENIs on
 * endpoints that do not set the type, and the regional quota needs every ENI counted anyway.
 * Paginated calls also avoid the smaller throttling bucket of unpaginated unfiltered ones. The same scan keeps
 * the ENIs routes target (NAT instances, appliances), once their ids are known: no second call for them.
 */
export function collectNetworkInterfaces(
  ec2: EC2Client,
  context: CollectorContext,
  routeTargetIds: Promise<readonly string[] | null>,
): Promise<NetworkInterfaceScan | null> {
  const api = 'ec2:DescribeNetworkInterfaces';
  return attempt(context.recorder, { part: 'networkInterfaces', api }, async () => {
    // Some accounts hide managed ENIs (Lambda's are requester-managed) unless asked for them.
    const pages = paginateDescribeNetworkInterfaces(paging(ec2, EC2_MAX_PAGE_SIZE), {
      IncludeManagedResources: true,
    });
    const all = await collectPages(
      api,
      ['NetworkInterfaceId'],
      pages,
      (page) => page.NetworkInterfaces,
      context.onProgress,
    );
    const byInterfaceType: Record<string, number> = {};
    for (const eni of all) {
      const type = interfaceTypeOf(eni);
      byInterfaceType[type] = (byInterfaceType[type] ?? 0) + 1;
    }
    const targetIds = await routeTargetIds;
    const wanted = new Set(targetIds ?? []);
    const networkInterfaces: NetworkInterface[] = [];
    const lambdaOperated: LambdaOperatedNetworkInterface[] = [];
    for (const eni of all) {
      // A network connector's ENI may look like a function's (type or description): its operator says otherwise.
      const kind = lambdaOperatedKindOf(eni);
      if (kind !== null) lambdaOperated.push(toLambdaOperatedNetworkInterface(eni, kind));
      else if (isLambdaNetworkInterface(eni)) networkInterfaces.push(toNetworkInterface(eni));
    }
    return {
      networkInterfaces,
      lambdaOperated,
      counts: { total: all.length, byInterfaceType },
      routeTargets:
        targetIds === null
          ? null
          : all.filter((eni) => wanted.has(eni.NetworkInterfaceId ?? '')).map(toRouteTargetInterface),
    };
  });
}
