import type { FunctionDemand, PeakSource, SubnetDemand, SubnetProviderShare } from '../model/demand.js';
import { capFor, capped, legacyEnis, perSubnet, utilisation, withHeadroom } from './demand-formula.js';
import { type HyperplaneTally, hyperplaneCount } from './demand-hyperplane.js';
import type { DemandInput } from './demand-parameters.js';
import { mapDefined } from './lists.js';
import type { VpcFunction } from './snapshot-index.js';

/**
 * The legacy ENI model (the Lambda VPC guide's sizing formula): each function's observed peak, projected with
 * headroom and capped, in ENIs spread over its subnets; each subnet's demand against its free IPs.
 */

/** The projection part of a function's demand: all null when its peak is unknown. */
type Projection = Pick<
  FunctionDemand,
  'projectedUncapped' | 'cap' | 'projectedPeak' | 'legacyEnisAtObservedPeak' | 'legacyEnis' | 'enisPerSubnet'
>;

const NO_PROJECTION: Projection = {
  projectedUncapped: null,
  cap: null,
  projectedPeak: null,
  legacyEnisAtObservedPeak: null,
  legacyEnis: null,
  enisPerSubnet: null,
};

/**
 * The legacy model's projection of one peak: headroom, the cap, ENIs and each subnet's share. Also what the
 * forecast (forecast.ts) sizes a grown peak with, so both say the same for the same peak.
 */
export function legacyProjection(
  observedPeak: number,
  memorySize: number,
  reserved: number | undefined,
  subnetCount: number,
  { snapshot, settings }: DemandInput,
): Projection {
  const projectedUncapped = withHeadroom(observedPeak, settings.headroom);
  const { projectedPeak, cap } = capped(
    projectedUncapped,
    capFor({ reserved, unreservedPool: snapshot.accountSettings?.UnreservedConcurrentExecutions }),
  );
  const enis = legacyEnis(projectedPeak, memorySize, settings.legacyDivisorGb);
  return {
    projectedUncapped,
    cap,
    projectedPeak,
    legacyEnisAtObservedPeak: legacyEnis(observedPeak, memorySize, settings.legacyDivisorGb),
    legacyEnis: enis,
    enisPerSubnet: perSubnet(enis, subnetCount),
  };
}

export function functionDemand(fn: VpcFunction, input: DemandInput): FunctionDemand {
  const { snapshot, index } = input;
  const series = snapshot.metrics?.functions[fn.name];
  const observedPeak = series === undefined ? null : (series.peak ?? 0);
  // The metric covers every version of the function, so size with the largest memory any VPC version has.
  const memorySize = Math.max(...fn.records.map((record) => record.MemorySize));
  const reserved = fn.detail?.ReservedConcurrentExecutions;
  const subnetIds = fn.subnetIds.filter((id) => index.subnetById.has(id));
  const projected =
    observedPeak === null
      ? NO_PROJECTION
      : legacyProjection(observedPeak, memorySize, reserved, subnetIds.length, input);
  // One literal in model key order (JSON keeps it): V8 builds `{ ...base, more }` several times slower.
  return {
    functionName: fn.name,
    memorySize,
    peakSource: peakSourceOf(series),
    observedPeak,
    daily: series?.daily ?? [],
    reservedConcurrency: reserved ?? null,
    reservedConcurrencyKnown: fn.detail !== undefined,
    subnetIds,
    missingSubnetIds: fn.subnetIds.filter((id) => !index.subnetById.has(id)),
    projectedUncapped: projected.projectedUncapped,
    cap: projected.cap,
    projectedPeak: projected.projectedPeak,
    legacyEnisAtObservedPeak: projected.legacyEnisAtObservedPeak,
    legacyEnis: projected.legacyEnis,
    enisPerSubnet: projected.enisPerSubnet,
  };
}

export function peakSourceOf(series: { peak: number | null } | null | undefined): PeakSource {
  if (series === null || series === undefined) return 'not-collected';
  return series.peak === null ? 'no-traffic' : 'metrics';
}

/** ENIs Lambda operates in each subnet for managed instances and network connectors. */
function lambdaOperatedBySubnet({ snapshot }: DemandInput): Map<string, number> | null {
  if (snapshot.lambdaOperatedNetworkInterfaces === null) return null;
  const counts = new Map<string, number>();
  for (const eni of snapshot.lambdaOperatedNetworkInterfaces)
    if (eni.SubnetId) counts.set(eni.SubnetId, (counts.get(eni.SubnetId) ?? 0) + 1);
  return counts;
}

/** Every subnet a function or a capacity provider uses, with the legacy, Hyperplane and provider figures. */
export function subnetDemands(
  input: DemandInput,
  functions: readonly FunctionDemand[],
  tally: HyperplaneTally,
  providerShares: ReadonlyMap<string, SubnetProviderShare[]>,
): SubnetDemand[] {
  const { snapshot, index } = input;
  const operated = lambdaOperatedBySubnet(input);
  const usersBySubnet = new Map<string, FunctionDemand[]>();
  for (const subnetId of providerShares.keys()) usersBySubnet.set(subnetId, []);
  for (const fn of functions) {
    for (const subnetId of fn.subnetIds) {
      const users = usersBySubnet.get(subnetId);
      if (users) users.push(fn);
      else usersBySubnet.set(subnetId, [fn]);
    }
  }
  return [...usersBySubnet.keys()].sort().flatMap((subnetId): SubnetDemand[] => {
    const subnet = index.subnetById.get(subnetId);
    if (subnet === undefined) return [];
    const users = usersBySubnet.get(subnetId) ?? [];
    const contributors = mapDefined(users, (fn) =>
      fn.enisPerSubnet === null ? undefined : { functionName: fn.functionName, enis: fn.enisPerSubnet },
    );
    const legacyDemand = contributors.reduce((sum, c) => sum + c.enis, 0);
    // Only ENIs a function still uses give their IP back to the legacy model; an orphan keeps its IP.
    const lambdaEnisInUse =
      snapshot.networkInterfaces === null
        ? null
        : (index.lambdaEnisBySubnet.get(subnetId) ?? []).filter(
            (eni) => (index.eniUsers.get(eni.NetworkInterfaceId) ?? []).length > 0,
          ).length;
    const capacity = subnet.AvailableIpAddressCount + (lambdaEnisInUse ?? 0);
    return [
      {
        subnetId,
        vpcId: subnet.VpcId,
        availabilityZone: subnet.AvailabilityZone,
        cidrBlock: subnet.CidrBlock ?? null,
        freeIps: subnet.AvailableIpAddressCount,
        lambdaEnisInUse,
        capacity,
        legacyDemand,
        contributors,
        unknownDemandFunctions: users.filter((fn) => fn.enisPerSubnet === null).map((fn) => fn.functionName),
        utilisation: utilisation(legacyDemand, capacity),
        hyperplane: hyperplaneCount(input, tally, [subnetId]),
        capacityProviders: providerShares.get(subnetId) ?? [],
        lambdaOperatedEnis: operated === null ? null : (operated.get(subnetId) ?? 0),
      },
    ];
  });
}
