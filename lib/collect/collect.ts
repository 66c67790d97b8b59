import type { Clients } from '../aws/clients.js';
import { withRateLimits } from '../aws/rate-limited.js';
import { RateLimiters } from '../aws/rate-plan.js';
import { incompleteFromGaps, withTimeBudget } from '../aws/time-budget.js';
import {
  type FunctionRecord,
  SNAPSHOT_SCHEMA_VERSION,
  type Snapshot,
  type SnapshotPart,
} from '../model/snapshot.js';
import { TOOL } from '../version.js';
import { getAccountId, STS_ACTIONS } from './account.js';
import { ArrivingItems } from './arriving.js';
import {
  CLOUDWATCH_READ_ACTIONS,
  collectConcurrencyMetrics,
  DEFAULT_LOOKBACK_DAYS,
  metricsWindow,
} from './cloudwatch.js';
import type { CollectorContext, ProgressListener } from './context.js';
import {
  collectInternetGateways,
  collectNatGateways,
  collectNetworkInterfaces,
  collectRouteTables,
  collectSecurityGroups,
  collectSubnets,
  collectVpcAttributes,
  collectVpcEndpoints,
  collectVpcs,
  EC2_READ_ACTIONS,
  securityGroupIdsOfFunctions,
  vpcIdsOfFunctions,
} from './ec2.js';
import { EC2_EGRESS_READ_ACTIONS } from './ec2-egress.js';
import { collectEgressParts, egressInputs, routeTargetInterfacesOf } from './egress-parts.js';
import { CoverageRecorder } from './gaps.js';
import { collectRoles, IAM_READ_ACTIONS } from './iam.js';
import {
  collectAccountSettings,
  collectFunctionDetails,
  collectFunctions,
  type GetFunctionLimits,
  LAMBDA_READ_ACTIONS,
  vpcFunctionNames,
  vpcFunctionNamesAsTheyCome,
} from './lambda.js';
import { collectQuotas, SERVICE_QUOTAS_READ_ACTIONS } from './quotas.js';
import { REGION_ACTIONS } from './regions.js';
import { collectRolePermissions, ROLE_PERMISSIONS_READ_ACTIONS } from './role-permissions.js';

export type { CollectProgress } from './context.js';

/** Every IAM action the collectors call, sorted and once each: the README's and the stack's read policy. */
export const READ_ACTIONS: readonly string[] = [
  ...new Set<string>([
    ...STS_ACTIONS,
    ...LAMBDA_READ_ACTIONS,
    ...EC2_READ_ACTIONS,
    ...EC2_EGRESS_READ_ACTIONS,
    ...IAM_READ_ACTIONS,
    ...ROLE_PERMISSIONS_READ_ACTIONS,
    ...CLOUDWATCH_READ_ACTIONS,
    ...SERVICE_QUOTAS_READ_ACTIONS,
    // `--regions all` lists the account's enabled regions with the same (member-role) credentials.
    ...REGION_ACTIONS,
  ]),
].sort();

export type CollectOptions = {
  region: string;
  /** The capture time, passed in so the caller owns the clock. */
  now: Date;
  onProgress?: ProgressListener | undefined;
  /** GetFunction calls in flight (default: planned from its rate); their rate is GetFunction's bucket. */
  getFunctionLimits?: GetFunctionLimits | undefined;
  /** Days of concurrency metrics to read (default 14). */
  lookbackDays?: number | undefined;
  /** No call starts after this, calls in flight are cut at it; what is missing is marked (`meta.incomplete`). */
  deadline?: Date | undefined;
  /** `AWS_ENDPOINT_URL` as the door read it: the endpoint the clients call instead of AWS, kept in `meta`. */
  endpoint?: string | undefined;
};

/**
 * A part that depends on the function list cannot be collected when the list failed. It is still
 * null with a gap of its own, so every null part in a snapshot says why.
 */
function recordNotAttempted(context: CollectorContext, part: SnapshotPart, api: string): null {
  context.recorder.record({
    part,
    api,
    errorCode: 'DependencyNotCollected',
    message: 'Not attempted: it needs the function list, and lambda:ListFunctions failed.',
  });
  return null;
}

/** A part read from the function list once it is known; not attempted when the list could not be read. */
async function fromFunctionList<T>(
  functions: Promise<FunctionRecord[] | null>,
  context: CollectorContext,
  part: SnapshotPart,
  api: string,
  collect: (records: FunctionRecord[]) => Promise<T | null>,
): Promise<T | null> {
  const records = await functions;
  return records === null ? recordNotAttempted(context, part, api) : collect(records);
}

/** Work started on the records as they arrived stands only if the whole function list was read. */
async function keptIfListed<T>(
  functions: Promise<FunctionRecord[] | null>,
  work: Promise<T>,
  context: CollectorContext,
  part: SnapshotPart,
  api: string,
): Promise<T | null> {
  const [records, result] = await Promise.all([functions, work]);
  return records === null ? recordNotAttempted(context, part, api) : result;
}

/**
 * Reads one account and region into a Snapshot. Fails (CollectionError) only when AWS cannot be
 * reached at all; any other failure is a coverage gap and a null part. Independent reads run at the
 * same time, every call paced by its API's throttling bucket (rate-plan.ts), shared by all collectors of
 * this collection. GetFunction and the role simulations start with the first ListFunctions page; security
 * groups, concurrency metrics and VPC attributes once the function list (and, for VPC attributes, the
 * subnets) they depend on is known.
 */
export async function collectSnapshot(unpaced: Clients, options: CollectOptions): Promise<Snapshot> {
  const paced = withRateLimits(unpaced, new RateLimiters());
  const clients = options.deadline ? withTimeBudget(paced, options.deadline) : paced;
  const accountId = await getAccountId(clients.sts, options.region);
  const recorder = new CoverageRecorder();
  const context: CollectorContext = { recorder, onProgress: options.onProgress };
  const { lambda, ec2, iam } = clients;

  const arriving = new ArrivingItems<FunctionRecord>();
  const functions = collectFunctions(lambda, context, (page) => arriving.push(page)).finally(() =>
    arriving.end(),
  );
  const subnets = collectSubnets(ec2, context);
  const routeTableList = collectRouteTables(ec2, context);
  const egress = egressInputs(functions, subnets, routeTableList);
  const interfaceScan = collectNetworkInterfaces(
    ec2,
    context,
    egress.targets.then((targets) => targets?.networkInterfaceIds ?? null),
  );
  const egressParts = collectEgressParts(ec2, context, egress, interfaceScan);

  const functionDetails = keptIfListed(
    functions,
    collectFunctionDetails(lambda, vpcFunctionNamesAsTheyCome(arriving), context, options.getFunctionLimits),
    context,
    'functionDetails',
    'lambda:GetFunction',
  );
  const securityGroups = fromFunctionList(
    functions,
    context,
    'securityGroups',
    'ec2:DescribeSecurityGroups',
    (records) => collectSecurityGroups(ec2, securityGroupIdsOfFunctions(records), context),
  );
  const roles = collectRoles(iam, context);
  const rolePermissions = roles.then((roleList) =>
    roleList === null
      ? fromFunctionList(functions, context, 'rolePermissions', 'iam:SimulatePrincipalPolicy', (records) =>
          collectRolePermissions(iam, records, null, context),
        )
      : keptIfListed(
          functions,
          collectRolePermissions(iam, arriving, roleList, context),
          context,
          'rolePermissions',
          'iam:SimulatePrincipalPolicy',
        ),
  );
  const metrics = fromFunctionList(functions, context, 'metrics', 'cloudwatch:GetMetricData', (records) =>
    collectConcurrencyMetrics(
      clients.cloudwatch,
      vpcFunctionNames(records),
      context,
      metricsWindow(options.now, options.lookbackDays ?? DEFAULT_LOOKBACK_DAYS),
    ),
  );
  const vpcAttributes = fromFunctionList(
    functions,
    context,
    'vpcAttributes',
    'ec2:DescribeVpcAttribute',
    async (records) => collectVpcAttributes(ec2, vpcIdsOfFunctions(records, await subnets), context),
  );

  const [
    functionList,
    details,
    accountSettings,
    vpcs,
    attributes,
    subnetList,
    routeTables,
    internetGateways,
    natGateways,
    groups,
    networkInterfaceScan,
    vpcEndpoints,
    roleList,
    permissions,
    concurrency,
    quotas,
    egressRead,
  ] = await Promise.all([
    functions,
    functionDetails,
    collectAccountSettings(lambda, context),
    collectVpcs(ec2, context),
    vpcAttributes,
    subnets,
    routeTableList,
    collectInternetGateways(ec2, context),
    collectNatGateways(ec2, context),
    securityGroups,
    interfaceScan,
    collectVpcEndpoints(ec2, context),
    roles,
    rolePermissions,
    metrics,
    collectQuotas(clients.quotas, context),
    egressParts,
  ]);
  const routeTargetInterfaces = routeTargetInterfacesOf(context, networkInterfaceScan);

  const { endpoint } = options;
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    meta: {
      accountId,
      region: options.region,
      capturedAt: options.now.toISOString(),
      ...(endpoint === undefined || endpoint === '' ? {} : { endpoint }),
      tool: { name: TOOL.name, version: TOOL.version },
      ...incompleteFromGaps(recorder.gaps()),
    },
    coverage: recorder.gaps(),
    functions: functionList,
    functionDetails: details,
    accountSettings,
    vpcs,
    vpcAttributes: attributes,
    subnets: subnetList,
    routeTables,
    internetGateways,
    natGateways,
    securityGroups: groups,
    networkInterfaces: networkInterfaceScan?.networkInterfaces ?? null,
    networkInterfaceCounts: networkInterfaceScan?.counts ?? null,
    vpcEndpoints,
    routeTargetInstances: egressRead.routeTargetInstances,
    routeTargetInterfaces,
    transitGatewayAttachments: egressRead.transitGatewayAttachments,
    vpcPeeringConnections: egressRead.vpcPeeringConnections,
    networkAcls: egressRead.networkAcls,
    roles: roleList,
    rolePermissions: permissions,
    metrics: concurrency,
    quotas,
  };
}
