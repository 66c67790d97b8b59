import type { DemandParameters } from '../../model/demand.js';
import { capacityProviderArnOf } from '../../model/function-networking.js';
import type {
  FunctionPlan,
  PlanAnswer,
  PlannedQuota,
  PlanVerdict,
  ProposedFunction,
} from '../../model/plan.js';
import type { AnalysisSettings } from '../../model/settings.js';
import type { Snapshot } from '../../model/snapshot.js';
import { buildDemand, type DemandView } from '../demand.js';
import { percent, plural } from '../demand-evidence.js';
import { mapDefined } from '../lists.js';
import { buildIndex, type SnapshotIndex, sortedUnique } from '../snapshot-index.js';
import { proposedSubnetEgress } from './egress.js';
import { isPlannable, proposedSnapshot } from './overlay.js';
import { plannedProvider, providerProposalNotes } from './provider.js';
import { egressNotes, plannedSubnet } from './subnets.js';

/**
 * Whether a proposed change fits the account, judged by the audit's own index and demand model over the
 * snapshot as it is and as it would be after the change (overlay.ts). Pure.
 */
export interface PlanInput {
  snapshot: Snapshot;
  settings: AnalysisSettings;
  proposals: readonly ProposedFunction[];
  source: 'live' | 'snapshot';
  notes: readonly string[];
}

interface Views {
  snapshot: Snapshot;
  afterSnapshot: Snapshot;
  settings: AnalysisSettings;
  before: DemandView;
  after: DemandView;
  afterIndex: SnapshotIndex;
}

function quota(
  scope: string,
  limit: DemandParameters['lambdaEnisPerVpc'],
  before: number | null,
  after: number | null,
): PlannedQuota {
  return {
    scope,
    code: limit.code,
    limit: limit.value,
    defaultUsed: limit.source === 'default',
    before,
    after,
  };
}

/** A quota the change takes past its limit breaks; past the utilisation threshold, a note; untouched, nothing. */
function judgeQuota(q: PlannedQuota, what: string, threshold: number, plan: FunctionPlan): void {
  if (q.after === null) {
    plan.unknowns.push(`${what}: the Lambda ENIs or the region's interfaces were not collected.`);
    return;
  }
  if (q.before !== null && q.after <= q.before) return;
  const of = `${q.before ?? '?'} -> ${q.after} against ${q.limit} (${q.code}${q.defaultUsed ? ', documented default: Service Quotas could not be read' : ''})`;
  if (q.after > q.limit) plan.breaks.push(`${what}: ${of}: ${q.after - q.limit} over.`);
  else if (q.after > threshold * q.limit)
    plan.notes.push(`${what}: ${of}, ${percent(q.after / q.limit)} used.`);
}

function legacyOf(proposal: ProposedFunction, views: Views): FunctionPlan['legacy'] {
  const demand = views.after.functionByName.get(proposal.name);
  if (demand === undefined) return null;
  const source =
    proposal.concurrency !== null
      ? 'given'
      : !proposal.existing && proposal.reservedConcurrency !== null
        ? 'reserved'
        : demand.observedPeak !== null
          ? 'observed'
          : 'unknown';
  return {
    concurrency: demand.observedPeak,
    concurrencySource: source,
    projectedPeak: demand.projectedPeak,
    memoryMb: demand.memorySize,
    enis: demand.legacyEnis,
    perSubnet: demand.enisPerSubnet,
  };
}

function emptyPlan(proposal: ProposedFunction): FunctionPlan {
  return {
    proposal,
    verdict: 'unknown',
    breaks: [],
    unknowns: [],
    notes: [],
    legacy: null,
    subnets: [],
    capacityProvider: null,
    availabilityZones: [],
    vpcQuota: null,
    regionQuota: null,
  };
}

/** Where the subnets are: they must exist, share one VPC, and that VPC must not have dedicated tenancy. */
function placement(
  subnetIds: readonly string[],
  groupIds: readonly string[],
  views: Views,
  plan: FunctionPlan,
): string | undefined {
  const { afterIndex, snapshot } = views;
  if (snapshot.subnets === null)
    plan.unknowns.push('The subnets were not collected: whether they exist cannot be told.');
  else
    for (const id of subnetIds)
      if (!afterIndex.subnetById.has(id))
        plan.breaks.push(
          `${id} is not a subnet of account ${snapshot.meta.accountId} ${snapshot.meta.region}.`,
        );
  const vpcIds = sortedUnique(mapDefined(subnetIds, (id) => afterIndex.subnetById.get(id)?.VpcId));
  if (vpcIds.length > 1)
    plan.breaks.push(
      `Its subnets are in ${vpcIds.length} VPCs (${vpcIds.join(', ')}): Lambda needs them in one.`,
    );
  const [vpcId] = vpcIds;
  if (vpcId === undefined) return undefined;
  if (afterIndex.vpcById.get(vpcId)?.InstanceTenancy === 'dedicated')
    plan.breaks.push(`${vpcId} has dedicated tenancy: Lambda does not support such VPCs.`);
  for (const id of groupIds) {
    const group = afterIndex.securityGroupById.get(id);
    if (group === undefined)
      plan.notes.push(
        `Whether ${id} exists was not checked (the audit reads the security groups its functions use).`,
      );
    else if (group.VpcId !== undefined && group.VpcId !== vpcId)
      plan.breaks.push(
        `${id} is in ${group.VpcId}, not in the subnets' ${vpcId}: Lambda refuses groups of another VPC.`,
      );
  }
  return vpcId;
}

/** Fewer Availability Zones than the audit wants: one AZ's outage stops the function. */
function zonesNote(plan: FunctionPlan, minAzs: number): void {
  if (plan.availabilityZones.length < minAzs)
    plan.notes.push(
      `Its subnets span ${plural(plan.availabilityZones.length, 'Availability Zone')} (at least ${minAzs} wanted): one AZ's outage stops it.`,
    );
}

/** A function on a capacity provider: the provider's network and scale instead of ENIs of its own. */
function planOnProvider(proposal: ProposedFunction, arn: string, views: Views): FunctionPlan {
  const plan = emptyPlan(proposal);
  const found = plannedProvider(arn, views.afterSnapshot, views.afterIndex, views.after);
  plan.capacityProvider = found.provider;
  if (found.provider !== null)
    placement(found.provider.subnetIds, found.provider.securityGroupIds, views, plan);
  plan.breaks.push(...found.breaks);
  plan.unknowns.push(...found.unknowns);
  plan.notes.push(...found.notes);
  if (found.provider !== null) {
    plan.availabilityZones = sortedUnique(
      mapDefined(found.provider.subnets, (s) => s.availabilityZone ?? undefined),
    );
    zonesNote(plan, views.settings.minAvailabilityZones);
  }
  plan.notes.push(...providerProposalNotes(proposal, views.snapshot));
  plan.verdict = verdictOf(plan);
  return plan;
}

function planOne(proposal: ProposedFunction, views: Views): FunctionPlan {
  const latest = views.afterSnapshot.functions?.find(
    (r) => r.FunctionName === proposal.name && r.Version === '$LATEST',
  );
  const providerArn = latest === undefined ? undefined : capacityProviderArnOf(latest);
  if (providerArn !== undefined) return planOnProvider(proposal, providerArn, views);
  const plan = emptyPlan(proposal);
  const fn = views.afterIndex.vpcFunctions.find((f) => f.name === proposal.name);
  const config = fn?.latest?.VpcConfig;
  if (fn === undefined || config === undefined || config.SubnetIds.length === 0) {
    plan.unknowns.push(`${proposal.name} has no subnets to plan: give --subnets and --security-groups.`);
    return plan;
  }
  const subnetIds = sortedUnique(config.SubnetIds);
  const vpcId = placement(subnetIds, sortedUnique(config.SecurityGroupIds), views, plan);
  plan.legacy = legacyOf(proposal, views);
  if (plan.legacy?.perSubnet === null || plan.legacy === null)
    plan.unknowns.push(
      proposal.existing
        ? `The concurrency of ${proposal.name} was not collected: give --concurrency (its expected peak).`
        : `The legacy demand of a new function needs its expected peak: give --concurrency${proposal.origin === 'flags' ? '' : ' (or ReservedConcurrentExecutions in the template)'}.`,
    );
  const egress = egressNotes(proposedSubnetEgress(views.afterIndex, subnetIds));
  for (const subnetId of subnetIds) {
    if (!views.afterIndex.subnetById.has(subnetId)) continue;
    const judged = plannedSubnet(
      proposal.name,
      subnetId,
      views.before,
      views.after,
      plan.legacy?.perSubnet ?? null,
      egress.byId.get(subnetId),
    );
    plan.subnets.push(judged.subnet);
    plan.breaks.push(...judged.breaks);
    plan.unknowns.push(...judged.unknowns);
    plan.notes.push(...judged.notes);
  }
  plan.notes.push(...egress.notes);
  plan.availabilityZones = sortedUnique(mapDefined(plan.subnets, (s) => s.availabilityZone ?? undefined));
  zonesNote(plan, views.settings.minAvailabilityZones);
  if (config.Ipv6AllowedForDualStack)
    for (const id of subnetIds)
      if ((views.afterIndex.subnetById.get(id)?.Ipv6CidrBlocks ?? []).length === 0)
        plan.notes.push(`${id} has no IPv6 CIDR: dual-stack gives the function no IPv6 there.`);
  const { parameters } = views.after.model;
  if (vpcId !== undefined) {
    const hyperplane = views.after.vpcById.get(vpcId)?.hyperplane;
    const previous =
      views.before.vpcById.get(vpcId)?.hyperplane.projectedEnis ?? hyperplane?.existingEnis ?? null;
    plan.vpcQuota = quota(vpcId, parameters.lambdaEnisPerVpc, previous, hyperplane?.projectedEnis ?? null);
    judgeQuota(
      plan.vpcQuota,
      `Lambda ENIs in ${vpcId} (per-VPC quota)`,
      parameters.quotaUtilisationThreshold,
      plan,
    );
  }
  const region = views.snapshot.meta.region;
  plan.regionQuota = quota(
    region,
    parameters.networkInterfacesPerRegion,
    views.before.model.region.projectedNetworkInterfaces,
    views.after.model.region.projectedNetworkInterfaces,
  );
  judgeQuota(
    plan.regionQuota,
    `Network interfaces in ${region} (regional quota)`,
    parameters.quotaUtilisationThreshold,
    plan,
  );
  plan.verdict = verdictOf(plan);
  return plan;
}

function verdictOf(plan: FunctionPlan): PlanVerdict {
  if (plan.breaks.length > 0) return 'does-not-fit';
  return plan.unknowns.length > 0 ? 'unknown' : 'fits';
}

function unresolvedPlan(proposal: ProposedFunction): FunctionPlan {
  const plan = emptyPlan(proposal);
  plan.unknowns.push(...proposal.unresolved.map((what) => `Cannot be resolved offline: ${what}.`));
  return plan;
}

/** The plan of every proposal, applied together. */
export function planChange(input: PlanInput): PlanAnswer {
  const { snapshot, settings, proposals } = input;
  const after = proposedSnapshot(snapshot, proposals);
  const afterIndex = buildIndex(after);
  const views: Views = {
    snapshot,
    afterSnapshot: after,
    settings,
    before: buildDemand({ snapshot, index: buildIndex(snapshot), settings }),
    after: buildDemand({ snapshot: after, index: afterIndex, settings }),
    afterIndex,
  };
  const unresolved = proposals.filter((p) => !isPlannable(p)).map((p) => p.name);
  const functions = proposals.map((proposal) => {
    if (!isPlannable(proposal)) return unresolvedPlan(proposal);
    const plan = planOne(proposal, views);
    if (plan.verdict === 'fits' && unresolved.length > 0) {
      plan.unknowns.push(`${unresolved.join(', ')} could not be resolved and may share its subnets.`);
      plan.verdict = 'unknown';
    }
    return plan;
  });
  const verdicts = new Set(functions.map((f) => f.verdict));
  const verdict: PlanVerdict = verdicts.has('does-not-fit')
    ? 'does-not-fit'
    : verdicts.has('unknown')
      ? 'unknown'
      : 'fits';
  return {
    accountId: snapshot.meta.accountId,
    region: snapshot.meta.region,
    capturedAt: snapshot.meta.capturedAt,
    source: input.source,
    verdict,
    functions,
    notes: [...input.notes],
  };
}
