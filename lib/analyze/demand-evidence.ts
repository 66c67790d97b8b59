import type { DemandParameters, FunctionDemand, SubnetDemand } from '../model/demand.js';
import type { CheckStatus } from '../model/finding.js';
import type { DemandView } from './demand.js';
import { mapDefined } from './lists.js';
import { sharedPer } from './memo.js';

/** What the demand rules share: their evidence (the numbers a finding was computed from) and the subnet verdict. */

export const LEGACY_FORMULA = 'ENIs = ceil(projected peak concurrency × memory MB / 1024 / divisor GB)';

export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The legacy model's parameters, as every legacy finding's evidence states them. */
export function legacyModelEvidence(parameters: DemandParameters) {
  return {
    formula: LEGACY_FORMULA,
    headroom: parameters.headroom,
    divisorGb: parameters.legacyDivisorGb,
    window: parameters.window,
  };
}

/** One function's numbers, enough to redo its share by hand. */
export function functionEvidence(fn: FunctionDemand) {
  return {
    functionName: fn.functionName,
    peakSource: fn.peakSource,
    observedPeak: fn.observedPeak,
    projectedPeak: fn.projectedPeak,
    cap: fn.cap,
    memorySize: fn.memorySize,
    legacyEnis: fn.legacyEnis,
    subnets: fn.subnetIds.length,
    enisPerSubnet: fn.enisPerSubnet,
  };
}

type SubnetEvidence = ReturnType<typeof buildSubnetEvidence>;

// A function's evidence appears under each of its subnets, and every subnet's under both subnet rules: each is
// built once per demand model and shared (see memo.ts).
const sharedFunctionEvidence = sharedPer(functionEvidence);
const subnetEvidenceCache = new WeakMap<SubnetDemand, SubnetEvidence>();

/** The subnet's capacity figures and the functions whose demand lands in it. */
export function subnetEvidence(subnet: SubnetDemand, view: DemandView): SubnetEvidence {
  let evidence = subnetEvidenceCache.get(subnet);
  if (evidence === undefined) {
    evidence = buildSubnetEvidence(subnet, view);
    subnetEvidenceCache.set(subnet, evidence);
  }
  return evidence;
}

function buildSubnetEvidence(subnet: SubnetDemand, view: DemandView) {
  return {
    subnetId: subnet.subnetId,
    vpcId: subnet.vpcId,
    availabilityZone: subnet.availabilityZone,
    cidrBlock: subnet.cidrBlock,
    freeIps: subnet.freeIps,
    lambdaEnisInUse: subnet.lambdaEnisInUse ?? 'not collected',
    capacity: subnet.capacity,
    legacyDemand: subnet.legacyDemand,
    utilisation: subnet.utilisation,
    functions: mapDefined(
      [...subnet.contributors.map((c) => c.functionName), ...subnet.unknownDemandFunctions],
      (name) => {
        const fn = view.functionByName.get(name);
        return fn === undefined ? undefined : sharedFunctionEvidence(fn);
      },
    ),
    model: legacyModelEvidence(view.model.parameters),
  };
}

/** "7 free IPs + 1 Lambda ENI in use", or "7 free IPs (Lambda ENIs not collected)". */
export function capacityText(subnet: SubnetDemand): string {
  const free = plural(subnet.freeIps, 'free IP');
  if (subnet.lambdaEnisInUse === null) return `${free} (Lambda ENIs not collected)`;
  return subnet.lambdaEnisInUse === 0
    ? free
    : `${free} + ${plural(subnet.lambdaEnisInUse, 'Lambda ENI')} in use`;
}

/**
 * Whether the subnet's projected legacy demand exceeds `fraction` of its capacity. The known demand is a
 * lower bound (functions without metrics add to it) and the capacity is a lower bound when Lambda ENIs were
 * not collected, so only a certain answer is pass or fail:
 * - over the limit with the full capacity known: fail, whatever the unknown functions add;
 * - over it only against a lower-bound capacity, or under it with functions of unknown demand: unknown.
 */
export function subnetVerdict(subnet: SubnetDemand, fraction: number): { status: CheckStatus; why?: string } {
  const over = subnet.legacyDemand > fraction * subnet.capacity;
  if (over) {
    return subnet.lambdaEnisInUse === null
      ? {
          status: 'unknown',
          why: 'the Lambda ENIs in the subnet were not collected; their IPs would add capacity',
        }
      : { status: 'fail' };
  }
  if (subnet.unknownDemandFunctions.length > 0) {
    return {
      status: 'unknown',
      why: `the concurrency of ${subnet.unknownDemandFunctions.join(', ')} was not collected`,
    };
  }
  return { status: 'pass' };
}
