import {
  type CapacityProviderDemand,
  type DemandModel,
  type DemandParameters,
  describeQuota,
  type SubnetDemand,
} from '../../model/demand.js';
import { compareText } from '../../model/text-order.js';
import { plural } from '../assemble/digest.js';

/** Wording and ordering the text and Markdown demand sections share. Plain text: each renderer escapes. */

export function percentText(fraction: number | null): string {
  // Null: there is demand and no IP at all, which no percentage describes.
  return fraction === null ? 'no IPs' : `${Math.round(fraction * 100)}%`;
}

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** One bar per value, scaled to the largest: the daily trend at a glance. */
export function sparkline(values: readonly number[]): string {
  const max = values.reduce((a, b) => Math.max(a, b), 0);
  if (max <= 0) return '';
  return values
    .map((v) => BARS[Math.min(BARS.length - 1, Math.floor((v / max) * (BARS.length - 1)))])
    .join('');
}

export function legacyModelSentence(p: DemandParameters): string {
  return (
    `Legacy sizing (the Lambda VPC guide): ENIs = ceil(projected peak × memory MB / 1024 / ${p.legacyDivisorGb} GB), ` +
    `projected peak = ceil(observed peak × ${1 + p.headroom}) (headroom ${Math.round(p.headroom * 100)}%), ` +
    "capped by the function's reserved concurrency or else the account's unreserved pool" +
    `${p.unreservedConcurrencyLimit === null ? ' (not collected: no cap)' : ` (${p.unreservedConcurrencyLimit})`}; ` +
    "spread evenly over the function's subnets and compared with their free IPs plus the Lambda ENIs in use there."
  );
}

/** `2026-11-24T03:00:00.000Z` -> `2026-11-24 03:00`. */
function minutes(iso: string): string {
  return iso.replace('T', ' ').slice(0, 16);
}

export function windowSentence(p: DemandParameters): string {
  if (p.window === null) {
    return 'Concurrency metrics were not collected: peaks, projections and legacy demand are unknown.';
  }
  return (
    'Observed peak: the highest daily Maximum of AWS/Lambda ConcurrentExecutions per function over ' +
    `${p.window.lookbackDays} days, ${minutes(p.window.startTime)} to ${minutes(p.window.endTime)} UTC.`
  );
}

/** Every ENI of the region against its quota, or why it cannot be said. */
export function regionSentence(model: DemandModel): string {
  const { region, parameters } = model;
  const missing = region.hyperplane.missingEnis;
  if (region.projectedNetworkInterfaces === null || missing === null) return 'network interfaces not counted';
  return (
    `${region.projectedNetworkInterfaces} network interfaces of all kinds (${region.networkInterfaces} present + ` +
    `${plural(missing, 'Lambda ENI')} to create) of ${describeQuota(parameters.networkInterfacesPerRegion)}: ` +
    percentText(region.utilisation)
  );
}

export function hyperplaneSentence(): string {
  return (
    'Hyperplane (how Lambda works today): one ENI per distinct subnet and security-group set across all functions ' +
    'and versions; projected = Lambda ENIs present (orphans included) + combinations without an ENI yet.'
  );
}

/** Worst first: no IPs at all, then by utilisation; ties by demand, then id. Only subnets with demand. */
export function subnetsAtRisk(model: DemandModel): SubnetDemand[] {
  const rank = (s: SubnetDemand) => (s.utilisation === null ? Number.POSITIVE_INFINITY : s.utilisation);
  return model.subnets
    .filter((s) => s.legacyDemand > 0)
    .sort(
      (a, b) => rank(b) - rank(a) || b.legacyDemand - a.legacyDemand || compareText(a.subnetId, b.subnetId),
    );
}

/**
 * One capacity provider at full scale, e.g. "pool: MaxVCpuCount 96 / 2 vCPUs = 48 instances, 24 addresses in
 * each of 2 subnets".
 */
export function providerDemandSentence(d: CapacityProviderDemand): string {
  if (d.maxVCpuCount === null) return `${d.name}: no MaxVCpuCount, so no size at full scale.`;
  const vcpus =
    d.smallestInstanceVcpus === null
      ? `at least ${plural(d.smallestInstanceVcpusAtLeast, 'vCPU')} (instance types not all known)`
      : plural(d.smallestInstanceVcpus, 'vCPU');
  const instances = d.instancesAtFullScale ?? `at most ${d.instancesAtMost}`;
  const perSubnet = d.addressesPerSubnet ?? `at most ${d.addressesPerSubnetAtMost}`;
  return (
    `${d.name}: MaxVCpuCount ${d.maxVCpuCount} / ${vcpus} = ${instances} instances, ${perSubnet} addresses in ` +
    `each of ${plural(d.subnetIds.length, 'subnet')}.`
  );
}
