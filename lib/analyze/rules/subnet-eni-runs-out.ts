import { hasFunctionUsers } from '../../model/demand.js';
import type { RuleResult, Severity } from '../../model/finding.js';
import { type DemandView, demandFor } from '../demand.js';
import { capacityText, plural, subnetEvidence } from '../demand-evidence.js';
import {
  type ForecastContributor,
  type FunctionTrend,
  type SubnetForecast,
  subnetForecaster,
} from '../forecast.js';
import type { Rule } from '../rule.js';

/** Within a month there is little time to add address space: high; later within the horizon: medium. */
export const URGENT_DAYS = 30;

function runOutSeverity(days: number): Severity {
  return days <= URGENT_DAYS ? 'high' : 'medium';
}

/** "+1.5/day" with at most two decimals. */
function perDay(slope: number): string {
  return `${slope >= 0 ? '+' : ''}${Number(slope.toFixed(2))}/day`;
}

/** "usage-metering +1.5/day over 13 days (2026-11-11 to 2026-11-23)". */
function growthText(c: ForecastContributor): string {
  const { trend } = c;
  return `${trend.functionName} ${perDay(trend.slopePerDay ?? 0)} over ${plural(trend.days, 'day')} (${trend.firstDate} to ${trend.lastDate})`;
}

function tooFewText(trends: readonly FunctionTrend[], minDays: number): string {
  const each = trends.map((t) => `${t.functionName} (${plural(t.days, 'day')})`).join(', ');
  return `fewer than ${minDays} days of daily peaks for ${each}`;
}

function trendEvidence(c: ForecastContributor) {
  return {
    functionName: c.trend.functionName,
    trend: c.trend.status,
    days: c.trend.days,
    firstDate: c.trend.firstDate,
    lastDate: c.trend.lastDate,
    partialDayLeftOut: c.trend.partialDay,
    slopePerDay: c.trend.slopePerDay,
    observedPeak: c.observedPeak,
    growthPerDay: c.growthPerDay,
    enisToday: c.enisToday,
  };
}

function addressCount(n: number): string {
  return `${n} address${n === 1 ? '' : 'es'}`;
}

/** "legacy demand 30 ENIs + 20 addresses for capacity provider pool at full scale": a day's demand, named. */
function demandText(legacy: number, forecast: SubnetForecast): string {
  const known = forecast.providers.filter((p) => p.addresses !== null);
  if (known.length === 0) return `legacy demand ${plural(legacy, 'ENI')}`;
  const names = known.map((p) => p.name).join(', ');
  return (
    `legacy demand ${plural(legacy, 'ENI')} + ${addressCount(forecast.providerAddresses)} ` +
    `for capacity provider${known.length === 1 ? '' : 's'} ${names} at full scale (a constant ceiling, not a trend)`
  );
}

/** The capacity the forecast compares with, with the addresses the providers' instances hold already. */
function againstText(forecast: SubnetForecast): string {
  const held = forecast.providerAddressesHeld;
  const [only, ...more] = forecast.providers;
  const whose = only !== undefined && more.length === 0 ? `${only.name}'s` : "its capacity providers'";
  const extra = held === 0 ? '' : ` + ${addressCount(held)} held by ${whose} instances`;
  return `against ${forecast.capacity} (${capacityText(forecast.subnet)}${extra})`;
}

/** The subnet's demand evidence (shared with the other demand rules) and the forecast's inputs. */
function forecastEvidence(forecast: SubnetForecast, view: DemandView) {
  return {
    ...subnetEvidence(forecast.subnet, view),
    horizonDays: forecast.horizonDays,
    minDays: forecast.minDays,
    estimator: 'Theil-Sen (median of the slopes between every pair of days)',
    demandToday: forecast.demandToday,
    demandAtHorizon: forecast.demandAtHorizon,
    runsOutInDays: forecast.runsOutInDays,
    runsOutOn: forecast.runsOutOn,
    demandWhenOut: forecast.demandWhenOut,
    trends: forecast.contributors.map(trendEvidence),
    capacityProviders: forecast.providers,
    providerAddresses: forecast.providerAddresses,
    providerAddressesHeld: forecast.providerAddressesHeld,
    capacityWithProviders: forecast.capacity,
  };
}

export const subnetEniRunsOut: Rule = {
  id: 'subnet-eni-runs-out',
  title: 'Subnet runs out of room for its projected ENI demand within the forecast horizon',
  severity: 'low',
  severities: ['high', 'medium', 'low'],
  grading: 'high within 30 days, else medium; unknown is low',
  section: 'demand',
  finds:
    "a subnet whose legacy demand, grown at each function's trend (median of slopes of its daily peaks), " +
    'plus the full-scale share of any capacity provider using it, exceeds its capacity within the horizon ' +
    '(default 90 days): "runs out in N days"',
  resourceType: 'subnet',
  requires: ['functions', 'subnets', 'metrics'],
  risk:
    'The subnet fits today, but its functions keep growing: at the current trend its free IPs run out on the day ' +
    'named. Adding address space takes a change to the network (a new subnet, a secondary VPC CIDR) that is ' +
    'better made before the day than during the incident.',
  remediation:
    'Before that day, give the functions more room: add a larger subnet to their VPC configuration, spread them ' +
    'over more subnets, or move other interfaces out of this one. Check the trend first (the evidence lists each ' +
    "function's slope and the days it was measured over); read more history with --lookback-days (up to 455).",
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#metrics-retention',
  ],
  evaluate({ snapshot, index, settings }) {
    const view = demandFor(snapshot, settings, index);
    const forecastOf = subnetForecaster({ snapshot, index, settings }, view, settings);
    // The functions' subnets: one only capacity providers use is capacity-provider-subnet-capacity's.
    return view.model.subnets.filter(hasFunctionUsers).map((subnet): RuleResult => {
      const base = { resourceType: 'subnet' as const, resourceId: subnet.subnetId };
      const where = `${subnet.subnetId} (${subnet.availabilityZone}, ${subnet.cidrBlock ?? 'CIDR unknown'})`;
      // Short today: subnet-eni-capacity's finding, and no forecast to make (a large account has hundreds).
      if (subnet.legacyDemand > subnet.capacity) {
        return {
          ...base,
          status: 'pass',
          message: `${where}: already short today (${plural(subnet.legacyDemand, 'ENI')} against ${subnet.capacity} (${capacityText(subnet)})): subnet-eni-capacity reports it.`,
          evidence: subnetEvidence(subnet, view),
        };
      }
      const forecast = forecastOf(subnet);
      const evidence = forecastEvidence(forecast, view);
      const against = againstText(forecast);
      const functionParts = [
        ...(forecast.withoutTrend.length > 0 ? [tooFewText(forecast.withoutTrend, forecast.minDays)] : []),
        ...(subnet.unknownDemandFunctions.length > 0
          ? [`the concurrency of ${subnet.unknownDemandFunctions.join(', ')} was not collected`]
          : []),
      ];
      const providerParts = forecast.unknownProviders.map(
        (p) => `the scale of capacity provider ${p.name} (${p.unknownBecause})`,
      );
      const unknownParts = [...functionParts, ...providerParts];
      const days = forecast.runsOutInDays;
      if (days !== null && subnet.lambdaEnisInUse !== null) {
        const growing = forecast.contributors.filter((c) => c.growthPerDay > 0).map(growthText);
        const atLatest =
          unknownParts.length > 0
            ? ` at the latest (${unknownParts.join('; ')} not counted${providerParts.length === 0 ? ' as growing' : ''})`
            : '';
        const when =
          days === 0
            ? `runs out as soon as its capacity provider${forecast.providers.length === 1 ? '' : 's'} scale${forecast.providers.length === 1 ? 's' : ''} to full${atLatest}: ${demandText(subnet.legacyDemand, forecast)} = ${forecast.demandToday} today, ${against}.`
            : `runs out in ${plural(days, 'day')} (${forecast.runsOutOn})${atLatest} at the current trend: ` +
              `${demandText(subnet.legacyDemand, forecast)} today, ${forecast.demandWhenOut} then, ${against}.`;
        return {
          ...base,
          status: 'fail',
          severity: runOutSeverity(days),
          message: `${where}: ${when}${growing.length > 0 ? ` Growing: ${growing.join('; ')}.` : ''}`,
          evidence,
        };
      }
      if (days !== null) {
        return {
          ...base,
          status: 'unknown',
          message: `${where}: would run out in ${plural(days, 'day')} ${against}, but the Lambda ENIs in the subnet were not collected; their IPs would add capacity.`,
          evidence,
        };
      }
      const outlook = `${demandText(subnet.legacyDemand, forecast)} today, ${forecast.demandAtHorizon} in ${forecast.horizonDays} days, ${against}`;
      if (unknownParts.length > 0) {
        return {
          ...base,
          status: 'unknown',
          message: `${where}: no forecast: ${unknownParts.join('; ')} (${outlook} without them${providerParts.length === 0 ? ' growing' : ''}).`,
          evidence,
        };
      }
      return {
        ...base,
        status: 'pass',
        message: `${where}: does not run out within ${forecast.horizonDays} days at the current trend: ${outlook}.`,
        evidence,
      };
    });
  },
};
