import type { Clients } from '../aws/clients.js';
import { withRateLimits } from '../aws/rate-limited.js';
import { RateLimiters } from '../aws/rate-plan.js';
import { incompleteFromGaps, withTimeBudget } from '../aws/time-budget.js';
import type { ArnScope } from '../model/lambda-eni-actions.js';
import { partitionOf } from '../model/partition.js';
import {
  type CapacityProvider,
  type FunctionRecord,
  SNAPSHOT_SCHEMA_VERSION,
  type Snapshot,
} from '../model/snapshot.js';
import { TOOL } from '../version.js';
import { getAccountId, STS_ACTIONS } from './account.js';
import { ArrivingItems } from './arriving.js';
import {
  AUTHORIZATION_READ_ACTIONS,
  type AuthorizationSource,
  collectAuthorization,
} from './authorization.js';
import {
  CAPACITY_PROVIDER_READ_ACTIONS,
  collectCapacityProviders,
  collectCapacityProviderVersions,
} from './capacity-providers.js';
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
import { fromFunctionList, keptIfListed } from './function-list.js';
import { CoverageRecorder } from './gaps.js';
import { collectRoles, IAM_READ_ACTIONS } from './iam.js';
import { iamChecks } from './iam-checks.js';
import {
  collectAccountSettings,
  collectFunctionDetails,
  collectFunctions,
  type GetFunctionLimits,
  LAMBDA_READ_ACTIONS,
  networkedFunctionNamesAsTheyCome,
  vpcFunctionNames,
} from './lambda.js';
import { MANAGED_POLICY_READ_ACTIONS } from './managed-policies.js';
import { collectNetworkInterfaces } from './network-interface-scan.js';
import { collectQuotas, SERVICE_QUOTAS_READ_ACTIONS } from './quotas.js';
import { REGION_ACTIONS } from './regions.js';
import { ROLE_PERMISSIONS_READ_ACTIONS } from './role-permissions.js';

export type { CollectProgress } from './context.js';

/** Every IAM action the collectors call, sorted and once each: the README's and the stack's read policy. */
export const READ_ACTIONS: readonly string[] = [
  ...new Set<string>([
    ...STS_ACTIONS,
    ...LAMBDA_READ_ACTIONS,
    ...CAPACITY_PROVIDER_READ_ACTIONS,
    ...EC2_READ_ACTIONS,
    ...AUTHORIZATION_READ_ACTIONS,
    ...EC2_EGRESS_READ_ACTIONS,
    ...IAM_READ_ACTIONS,
    ...MANAGED_POLICY_READ_ACTIONS,
    ...ROLE_PERMISSIONS_READ_ACTIONS,
    ...CLOUDWATCH_READ_ACTIONS,
    ...SERVICE_QUOTAS_READ_ACTIONS,
    // `--regions all` lists the account's enabled regions with the same (member-role) credentials.
    ...REGION_ACTIONS,
  ]),
].sort();

export type CollectOptions = {
  region: string;
  /** The named profile the clients use, if any: a credentials error then says what is wrong with it. */
  profile?: string | undefined;
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
  /** Where the account's GetAccountAuthorizationDetails comes from (default: read here); see authorization.ts. */
  authorization?: AuthorizationSource | undefined;
};

/** The security groups of the capacity providers (none when the providers could not be listed). */
function providerGroupIds(providers: readonly CapacityProvider[] | null): string[] {
  return (providers ?? []).flatMap((provider) => provider.VpcConfig.SecurityGroupIds);
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
  const accountId = await getAccountId(clients.sts, options.region, options.profile);
  const recorder = new CoverageRecorder();
  const context: CollectorContext = { recorder, onProgress: options.onProgress };
  const { lambda, ec2, iam } = clients;

  const arriving = new ArrivingItems<FunctionRecord>();
  const functions = collectFunctions(lambda, context, (page) => arriving.push(page)).finally(() =>
    arriving.end(),
  );
  const subnets = collectSubnets(ec2, context);
  const capacityProviders = collectCapacityProviders(lambda, context);
  const routeTableList = collectRouteTables(ec2, context);
  const egress = egressInputs(functions, subnets, routeTableList, capacityProviders);
  const interfaceScan = collectNetworkInterfaces(
    ec2,
    context,
    egress.targets.then((targets) => targets?.networkInterfaceIds ?? null),
  );
  const egressParts = collectEgressParts(ec2, context, egress, interfaceScan);

  const functionDetails = keptIfListed(
    functions,
    collectFunctionDetails(
      lambda,
      networkedFunctionNamesAsTheyCome(arriving),
      context,
      options.getFunctionLimits,
    ),
    context,
    'functionDetails',
    'lambda:GetFunction',
  );
  const securityGroups = fromFunctionList(
    functions,
    context,
    'securityGroups',
    'ec2:DescribeSecurityGroups',
    async (records) =>
      collectSecurityGroups(
        ec2,
        [...securityGroupIdsOfFunctions(records), ...providerGroupIds(await capacityProviders)],
        context,
      ),
  );
  const scope: ArnScope = { partition: partitionOf(options.region), region: options.region, accountId };
  const authorization = collectAuthorization(iam, context, options.authorization);
  // GetAccountAuthorizationDetails lists the roles; ListRoles only when it could not be read.
  const roles = authorization.then((found) => (found === null ? collectRoles(iam, context) : found.roles));
  const roleChecks = iamChecks(
    iam,
    { functions, arriving, authorization, roles, capacityProviders },
    scope,
    context,
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
    checks,
    concurrency,
    quotas,
    providerList,
    providerVersions,
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
    roleChecks,
    metrics,
    collectQuotas(clients.quotas, context),
    capacityProviders,
    capacityProviders.then((list) => collectCapacityProviderVersions(lambda, list, context)),
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
    rolePolicies: checks.rolePolicies,
    rolePermissions: checks.rolePermissions,
    metrics: concurrency,
    quotas,
    capacityProviders: providerList,
    capacityProviderVersions: providerVersions,
    lambdaOperatedNetworkInterfaces: networkInterfaceScan?.lambdaOperated ?? null,
  };
}
