import type { FunctionDemand, SubnetDemand } from '../model/demand.js';
import type { ForecastSettings } from '../model/forecast-settings.js';
import { providerName } from './capacity-providers.js';
import type { DemandView } from './demand.js';
import { legacyProjection } from './demand-legacy.js';
import type { DemandInput } from './demand-parameters.js';
import { mapDefined } from './lists.js';
import { managedInstanceEnis } from './provider-fit.js';
import { dateOfDay, dayNumber, theilSenSlope, thinToPeaks } from './trend.js';

/**
 * The day a subnet runs out: each function's robust trend of its daily peaks (trend.ts), projected under the
 * legacy model (demand-legacy.ts) day by day, summed per subnet and set against the subnet's capacity.
 *
 * A function's peak on day t after the capture is its observed peak plus t times its trend's slope, so day 0 is
 * exactly the audit's demand. A falling trend counts as flat: the observed peak stays the baseline (planning on a
 * decline would be a promise). Capacity is today's (free IPs plus the Lambda ENIs in use); other services
 * taking addresses later are not foreseen.
 *
 * A capacity provider sharing the subnet adds its share at full scale (demand-providers.ts) as a constant: Lambda
 * may scale it to MaxVCpuCount at any time, so it is a ceiling to keep free, not a trend. The addresses its running
 * instances hold already are part of that share, so they count as capacity.
 */

export type TrendStatus =
  /** Enough days with datapoints: the slope is known. */
  | 'trend'
  /** Fewer days with datapoints than the minimum: no forecast for this function. */
  | 'too-few-days'
  /** No datapoint at all in the window: no traffic, nothing growing. */
  | 'no-traffic'
  /** Its metrics were not read: its demand is unknown today already. */
  | 'not-collected';

export interface FunctionTrend {
  functionName: string;
  status: TrendStatus;
  /** Days with a datapoint that the trend used. */
  days: number;
  firstDate: string | null;
  lastDate: string | null;
  /** Concurrent executions per day (Theil-Sen); null without a trend. */
  slopePerDay: number | null;
  /** The capture day, left out: its peak covers only the hours before the capture. */
  partialDay: string | null;
}

/** The capture day when the window ends inside it (it always does, unless collected exactly at midnight UTC). */
function partialDayOf(endTime: string | undefined): string | null {
  if (endTime === undefined) return null;
  return endTime.slice(11, 23) === '00:00:00.000' || endTime.length <= 10 ? null : endTime.slice(0, 10);
}

export function functionTrend(
  fn: FunctionDemand,
  endTime: string | undefined,
  minDays: number,
): FunctionTrend {
  const base = { functionName: fn.functionName, partialDay: null, slopePerDay: null };
  if (fn.peakSource === 'not-collected')
    return { ...base, status: 'not-collected', days: 0, firstDate: null, lastDate: null };
  const partialDay = partialDayOf(endTime);
  const used = fn.daily.filter((point) => point.date !== partialDay);
  const firstDate = used[0]?.date ?? null;
  const lastDate = used.at(-1)?.date ?? null;
  const counted = {
    ...base,
    days: used.length,
    firstDate,
    lastDate,
    partialDay: used.length < fn.daily.length ? partialDay : null,
  };
  if (fn.daily.length === 0) return { ...counted, status: 'no-traffic' };
  if (used.length < minDays) return { ...counted, status: 'too-few-days' };
  const slope = theilSenSlope(
    thinToPeaks(used.map((point) => ({ day: dayNumber(point.date), value: point.max }))),
  );
  return slope === null
    ? { ...counted, status: 'too-few-days' }
    : { ...counted, status: 'trend', slopePerDay: slope };
}

/** A function whose demand lands in the subnet: its trend and its share today. */
export interface ForecastContributor {
  trend: FunctionTrend;
  observedPeak: number;
  /** The slope it grows by in the forecast: the trend's, or 0 when falling or unknown. */
  growthPerDay: number;
  enisToday: number;
}

/** A capacity provider using the subnet: the addresses it needs there at full scale, a constant. */
export interface ForecastProvider {
  capacityProvider: string;
  name: string;
  /** Its even share of its instances at full scale; null when its scale is unknown. */
  addresses: number | null;
  /** Why its scale is unknown (no MaxVCpuCount, unknown instance types); null when known. */
  unknownBecause: string | null;
}

export interface SubnetForecast {
  subnet: SubnetDemand;
  /** The capacity providers using the subnet; their known shares are added to every day's demand. */
  providers: ForecastProvider[];
  /** Sum of the providers' known shares. */
  providerAddresses: number;
  /** Addresses the providers' managed instances hold here already (credited only when every provider is sized). */
  providerAddressesHeld: number;
  /** The subnet's capacity plus providerAddressesHeld. */
  capacity: number;
  horizonDays: number;
  minDays: number;
  contributors: ForecastContributor[];
  /** Contributors whose trend could not be told (too few days): counted flat, so a run-out is "at the latest". */
  withoutTrend: FunctionTrend[];
  /** Providers whose scale is unknown: not counted, so a run-out is "at the latest". */
  unknownProviders: ForecastProvider[];
  demandToday: number;
  demandAtHorizon: number;
  /** Days after the capture until the demand exceeds the capacity (0: the providers' full scale does it today); null when not within the horizon. */
  runsOutInDays: number | null;
  runsOutOn: string | null;
  /** The demand on that day. */
  demandWhenOut: number | null;
}

/** Builds each subnet's forecast from one demand model; the trends are computed once per function. */
export function subnetForecaster(
  input: DemandInput,
  view: DemandView,
  settings: ForecastSettings,
): (subnet: SubnetDemand) => SubnetForecast {
  const endTime = view.model.parameters.window?.endTime;
  const captureDay = dayNumber(input.snapshot.meta.capturedAt.slice(0, 10));
  const trends = new Map<string, FunctionTrend>();
  const trendOf = (fn: FunctionDemand): FunctionTrend => {
    let trend = trends.get(fn.functionName);
    if (trend === undefined) {
      trend = functionTrend(fn, endTime, settings.forecastMinDays);
      trends.set(fn.functionName, trend);
    }
    return trend;
  };
  const shareAt = (fn: FunctionDemand, growthPerDay: number, day: number): number => {
    const peak = (fn.observedPeak ?? 0) + growthPerDay * day;
    const { enisPerSubnet } = legacyProjection(
      peak,
      fn.memorySize,
      fn.reservedConcurrency ?? undefined,
      fn.subnetIds.length,
      input,
    );
    return enisPerSubnet ?? 0;
  };

  const providerByArn = new Map(view.model.capacityProviders.map((d) => [d.capacityProvider, d]));
  const held = managedInstanceEnis(input.snapshot);
  const providersOf = (subnet: SubnetDemand): ForecastProvider[] =>
    subnet.capacityProviders.map((share) => {
      const demand = providerByArn.get(share.capacityProvider);
      return {
        capacityProvider: share.capacityProvider,
        name: demand?.name ?? providerName(share.capacityProvider),
        addresses: share.addresses,
        unknownBecause:
          share.addresses !== null
            ? null
            : demand?.maxVCpuCount === null || demand === undefined
              ? 'it sets no MaxVCpuCount'
              : 'its instance types are not known',
      };
    });

  // Providers that function versions name but the snapshot does not describe: their subnets, any of them, are unknown.
  const undescribed = input.index.capacityProviders
    .filter((network) => network.provider === undefined && network.users.length > 0)
    .map(
      (network): ForecastProvider => ({
        capacityProvider: network.arn,
        name: network.name,
        addresses: null,
        unknownBecause: `${input.snapshot.capacityProviders === null ? 'not collected' : 'not listed'}, so whether it uses this subnet is unknown`,
      }),
    );

  return (subnet) => {
    const providers = [...providersOf(subnet), ...undescribed];
    const unknownProviders = providers.filter((p) => p.addresses === null);
    const providerAddresses = providers.reduce((sum, p) => sum + (p.addresses ?? 0), 0);
    const providerAddressesHeld =
      unknownProviders.length > 0 ? 0 : Math.min(held.get(subnet.subnetId) ?? 0, providerAddresses);
    const capacity = subnet.capacity + providerAddressesHeld;
    const contributors = mapDefined(subnet.contributors, (c): ForecastContributor | undefined => {
      const fn = view.functionByName.get(c.functionName);
      if (fn === undefined || fn.observedPeak === null) return undefined;
      const trend = trendOf(fn);
      const growthPerDay = Math.max(0, trend.slopePerDay ?? 0);
      return { trend, observedPeak: fn.observedPeak, growthPerDay, enisToday: c.enis };
    });
    const demandAt = (day: number): number => {
      let sum = providerAddresses;
      for (const c of contributors) {
        const fn = view.functionByName.get(c.trend.functionName);
        sum += fn === undefined || c.growthPerDay === 0 ? c.enisToday : shareAt(fn, c.growthPerDay, day);
      }
      return sum;
    };
    const horizon = settings.forecastHorizonDays;
    const demandAtHorizon = demandAt(horizon);
    const demandToday = subnet.legacyDemand + providerAddresses;
    let runsOutInDays: number | null = null;
    if (demandToday > capacity) runsOutInDays = 0;
    else if (demandAtHorizon > capacity) {
      // Peaks only grow, so the demand never falls from one day to the next: the first day over is a bisection.
      let low = 0;
      let high = horizon;
      while (high - low > 1) {
        const middle = (low + high) >> 1;
        if (demandAt(middle) > capacity) high = middle;
        else low = middle;
      }
      runsOutInDays = high;
    }
    return {
      subnet,
      providers,
      providerAddresses,
      providerAddressesHeld,
      capacity,
      horizonDays: horizon,
      minDays: settings.forecastMinDays,
      contributors,
      withoutTrend: contributors.map((c) => c.trend).filter((t) => t.status === 'too-few-days'),
      unknownProviders,
      demandToday,
      demandAtHorizon,
      runsOutInDays,
      runsOutOn: runsOutInDays === null ? null : dateOfDay(captureDay + runsOutInDays),
      demandWhenOut: runsOutInDays === null ? null : demandAt(runsOutInDays),
    };
  };
}
