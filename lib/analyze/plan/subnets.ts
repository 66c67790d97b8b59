import type { SubnetDemand } from '../../model/demand.js';
import type { PlannedSubnet } from '../../model/plan.js';
import type { DemandView } from '../demand.js';
import { capacityText, plural } from '../demand-evidence.js';
import type { UsedSubnet } from '../egress/subnets.js';
import { egressClassOf } from './egress.js';

/** One proposed subnet before and after the change, and what it says about the fit. */

export interface SubnetFindings {
  subnet: PlannedSubnet;
  breaks: string[];
  unknowns: string[];
  notes: string[];
}

function label(demand: SubnetDemand): string {
  return `${demand.subnetId} (${demand.availabilityZone}, ${demand.cidrBlock ?? 'CIDR unknown'})`;
}

/** The legacy model: the subnet's demand after the change against its capacity. */
function legacyFindings(
  self: string,
  after: SubnetDemand,
  legacyBefore: number,
  share: number | null,
  into: SubnetFindings,
): void {
  const short = after.legacyDemand - after.capacity;
  const sizes = `legacy demand ${plural(after.legacyDemand, 'ENI')}${share === null ? '' : ` (this function ${share})`} against ${after.capacity} (${capacityText(after)})`;
  if (short > 0) {
    if (after.lambdaEnisInUse === null)
      into.unknowns.push(
        `${label(after)}: ${sizes}, but the Lambda ENIs in it, whose IPs add capacity, were not collected.`,
      );
    else if (after.legacyDemand > legacyBefore)
      into.breaks.push(`${label(after)}: ${sizes}: ${short} short.`);
    else
      into.notes.push(
        `${label(after)}: already ${short} short before the change (${sizes}); the change does not add to it.`,
      );
    return;
  }
  // The planned function's own unknown demand is said once, for the function.
  const others = after.unknownDemandFunctions.filter((name) => name !== self);
  if (others.length > 0)
    into.unknowns.push(
      `${label(after)}: ${sizes}, but the concurrency of ${others.join(', ')} was not collected.`,
    );
}

/** The Hyperplane model: each new (subnet, security-group set) combination needs an ENI, and so a free IP. */
function hyperplaneFindings(after: SubnetDemand, pendingBefore: number, into: SubnetFindings): void {
  const pending = after.hyperplane.missingEnis;
  if (pending === null) {
    into.unknowns.push(
      `${after.subnetId}: the Lambda ENIs were not collected, so the new ones it needs cannot be counted.`,
    );
    return;
  }
  const added = pending - pendingBefore;
  if (added > 0 && pending > after.freeIps)
    into.breaks.push(
      `${label(after)}: ${plural(pending, 'new Hyperplane ENI')} to create (${added} for this change), ${plural(after.freeIps, 'free IP')}: ${pending - after.freeIps} short.`,
    );
}

/**
 * Egress worth saying before a deploy: where the subnets' internet traffic goes, if anywhere. `paths` are the
 * subnets' IPv4 paths as the walker gives them for the traffic's source (a Lambda ENI's, or a capacity provider's
 * instances'); `source` names that source in the notes.
 */
export function egressNotes(
  paths: readonly UsedSubnet[],
  source: 'a function' | 'a capacity provider' = 'a function',
): { byId: Map<string, PlannedSubnet['egress']>; notes: string[] } {
  const judged = paths.flatMap((used) => {
    const path = used.paths.find((p) => p.family === 'ipv4');
    return path === undefined ? [] : [{ subnetId: used.subnet.subnetId, path, class: egressClassOf(path) }];
  });
  const byId = new Map(
    judged.map((e) => [
      e.subnetId,
      { class: e.class, detail: e.path.detail, routeTableId: e.path.hops[0]?.routeTableId ?? null },
    ]),
  );
  const classes = [...new Set(judged.map((e) => e.class))].sort();
  const notes: string[] = [];
  if (classes.length > 1)
    notes.push(
      `Its subnets route differently (${classes.join(', ')}): an invocation's way out depends on the subnet it lands in.`,
    );
  for (const e of judged) {
    if (e.class === 'public')
      notes.push(
        source === 'a function'
          ? `${e.subnetId} routes to an internet gateway: Lambda ENIs get no public IP, so there is no internet from it.`
          : `${e.subnetId} routes to an internet gateway and gives instances no public IPv4 address: no internet from it.`,
      );
    else if (
      e.class === 'blackhole' ||
      e.class === 'no-internet' ||
      e.class === 'beyond' ||
      e.class === 'unknown'
    )
      notes.push(`${e.subnetId}: ${e.path.detail}`);
  }
  if (classes.length === 1 && classes[0] === 'none')
    notes.push(`No route out of the VPC: ${source} there reaches the VPC and its endpoints only.`);
  return { byId, notes };
}

/** A subnet of the proposal, judged before and after the change. */
export function plannedSubnet(
  self: string,
  subnetId: string,
  before: DemandView,
  after: DemandView,
  share: number | null,
  egress: PlannedSubnet['egress'] | undefined,
): SubnetFindings {
  const demand = after.subnetById.get(subnetId);
  const previous = before.subnetById.get(subnetId);
  const findings: SubnetFindings = {
    subnet: {
      subnetId,
      exists: demand !== undefined,
      availabilityZone: demand?.availabilityZone ?? null,
      cidrBlock: demand?.cidrBlock ?? null,
      freeIps: demand?.freeIps ?? null,
      capacity: demand?.capacity ?? null,
      legacyBefore: previous?.legacyDemand ?? (demand === undefined ? null : 0),
      legacyAfter: demand?.legacyDemand ?? null,
      legacyShare: share,
      unknownDemandFunctions: demand?.unknownDemandFunctions ?? [],
      newHyperplaneEnis:
        demand === undefined || demand.hyperplane.missingEnis === null
          ? null
          : demand.hyperplane.missingEnis - (previous?.hyperplane.missingEnis ?? 0),
      pendingHyperplaneEnis: demand?.hyperplane.missingEnis ?? null,
      egress: egress ?? { class: 'unknown', detail: 'not judged', routeTableId: null },
    },
    breaks: [],
    unknowns: [],
    notes: [],
  };
  if (demand === undefined) return findings;
  legacyFindings(self, demand, previous?.legacyDemand ?? 0, share, findings);
  hyperplaneFindings(demand, previous?.hyperplane.missingEnis ?? 0, findings);
  return findings;
}
