import type { EC2Client } from '@aws-sdk/client-ec2';
import type {
  CapacityProvider,
  FunctionRecord,
  NetworkAcl,
  RouteTable,
  RouteTargetInstance,
  RouteTargetInterface,
  SnapshotPart,
  Subnet,
  TransitGatewayVpcAttachment,
  VpcPeeringConnection,
} from '../model/snapshot.js';
import type { CollectorContext } from './context.js';
import { vpcIdsOfFunctions } from './ec2.js';
import {
  collectNetworkAcls,
  collectRouteTargetInstances,
  collectTransitGatewayAttachments,
  collectVpcPeeringConnections,
} from './ec2-egress.js';
import { type RouteTargets, routeTargetsOf } from './ec2-egress-records.js';
import type { NetworkInterfaceScan } from './network-interface-scan.js';

/** What the egress reads are filtered to, derived from the function list, the subnets and the route tables. */
export interface EgressInputs {
  /** The VPCs functions and capacity providers use; null when the function list could not be read. */
  vpcIds: Promise<string[] | null>;
  /** What the routes of those VPCs target; null when the function list or the route tables could not be read. */
  targets: Promise<RouteTargets | null>;
}

/** The VPCs of the capacity providers' subnets: their instances' traffic takes those VPCs' routes. */
function providerVpcIds(
  providers: readonly CapacityProvider[] | null,
  subnets: readonly Subnet[] | null,
): string[] {
  const vpcOfSubnet = new Map((subnets ?? []).map((subnet) => [subnet.SubnetId, subnet.VpcId]));
  return (providers ?? []).flatMap((provider) =>
    (provider.VpcConfig?.SubnetIds ?? []).flatMap((id) => vpcOfSubnet.get(id) ?? []),
  );
}

export function egressInputs(
  functions: Promise<FunctionRecord[] | null>,
  subnets: Promise<Subnet[] | null>,
  routeTables: Promise<RouteTable[] | null>,
  capacityProviders: Promise<CapacityProvider[] | null> = Promise.resolve([]),
): EgressInputs {
  const vpcIds = functions.then(async (records) => {
    if (records === null) return null;
    const [subnetList, providers] = await Promise.all([subnets, capacityProviders]);
    const ids = new Set([
      ...vpcIdsOfFunctions(records, subnetList),
      ...providerVpcIds(providers, subnetList),
    ]);
    return [...ids].sort();
  });
  const targets = Promise.all([vpcIds, routeTables]).then(([ids, tables]) =>
    ids === null || tables === null ? null : routeTargetsOf(tables, ids),
  );
  return { vpcIds, targets };
}

export interface EgressParts {
  routeTargetInstances: RouteTargetInstance[] | null;
  transitGatewayAttachments: TransitGatewayVpcAttachment[] | null;
  vpcPeeringConnections: VpcPeeringConnection[] | null;
  networkAcls: NetworkAcl[] | null;
}

/** A read its inputs could not be given: null, with a gap saying which input failed. */
function notAttempted(context: CollectorContext, part: SnapshotPart, api: string, needs: string): null {
  context.recorder.record({
    part,
    api,
    errorCode: 'DependencyNotCollected',
    message: `Not attempted: it needs ${needs}, which could not be read.`,
  });
  return null;
}

const NEEDS_FUNCTIONS = 'the function list (lambda:ListFunctions)';
const NEEDS_ROUTES = 'the function list and the route tables (ec2:DescribeRouteTables)';

/** The route-target ENIs the scan kept, or null with a gap saying why they are not known. */
export function routeTargetInterfacesOf(
  context: CollectorContext,
  scan: NetworkInterfaceScan | null,
): RouteTargetInterface[] | null {
  const api = 'ec2:DescribeNetworkInterfaces';
  if (scan === null) {
    // The same failed call: its gap, for this part too.
    const failure = context.recorder
      .gaps()
      .find((gap) => gap.part === 'networkInterfaces' && gap.api === api);
    if (failure === undefined)
      return notAttempted(context, 'routeTargetInterfaces', api, "the region's ENI scan");
    context.recorder.record({ ...failure, part: 'routeTargetInterfaces' });
    return null;
  }
  return scan.routeTargets ?? notAttempted(context, 'routeTargetInterfaces', api, NEEDS_ROUTES);
}

/**
 * The transit gateway attachments and network ACLs of the VPCs in use, the peering connections and instances their
 * routes name (instances also those of the route-target ENIs the scan found), each as soon as its inputs are known.
 */
export async function collectEgressParts(
  ec2: EC2Client,
  context: CollectorContext,
  inputs: EgressInputs,
  scan: Promise<NetworkInterfaceScan | null>,
): Promise<EgressParts> {
  const byVpc = <T>(part: SnapshotPart, api: string, read: (ids: string[]) => Promise<T[] | null>) =>
    inputs.vpcIds.then((ids) =>
      ids === null ? notAttempted(context, part, api, NEEDS_FUNCTIONS) : read(ids),
    );
  const byTargets = <T>(part: SnapshotPart, api: string, read: (t: RouteTargets) => Promise<T[] | null>) =>
    inputs.targets.then((t) => (t === null ? notAttempted(context, part, api, NEEDS_ROUTES) : read(t)));

  const [routeTargetInstances, transitGatewayAttachments, vpcPeeringConnections, networkAcls] =
    await Promise.all([
      byTargets('routeTargetInstances', 'ec2:DescribeInstances', async (targets) => {
        // A route may name only the ENI of an instance: its attachment says which instance to read.
        const attached = (await scan)?.routeTargets?.flatMap((eni) => eni.Attachment?.InstanceId ?? []) ?? [];
        return collectRouteTargetInstances(ec2, [...targets.instanceIds, ...attached], context);
      }),
      byVpc('transitGatewayAttachments', 'ec2:DescribeTransitGatewayVpcAttachments', (ids) =>
        collectTransitGatewayAttachments(ec2, ids, context),
      ),
      byTargets('vpcPeeringConnections', 'ec2:DescribeVpcPeeringConnections', (targets) =>
        collectVpcPeeringConnections(ec2, targets.peeringConnectionIds, context),
      ),
      byVpc('networkAcls', 'ec2:DescribeNetworkAcls', (ids) => collectNetworkAcls(ec2, ids, context)),
    ]);
  return { routeTargetInstances, transitGatewayAttachments, vpcPeeringConnections, networkAcls };
}
