import type { Route, Subnet } from '../../model/snapshot.js';
import type { PathVerdict, StopReason } from './path.js';
import type { AddressFamily, RouteTarget } from './targets.js';
import type { EgressWorld } from './world.js';

/** What one route target does with internet-bound traffic: the types every target's judge shares. */

/** The traffic as it leaves a hop: whether its IPv4 source is public, and what made it so (for messages). */
export interface Source {
  publicIpv4: boolean;
  /** "a Lambda ENI (private addresses only)", "private NAT gateway nat-1", ... */
  origin: string;
}

export const FROM_LAMBDA: Source = {
  publicIpv4: false,
  origin: 'a Lambda network interface (private addresses only)',
};

export interface HopInput {
  world: EgressWorld;
  family: AddressFamily;
  /** The subnet whose route is taken. */
  subnet: Subnet;
  route: Route;
  target: RouteTarget;
  source: Source;
}

export type HopOutcome =
  /** Traffic continues from this subnet's route table (an in-VPC target's own subnet); null source: unchanged. */
  | { kind: 'continue'; subnetId: string; source: Source | null }
  | { kind: 'end'; verdict: PathVerdict; detail: string };

export interface Judgement {
  /** The target's own state where the snapshot has it. */
  targetState: string | null;
  /** What the target is, when its kind says less ("private NAT gateway", "Network Firewall endpoint"). */
  label?: string;
  /** What AWS does here, in one sentence. */
  rule: string;
  outcome: HopOutcome;
}

export function ends(verdict: PathVerdict, detail: string): HopOutcome {
  return { kind: 'end', verdict, detail };
}

export function stops(stop: StopReason, detail: string): HopOutcome {
  return ends({ kind: 'no-internet', stop }, detail);
}

export function unknownOutcome(detail: string): HopOutcome {
  return ends({ kind: 'unknown' }, detail);
}

/** A judgement that cannot be made because a snapshot part is missing. */
export function notCollected(what: string): Judgement {
  return {
    targetState: null,
    rule: `${what} were not collected, so this hop cannot be judged.`,
    outcome: unknownOutcome(`${what} were not collected`),
  };
}

/** The target is not in the snapshot's list of its kind: gone, and its route goes nowhere. */
export function missingTarget(label: string): Judgement {
  return {
    targetState: 'missing',
    rule: `The ${label} no longer exists: a route to a target that is gone drops the traffic.`,
    outcome: stops('blackhole', `the ${label} no longer exists`),
  };
}
