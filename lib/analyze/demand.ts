import type {
  DemandModel,
  FunctionDemand,
  QuotaInUse,
  RegionDemand,
  SubnetDemand,
  VpcDemand,
} from '../model/demand.js';
import type { AnalysisSettings } from '../model/settings.js';
import type { Snapshot } from '../model/snapshot.js';
import { utilisation } from './demand-formula.js';
import { type HyperplaneTally, hyperplaneCount, hyperplaneTally, vpcDemands } from './demand-hyperplane.js';
import { functionDemand, peakSourceOf, subnetDemands } from './demand-legacy.js';
import { type DemandInput, parametersOf } from './demand-parameters.js';
import { providerDemand, providerSharesBySubnet } from './demand-providers.js';
import { buildIndex, type SnapshotIndex } from './snapshot-index.js';

/**
 * The ENI demand model: the legacy model per function and subnet (demand-legacy.ts), the Hyperplane model per
 * subnet and VPC (demand-hyperplane.ts), and the region's network interfaces against their quota.
 */

/** The model plus lookups by id, for the rules. */
export interface DemandView {
  model: DemandModel;
  functionByName: ReadonlyMap<string, FunctionDemand>;
  subnetById: ReadonlyMap<string, SubnetDemand>;
  vpcById: ReadonlyMap<string, VpcDemand>;
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
  const capacityProviders = input.index.capacityProviders.map((network) => providerDemand(input, network));
  const subnets = subnetDemands(input, functions, tally, providerSharesBySubnet(capacityProviders));
  const vpcs = vpcDemands(input, subnets, tally, parameters.lambdaEnisPerVpc);
  const region = regionDemand(input, functions, tally, parameters.networkInterfacesPerRegion);
  return {
    model: { parameters, functions, subnets, vpcs, region, capacityProviders },
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
