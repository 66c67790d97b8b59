import type {
  DemandModel,
  DemandParameters,
  FunctionDemand,
  HyperplaneCount,
  PeakSource,
  QuotaInUse,
  RegionDemand,
  SubnetDemand,
  VpcDemand,
} from '../model/demand.js';
import type { AnalysisSettings } from '../model/settings.js';
import type { Snapshot } from '../model/snapshot.js';
import { capFor, capped, legacyEnis, perSubnet, utilisation, withHeadroom } from './demand-formula.js';
import { mapDefined } from './lists.js';
import {
  buildIndex,
  combinationKey,
  eniGroupIds,
  type SnapshotIndex,
  type VpcFunction,
} from './snapshot-index.js';

/** Documented defaults, used when Service Quotas could not be read (quotas can be raised, never lowered below). */
export const DEFAULT_QUOTAS = {
  /** Lambda "Elastic network interfaces per VPC". */
  lambdaEnisPerVpc: { code: 'L-9FEE3D26', value: 500 },
  /** VPC "Network interfaces per Region". */
  networkInterfacesPerRegion: { code: 'L-DF5E4CA3', value: 5000 },
} as const;

/** The model plus lookups by id, for the rules. */
export interface DemandView {
  model: DemandModel;
  functionByName: ReadonlyMap<string, FunctionDemand>;
  subnetById: ReadonlyMap<string, SubnetDemand>;
  vpcById: ReadonlyMap<string, VpcDemand>;
}

type DemandInput = { snapshot: Snapshot; index: SnapshotIndex; settings: AnalysisSettings };

function quotaInUse(read: number | null | undefined, fallback: { code: string; value: number }): QuotaInUse {
  return read === null || read === undefined
    ? { code: fallback.code, value: fallback.value, source: 'default' }
    : { code: fallback.code, value: read, source: 'service-quotas' };
}

function parametersOf({ snapshot, settings }: DemandInput): DemandParameters {
  const metrics = snapshot.metrics;
  return {
    headroom: settings.headroom,
    legacyDivisorGb: settings.legacyDivisorGb,
    subnetUtilisationThreshold: settings.subnetUtilisationThreshold,
    quotaUtilisationThreshold: settings.quotaUtilisationThreshold,
    window:
      metrics === null
        ? null
        : {
            lookbackDays: metrics.lookbackDays,
            periodSeconds: metrics.periodSeconds,
            startTime: metrics.startTime,
            endTime: metrics.endTime,
          },
    accountConcurrencyLimit: snapshot.accountSettings?.ConcurrentExecutions ?? null,
    unreservedConcurrencyLimit: snapshot.accountSettings?.UnreservedConcurrentExecutions ?? null,
    lambdaEnisPerVpc: quotaInUse(snapshot.quotas?.lambdaEnisPerVpc, DEFAULT_QUOTAS.lambdaEnisPerVpc),
    networkInterfacesPerRegion: quotaInUse(
      snapshot.quotas?.networkInterfacesPerRegion,
      DEFAULT_QUOTAS.networkInterfacesPerRegion,
    ),
  };
}

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

function projection(
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

function functionDemand(fn: VpcFunction, input: DemandInput): FunctionDemand {
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
      : projection(observedPeak, memorySize, reserved, subnetIds.length, input);
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

/** Hyperplane tallies per subnet: combinations in use, Lambda ENIs present, combinations without an ENI. */
type HyperplaneTally = Map<string, { combinations: number; existing: number; missing: number }>;

function hyperplaneTally({ snapshot, index }: DemandInput): HyperplaneTally {
  const tally: HyperplaneTally = new Map();
  const entry = (subnetId: string) => {
    let counts = tally.get(subnetId);
    if (counts === undefined) {
      counts = { combinations: 0, existing: 0, missing: 0 };
      tally.set(subnetId, counts);
    }
    return counts;
  };
  const present = new Set<string>();
  for (const eni of snapshot.networkInterfaces ?? []) {
    if (!eni.SubnetId) continue;
    present.add(combinationKey(eni.SubnetId, eniGroupIds(eni)));
    entry(eni.SubnetId).existing += 1;
  }
  for (const combo of index.combinations.values()) {
    const counts = entry(combo.subnetId);
    counts.combinations += 1;
    if (!present.has(combo.key)) counts.missing += 1;
  }
  return tally;
}

/** The Hyperplane count over `subnetIds`; ENI figures are null when ENIs were not collected. */
function hyperplaneCount(
  { snapshot }: DemandInput,
  tally: HyperplaneTally,
  subnetIds: Iterable<string>,
): HyperplaneCount {
  let combinations = 0;
  let existing = 0;
  let missing = 0;
  for (const subnetId of subnetIds) {
    const counts = tally.get(subnetId);
    if (counts === undefined) continue;
    combinations += counts.combinations;
    existing += counts.existing;
    missing += counts.missing;
  }
  const collected = snapshot.networkInterfaces !== null;
  return {
    combinations,
    existingEnis: collected ? existing : null,
    missingEnis: collected ? missing : null,
  };
}

/** The subnets of the tally, by VPC; a subnet that no longer exists belongs to none (it can get no ENI). */
function tallySubnetsByVpc({ index }: DemandInput, tally: HyperplaneTally): Map<string, string[]> {
  const byVpc = new Map<string, string[]>();
  for (const subnetId of tally.keys()) {
    const vpcId = index.subnetById.get(subnetId)?.VpcId;
    if (vpcId === undefined) continue;
    const list = byVpc.get(vpcId);
    if (list) list.push(subnetId);
    else byVpc.set(vpcId, [subnetId]);
  }
  return byVpc;
}

function subnetDemands(
  input: DemandInput,
  functions: readonly FunctionDemand[],
  tally: HyperplaneTally,
): SubnetDemand[] {
  const { snapshot, index } = input;
  const usersBySubnet = new Map<string, FunctionDemand[]>();
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
      },
    ];
  });
}

function vpcDemands(
  input: DemandInput,
  subnets: readonly SubnetDemand[],
  tally: HyperplaneTally,
  quota: QuotaInUse,
): VpcDemand[] {
  const vpcIds = [...new Set(subnets.map((s) => s.vpcId))].sort();
  const tallied = tallySubnetsByVpc(input, tally);
  return vpcIds.map((vpcId): VpcDemand => {
    const inVpc = subnets.filter((s) => s.vpcId === vpcId);
    const count = hyperplaneCount(input, tally, tallied.get(vpcId) ?? []);
    const projectedEnis =
      count.existingEnis === null || count.missingEnis === null
        ? null
        : count.existingEnis + count.missingEnis;
    return {
      vpcId,
      subnets: inVpc.length,
      legacyDemand: inVpc.reduce((sum, s) => sum + s.legacyDemand, 0),
      hyperplane: {
        ...count,
        projectedEnis,
        utilisation: projectedEnis === null ? null : utilisation(projectedEnis, quota.value),
      },
    };
  });
}

function peakSourceOf(series: { peak: number | null } | null | undefined): PeakSource {
  if (series === null || series === undefined) return 'not-collected';
  return series.peak === null ? 'no-traffic' : 'metrics';
}

function regionDemand(
  input: DemandInput,
  functions: readonly FunctionDemand[],
  tally: HyperplaneTally,
  quota: QuotaInUse,
): RegionDemand {
  const { snapshot, index } = input;
  const account = snapshot.metrics?.account;
  // A combination in a subnet that no longer exists can get no ENI: it is not counted.
  const hyperplane = hyperplaneCount(
    input,
    tally,
    [...tally.keys()].filter((subnetId) => index.subnetById.has(subnetId)),
  );
  const total = snapshot.networkInterfaceCounts?.total ?? null;
  const projected = total === null || hyperplane.missingEnis === null ? null : total + hyperplane.missingEnis;
  return {
    accountPeakSource: peakSourceOf(account),
    accountPeak: account === null || account === undefined ? null : (account.peak ?? 0),
    accountDaily: account?.daily ?? [],
    legacyEnis: functions.reduce((sum, fn) => sum + (fn.legacyEnis ?? 0), 0),
    unknownDemandFunctions: functions.filter((fn) => fn.legacyEnis === null).length,
    hyperplane,
    networkInterfaces: total,
    projectedNetworkInterfaces: projected,
    utilisation: projected === null ? null : utilisation(projected, quota.value),
  };
}

/** Computes the demand model. Pure: the same snapshot and settings always give the same model. */
export function buildDemand(input: DemandInput): DemandView {
  const parameters = parametersOf(input);
  const functions = input.index.vpcFunctions.map((fn) => functionDemand(fn, input));
  const tally = hyperplaneTally(input);
  const subnets = subnetDemands(input, functions, tally);
  const vpcs = vpcDemands(input, subnets, tally, parameters.lambdaEnisPerVpc);
  const region = regionDemand(input, functions, tally, parameters.networkInterfacesPerRegion);
  return {
    model: { parameters, functions, subnets, vpcs, region },
    functionByName: new Map(functions.map((fn) => [fn.functionName, fn])),
    subnetById: new Map(subnets.map((s) => [s.subnetId, s])),
    vpcById: new Map(vpcs.map((v) => [v.vpcId, v])),
  };
}

/** The settings the model depends on, as a cache key. */
function settingsKey(settings: AnalysisSettings): string {
  return [
    settings.headroom,
    settings.legacyDivisorGb,
    settings.subnetUtilisationThreshold,
    settings.quotaUtilisationThreshold,
  ].join('|');
}

// Keyed by the snapshot object, so an entry lives exactly as long as the snapshot it was computed from.
const cache = new WeakMap<Snapshot, Map<string, DemandView>>();

/**
 * The demand model of this snapshot, computed once and shared by every demand rule and the report builder.
 * It needs the index of the whole snapshot: a report narrowed to some functions narrows its index, and subnet,
 * VPC and regional totals must still count every function. So only a rule passes its index (the engine's,
 * always whole, which spares building a second one); any other caller lets this function index the snapshot.
 * A memo of a pure function: callers treat the result as read-only, as they do the index.
 */
export function demandFor(
  snapshot: Snapshot,
  settings: AnalysisSettings,
  wholeIndex?: SnapshotIndex,
): DemandView {
  const key = settingsKey(settings);
  let bySettings = cache.get(snapshot);
  if (bySettings === undefined) {
    bySettings = new Map();
    cache.set(snapshot, bySettings);
  }
  const cached = bySettings.get(key);
  if (cached !== undefined) return cached;
  const view = buildDemand({ snapshot, index: wholeIndex ?? buildIndex(snapshot), settings });
  bySettings.set(key, view);
  return view;
}
