import type { Rollup, TargetOutcome } from '../model/rollup.js';
import { plural } from '../report/assemble/digest.js';
import type { AlertDecision } from './alert-policy.js';
import type { AlertPolicy } from './config.js';

/**
 * Whether a multi-target run sends its one alert. Each audited target has already applied the alert policy to
 * its own report (new or resolved failed checks at or above the threshold, newly unknown checks, an incomplete
 * audit: lib/publish/alert-policy.ts) and handed over its reasons; the roll-up alerts when any target has one,
 * when any target could not be audited (a coverage gap: an extra alert beats a silent hole), when the roll-up
 * could not be stored, or always in `always` mode. Pure.
 */
export function decideRollupAlert(
  rollup: Rollup,
  outcomes: readonly TargetOutcome[],
  policy: AlertPolicy,
  storeFailed: boolean,
): AlertDecision {
  const reasons: string[] = [];
  const changed = outcomes.filter(
    (outcome) => outcome.status === 'audited' && (outcome.alertReasons?.length ?? 0) > 0,
  ).length;
  if (changed > 0) {
    reasons.push(
      `${plural(changed, 'target')} with new, resolved or unverified checks at or above ${policy.threshold}`,
    );
  }
  const unaudited = rollup.totals.failed + rollup.totals.notAssumable;
  if (unaudited > 0) reasons.push(`${plural(unaudited, 'target')} could not be audited`);
  if (storeFailed) reasons.push('the roll-up could not be stored in S3');
  if (reasons.length > 0) return { send: true, reasons };
  if (policy.mode === 'always') return { send: true, reasons: ['alert mode is always'] };
  return { send: false, reason: `nothing changed at or above ${policy.threshold} in any target` };
}

/** A target's own reasons to alert, as it hands them to the roll-up: changes only, never the `always` mode. */
export function targetAlertPolicy(policy: AlertPolicy): AlertPolicy {
  return { ...policy, mode: 'changes' };
}
