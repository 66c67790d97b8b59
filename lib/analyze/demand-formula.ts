import type { ConcurrencyCap } from '../model/demand.js';

/**
 * The arithmetic of the legacy ENI sizing formula from the Lambda VPC guide:
 * `ENIs = projected peak concurrent executions × (memory in GB / divisor GB)`.
 */

/** Below this, a difference is floating-point noise (50 × 1.1 is 55.00000000000001, which must stay 55). */
const EPSILON = 1e-9;

/** `Math.ceil` of a count that does not round a float's last-bit error up (nor 0 down to -0). */
export function ceilWhole(value: number): number {
  return Math.max(0, Math.ceil(value - EPSILON));
}

/** ENIs for `concurrency` executions of a function with `memoryMb`: ceil(concurrency × memory MB / 1024 / divisor). */
export function legacyEnis(concurrency: number, memoryMb: number, divisorGb: number): number {
  // One division at the end keeps hand-checkable cases exact: 30 × 3008 / 1536 = 58.75 -> 59.
  return ceilWhole((concurrency * memoryMb) / (1024 * divisorGb));
}

/** ceil(observed × (1 + headroom)): concurrency is a count of executions. */
export function withHeadroom(observedPeak: number, headroom: number): number {
  return ceilWhole(observedPeak * (1 + headroom));
}

export interface CapLimits {
  /** The function's reserved concurrency; undefined when none is set (or it was not collected). */
  reserved: number | undefined;
  /** The account's unreserved pool, which a function without a reservation shares; undefined when unknown. */
  unreservedPool: number | undefined;
}

/**
 * The cap on a function's concurrency: a reservation is both its guarantee and its maximum; without one the
 * function can grow only as far as the account's unreserved pool (the account limit minus all reservations).
 */
export function capFor(limits: CapLimits): ConcurrencyCap | null {
  if (limits.reserved !== undefined) return { by: 'reserved-concurrency', limit: limits.reserved };
  if (limits.unreservedPool !== undefined) return { by: 'unreserved-pool', limit: limits.unreservedPool };
  return null;
}

/** The projection after the cap, and the cap when it lowered the projection. */
export function capped(
  projected: number,
  cap: ConcurrencyCap | null,
): { projectedPeak: number; cap: ConcurrencyCap | null } {
  if (cap === null || projected <= cap.limit) return { projectedPeak: projected, cap: null };
  return { projectedPeak: cap.limit, cap };
}

/** Each subnet's share when `enis` are spread evenly over `subnetCount` subnets. */
export function perSubnet(enis: number, subnetCount: number): number | null {
  return subnetCount === 0 ? null : ceilWhole(enis / subnetCount);
}

/** `used / available`; null when something is used and nothing is available (no ratio says that well). */
export function utilisation(used: number, available: number): number | null {
  if (available > 0) return used / available;
  return used === 0 ? 0 : null;
}
