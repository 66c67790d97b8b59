import type { CapacityProviderDemand } from '../../model/demand.js';
import { capacityProviderArnOf } from '../../model/function-networking.js';
import type { PlannedProvider, PlannedProviderSubnet, ProposedFunction } from '../../model/plan.js';
import type { Snapshot } from '../../model/snapshot.js';
import { providerName } from '../capacity-providers.js';
import type { DemandView } from '../demand.js';
import { providerSubnets } from '../provider-egress.js';
import { type ProviderFit, providerFit, providerSizing } from '../provider-fit.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import { egressNotes } from './subnets.js';

/**
 * A function planned on a capacity provider (Lambda Managed Instances). Lambda creates no network interface of
 * the function's own for it: the provider's instances, in the provider's subnets with its security groups,
 * carry its traffic (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-capacity-providers.html).
 * So no Hyperplane ENI and no legacy demand: the question is whether the provider at full scale fits its
 * subnets, judged with the audit's own figures (demand-providers.ts, provider-fit.ts).
 */

export interface ProviderFindings {
  provider: PlannedProvider | null;
  breaks: string[];
  unknowns: string[];
  notes: string[];
}

function shortText(fit: ProviderFit): string {
  return fit.short.map((s) => `${s.subnetId} has ${s.capacity} (${s.needed - s.capacity} short)`).join(', ');
}

/** What the provider's fit says about the plan, one line. */
function judged(demand: CapacityProviderDemand, fit: ProviderFit, into: ProviderFindings): void {
  const label = `capacity provider ${demand.name}`;
  if (fit.verdict === 'fits') return;
  if (fit.verdict === 'short') {
    into.breaks.push(
      `${label} at full scale runs ${demand.instancesAtFullScale} instances (${providerSizing(demand)}), ` +
        `${demand.addressesPerSubnet} per subnet, each needing a private address: ${shortText(fit)}. ` +
        'Lambda cannot launch the rest, and the functions on it are throttled.',
    );
    return;
  }
  if (fit.why === 'no-max-vcpu-count')
    into.unknowns.push(
      `${label} sets no MaxVCpuCount: only account quotas bound its scale, so whether it fits cannot be told.`,
    );
  else if (fit.why === 'no-subnet')
    into.unknowns.push(`${label}: none of its subnets exists, so its scale cannot be placed.`);
  else
    into.unknowns.push(
      `${label} could need up to ${demand.addressesPerSubnetAtMost} addresses per subnet ` +
        `(${providerSizing(demand)}, the fewest possible), more than ${fit.short.map((s) => `${s.subnetId} has (${s.capacity})`).join(', ')}; ` +
        `its instance types${demand.unknownInstanceTypes.length > 0 ? ` (${demand.unknownInstanceTypes.join(', ')})` : ''} ` +
        'are not known well enough to tell.',
    );
}

function plannedSubnets(
  demand: CapacityProviderDemand,
  fit: ProviderFit,
  index: SnapshotIndex,
  egress: ReturnType<typeof egressNotes>,
): PlannedProviderSubnet[] {
  const fitById = new Map(fit.subnets.map((s) => [s.subnetId, s]));
  return demand.subnetIds.map((subnetId) => {
    const subnet = index.subnetById.get(subnetId);
    const freeIps = subnet?.AvailableIpAddressCount ?? 0;
    const fitted = fitById.get(subnetId);
    return {
      subnetId,
      availabilityZone: subnet?.AvailabilityZone ?? null,
      cidrBlock: subnet?.CidrBlock ?? null,
      freeIps,
      managedInstanceEnis: fitted?.managedInstanceEnis ?? 0,
      capacity: fitted?.capacity ?? freeIps,
      needed: fitted === undefined ? null : fitted.needed,
      egress: egress.byId.get(subnetId) ?? { class: 'unknown', detail: 'not judged', routeTableId: null },
    };
  });
}

/** What the proposal itself asks that a capacity provider answers otherwise. */
export function providerProposalNotes(proposal: ProposedFunction, snapshot: Snapshot): string[] {
  const notes: string[] = [];
  if (proposal.concurrency !== null)
    notes.push(
      'Concurrency does not size a function on a capacity provider: its instances, up to MaxVCpuCount, do.',
    );
  const current = snapshot.functions?.find(
    (r) => r.FunctionName === proposal.name && r.Version === '$LATEST',
  );
  // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-capacityproviderconfig.html
  if (current !== undefined && capacityProviderArnOf(current) === undefined)
    notes.push(
      `${proposal.name} runs on Lambda's own fleet today; SAM documents a capacity provider as set when a function is created, not added later: plan a new function if the update is refused.`,
    );
  return notes;
}

/** The provider `arn` as the plan sees it, in the account after the change (`snapshot`, `index`, `view`). */
export function plannedProvider(
  arn: string,
  snapshot: Snapshot,
  index: SnapshotIndex,
  view: DemandView,
): ProviderFindings {
  const findings: ProviderFindings = { provider: null, breaks: [], unknowns: [], notes: [] };
  const name = providerName(arn);
  const network = index.capacityProviderByArn.get(arn);
  const demand = view.model.capacityProviders.find((d) => d.capacityProvider === arn);
  if (network?.provider === undefined || demand === undefined) {
    if (snapshot.capacityProviders === null)
      findings.unknowns.push(`The capacity providers were not collected: ${name}'s scale cannot be told.`);
    else {
      const names = snapshot.capacityProviders.map((p) => providerName(p.CapacityProviderArn)).sort();
      findings.breaks.push(
        `No capacity provider ${arn} in account ${snapshot.meta.accountId} ${snapshot.meta.region} ` +
          `(${names.length === 0 ? 'it has none' : `it has ${names.join(', ')}`}): Lambda refuses the function.`,
      );
    }
    return findings;
  }
  const fit = providerFit(demand, snapshot, index);
  // The instances' own paths: a subnet that assigns public addresses is judged as the audit judges it.
  const egress = egressNotes(providerSubnets(index, network), 'a capacity provider');
  judged(demand, fit, findings);
  findings.notes.push(...egress.notes);
  findings.provider = {
    name,
    arn,
    verdict: findings.breaks.length > 0 ? 'does-not-fit' : findings.unknowns.length > 0 ? 'unknown' : 'fits',
    subnetIds: network.subnetIds,
    securityGroupIds: network.securityGroupIds,
    maxVCpuCount: demand.maxVCpuCount,
    smallestInstanceVcpus: demand.smallestInstanceVcpus,
    unknownInstanceTypes: demand.unknownInstanceTypes,
    instancesAtFullScale: demand.instancesAtFullScale,
    instancesAtMost: demand.instancesAtMost,
    addressesPerSubnet: demand.addressesPerSubnet,
    subnets: plannedSubnets(demand, fit, index, egress),
    functions: network.functionNames,
  };
  return findings;
}
