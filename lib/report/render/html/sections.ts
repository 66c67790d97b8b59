import type { CleanupReport } from '../../../model/cleanup.js';
import { type DemandModel, describeQuota } from '../../../model/demand.js';
import type { ReportedEniDependencies } from '../../../model/eni-dependencies.js';
import type { Report } from '../../../model/report.js';
import { plural } from '../../assemble/digest.js';
import { h, table } from './parts.js';

/** HTML sections for the report's optional parts: ENI demand, ENI dependencies, cleanup (routing: html-routing.ts). Pure. */

const percent = (fraction: number | null): string =>
  fraction === null ? 'n/a' : `${Math.round(fraction * 100)}%`;
const count = (value: number | null): string => (value === null ? 'n/a' : String(value));
const ids = (values: readonly string[]): string => (values.length === 0 ? '-' : values.map(h).join(', '));

export function demandSection(demand: DemandModel | undefined): string {
  if (demand === undefined) return '';
  const p = demand.parameters;
  const window =
    p.window === null ? 'not collected' : `${p.window.lookbackDays} days to ${h(p.window.endTime)}`;
  const subnets = demand.subnets.map((subnet) => [
    h(subnet.subnetId),
    h(subnet.availabilityZone),
    String(subnet.freeIps),
    String(subnet.capacity),
    String(subnet.legacyDemand),
    percent(subnet.utilisation),
    count(subnet.hyperplane.existingEnis),
    count(subnet.hyperplane.missingEnis),
    // Functions in the subnet whose peak was not collected: the legacy demand is then a lower bound.
    subnet.unknownDemandFunctions.length === 0 ? '-' : String(subnet.unknownDemandFunctions.length),
  ]);
  const functions = demand.functions.map((fn) => [
    h(fn.functionName),
    String(fn.memorySize),
    fn.peakSource === 'not-collected' ? 'not collected' : count(fn.observedPeak),
    count(fn.projectedPeak),
    fn.cap === null ? '' : `${h(fn.cap.by)} ${fn.cap.limit}`,
    count(fn.legacyEnis),
    count(fn.enisPerSubnet),
  ]);
  const vpcs = demand.vpcs.map((vpc) => [
    h(vpc.vpcId),
    String(vpc.hyperplane.combinations),
    count(vpc.hyperplane.existingEnis),
    count(vpc.hyperplane.projectedEnis),
    percent(vpc.hyperplane.utilisation),
  ]);
  const r = demand.region;
  return [
    '<h2 id="demand">ENI demand</h2>',
    `<p>Headroom ${percent(p.headroom)}, legacy divisor ${p.legacyDivisorGb} GB, metrics window ${window}. ` +
      `Quotas: ${h(describeQuota(p.lambdaEnisPerVpc))} Lambda ENIs per VPC; ` +
      `${h(describeQuota(p.networkInterfacesPerRegion))} network interfaces per region.</p>`,
    `<p>Region: ${count(r.networkInterfaces)} network interfaces now, ${count(r.projectedNetworkInterfaces)} projected ` +
      `(${percent(r.utilisation)} of the quota); account peak concurrency ${count(r.accountPeak)}.</p>`,
    '<h3>Subnets</h3>',
    table(
      [
        'Subnet',
        'AZ',
        'Free IPs',
        'Capacity',
        'Legacy demand',
        'Utilisation',
        'Hyperplane ENIs',
        'Still to create',
        'Peak unknown for',
      ],
      subnets,
      [2, 3, 4, 5, 6, 7],
    ),
    '<h3>VPCs</h3>',
    table(['VPC', 'Combinations', 'ENIs now', 'Projected', 'Of quota'], vpcs, [1, 2, 3, 4]),
    '<h3>Functions</h3>',
    table(
      [
        'Function',
        'Memory (MB)',
        'Observed peak',
        'Projected peak',
        'Capped by',
        'Legacy ENIs',
        'Per subnet',
      ],
      functions,
      [1, 2, 3, 5, 6],
    ),
  ].join('\n');
}

export function eniDependenciesSection(dependencies: ReportedEniDependencies | undefined): string {
  if (dependencies === undefined) return '';
  const holders = [...dependencies.securityGroups, ...dependencies.subnets].filter(
    (holder) => holder.networkInterfaceIds.length > 0,
  );
  if (holders.length === 0) return '';
  const rows = holders.map((holder) => [
    h(holder.resourceId),
    String(holder.networkInterfaceIds.length),
    ids(holder.functions),
    ids(holder.orphanedNetworkInterfaceIds),
  ]);
  return [
    '<h2 id="eni-dependencies">What holds Lambda ENIs</h2>',
    '<p>Security groups and subnets that cannot be deleted while these ENIs exist.</p>',
    table(['Resource', 'Lambda ENIs', 'Used by', 'Orphaned ENIs'], rows, [1]),
  ].join('\n');
}

export function cleanupSection(cleanup: CleanupReport | undefined): string {
  if (cleanup === undefined) return '';
  const s = cleanup.summary;
  const rows = cleanup.actions.map((action) => [
    h(action.networkInterfaceId),
    h(action.outcome),
    h(action.reason),
    action.subnetId === null ? '-' : h(action.subnetId),
    action.orphanedHours === null ? 'n/a' : `${action.orphanedHours} h`,
  ]);
  return [
    `<h2 id="cleanup">ENI cleanup (${h(cleanup.mode)})</h2>`,
    `<p>${plural(s.candidates, 'candidate')}: ${s.deleted} deleted, ${s.wouldDelete} would be deleted, ` +
      `${s.skipped} skipped, ${s.failed} failed. Permission: ${h(cleanup.permission.status)} (${h(cleanup.permission.detail)}).</p>`,
    ...cleanup.notes.map((note) => `<p class="note">${h(note)}</p>`),
    rows.length === 0 ? '' : table(['ENI', 'Outcome', 'Why', 'Subnet', 'Orphaned for'], rows),
  ].join('\n');
}

/** The optional sections after the routing one (lib/report/render/html/routing.ts), in reading order. */
export function optionalSections(report: Report): string {
  return [
    demandSection(report.demand),
    eniDependenciesSection(report.eniDependencies),
    cleanupSection(report.cleanup),
  ]
    .filter((html) => html !== '')
    .join('\n');
}
