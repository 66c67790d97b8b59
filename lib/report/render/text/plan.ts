import type {
  FunctionPlan,
  PlanAnswer,
  PlannedProvider,
  PlannedQuota,
  PlannedSubnet,
  PlanVerdict,
} from '../../../model/plan.js';
import { clean } from './layout.js';

/** `plan`'s answer as text: the verdict, then per function its numbers, what would break, what is unknown. */

const VERDICT: Record<PlanVerdict, string> = {
  fits: 'fits',
  'does-not-fit': 'DOES NOT FIT',
  unknown: 'cannot tell',
};

function subnetLine(s: PlannedSubnet): string {
  const where = `${s.subnetId} (${s.availabilityZone ?? '?'}, ${s.cidrBlock ?? '?'})`;
  const legacy =
    s.legacyAfter === null
      ? 'legacy demand unknown'
      : `legacy demand ${s.legacyBefore ?? '?'} -> ${s.legacyAfter} of ${s.capacity ?? '?'}`;
  const hyperplane =
    s.newHyperplaneEnis === null
      ? 'new ENIs unknown'
      : `${s.newHyperplaneEnis} new Hyperplane ENI${s.newHyperplaneEnis === 1 ? '' : 's'}`;
  return `${where}: ${s.freeIps ?? '?'} free IPs, ${legacy}, ${hyperplane}, egress ${s.egress.class}`;
}

function quotaLine(label: string, q: PlannedQuota | null): string | null {
  if (q === null) return null;
  return `${label} ${q.scope}: ${q.before ?? '?'} -> ${q.after ?? '?'} of ${q.limit} (${q.code}${q.defaultUsed ? ', default' : ''})`;
}

function legacyLine(plan: FunctionPlan): string {
  const legacy = plan.legacy;
  if (legacy === null) return 'legacy formula: not computed';
  const concurrency =
    legacy.concurrency === null
      ? 'concurrency unknown'
      : `concurrency ${legacy.concurrency} ${legacy.concurrencySource}`;
  const projected =
    legacy.projectedPeak === null ? '' : ` (projected with headroom and caps: ${legacy.projectedPeak})`;
  const enis =
    legacy.enis === null
      ? ''
      : `, ${legacy.enis} legacy ENI${legacy.enis === 1 ? '' : 's'}, ${legacy.perSubnet} per subnet`;
  return `memory ${legacy.memoryMb} MB, ${concurrency}${projected}${enis}`;
}

function providerLines(provider: PlannedProvider): string[] {
  const sizing =
    provider.instancesAtFullScale !== null
      ? `${provider.instancesAtFullScale} instances at full scale (MaxVCpuCount ${provider.maxVCpuCount} / ${provider.smallestInstanceVcpus} vCPU), ${provider.addressesPerSubnet} addresses per subnet`
      : provider.maxVCpuCount === null
        ? 'full scale unknown (no MaxVCpuCount)'
        : `at most ${provider.instancesAtMost} instances at full scale (instance types not known: ${provider.unknownInstanceTypes.join(', ') || 'none listed'})`;
  return [
    `capacity provider ${provider.name}: ${VERDICT[provider.verdict]}; ${sizing}; no function ENIs (its instances carry the traffic)`,
    ...provider.subnets.map(
      (s) =>
        `subnet ${s.subnetId} (${s.availabilityZone ?? '?'}, ${s.cidrBlock ?? '?'}): ${s.freeIps} free IPs` +
        `${s.managedInstanceEnis > 0 ? ` + ${s.managedInstanceEnis} held by its instances` : ''}, ` +
        `needs ${s.needed ?? '?'} at full scale, egress ${s.egress.class}`,
    ),
  ];
}

function section(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : [`  ${title}`, ...items.map((item) => `  - ${clean(item)}`)];
}

function functionLines(plan: FunctionPlan): string[] {
  const { proposal } = plan;
  const what = proposal.existing ? `change to ${proposal.name}` : `new function ${proposal.name}`;
  const lines = [`${clean(what)} (${clean(proposal.origin)}): ${VERDICT[plan.verdict]}`];
  if (plan.capacityProvider !== null) {
    for (const line of providerLines(plan.capacityProvider)) lines.push(`  ${clean(line)}`);
    if (plan.availabilityZones.length > 0)
      lines.push(`  Availability Zones: ${plan.availabilityZones.map(clean).join(', ')}`);
  } else if (plan.subnets.length > 0 || plan.legacy !== null) {
    lines.push(`  ${legacyLine(plan)}`);
    for (const subnet of plan.subnets) lines.push(`  subnet ${clean(subnetLine(subnet))}`);
    if (plan.availabilityZones.length > 0)
      lines.push(`  Availability Zones: ${plan.availabilityZones.map(clean).join(', ')}`);
    for (const line of [
      quotaLine('Lambda ENIs per VPC', plan.vpcQuota),
      quotaLine('network interfaces in', plan.regionQuota),
    ])
      if (line !== null) lines.push(`  ${clean(line)}`);
  }
  lines.push(
    ...section('Would break:', plan.breaks),
    ...section('Cannot tell:', plan.unknowns),
    ...section('Notes:', plan.notes),
  );
  return lines;
}

const HEADLINE: Record<PlanVerdict, string> = {
  fits: 'The change fits.',
  'does-not-fit': 'The change does not fit:',
  unknown: 'Whether the change fits cannot be told:',
};

export function renderPlan(answer: PlanAnswer, format: 'text' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(answer, null, 2)}\n`;
  const broken = answer.functions.filter((f) => f.verdict === 'does-not-fit').length;
  const unknown = answer.functions.filter((f) => f.verdict === 'unknown').length;
  const detail =
    answer.verdict === 'does-not-fit'
      ? ` ${broken} of ${answer.functions.length} function${answer.functions.length === 1 ? '' : 's'} would break something.`
      : answer.verdict === 'unknown'
        ? ` ${unknown} of ${answer.functions.length} cannot be judged.`
        : '';
  const seen =
    answer.source === 'live'
      ? `read live at ${answer.capturedAt}`
      : `snapshot captured at ${answer.capturedAt}`;
  const lines = [
    `${HEADLINE[answer.verdict]}${detail}`,
    `Account ${clean(answer.accountId)} ${clean(answer.region)}, ${seen}.`,
  ];
  for (const plan of answer.functions) lines.push('', ...functionLines(plan));
  if (answer.notes.length > 0) lines.push('', ...answer.notes.map((note) => `- ${clean(note)}`));
  return `${lines.join('\n')}\n`;
}
