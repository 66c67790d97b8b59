import type { RuleResult } from '../model/finding.js';
import type { Snapshot } from '../model/snapshot.js';
import type { ProviderNetwork } from './capacity-providers.js';
import type { FunctionVerdict } from './function-result.js';
import type { SnapshotIndex } from './snapshot-index.js';

/** A capacity provider's result, judged once for every function on it (no finding per function). */

/** Function names a message shows; the evidence has them all. */
const NAMES_SHOWN = 3;

/** "capacity provider batch-pool (functions a, b, c and 2 more)". */
export function providerLabel(network: ProviderNetwork): string {
  const names = network.functionNames;
  if (names.length === 0) return `capacity provider ${network.name} (no function version on it)`;
  const more = names.length > NAMES_SHOWN ? ` and ${names.length - NAMES_SHOWN} more` : '';
  const noun = names.length === 1 ? 'function' : 'functions';
  return `capacity provider ${network.name} (${noun} ${names.slice(0, NAMES_SHOWN).join(', ')}${more})`;
}

export function providerResult(network: ProviderNetwork, verdict: FunctionVerdict): RuleResult {
  const result: RuleResult = {
    resourceType: 'capacity-provider',
    resourceId: network.name,
    resourceArn: network.arn,
    status: verdict.status,
    message: verdict.message,
    evidence: { capacityProvider: network.arn, functions: network.users, ...verdict.evidence },
  };
  if (verdict.severity !== undefined) result.severity = verdict.severity;
  return result;
}

/**
 * The provider's configuration, or why it is not known: providers not collected, or this one named by a function
 * version but not listed (deleted, or created since the list was read).
 */
export function unlistedProvider(network: ProviderNetwork, snapshot: Snapshot): RuleResult | undefined {
  if (network.provider !== undefined) return undefined;
  const gap = snapshot.coverage.find((g) => g.part === 'capacityProviders' && g.resource === undefined);
  const why =
    snapshot.capacityProviders === null
      ? `capacity providers were not collected${gap === undefined ? '' : ` (${gap.api}: ${gap.errorCode})`}`
      : 'ListCapacityProviders did not list it';
  return providerResult(network, {
    status: 'unknown',
    message: `Cannot check ${providerLabel(network)}: ${why}.`,
    evidence: {},
  });
}

/** One result per capacity provider: the check's, or unknown for a provider whose configuration is not known. */
export function eachProvider(
  snapshot: Snapshot,
  index: SnapshotIndex,
  check: (network: ProviderNetwork) => RuleResult,
): RuleResult[] {
  return index.capacityProviders.map((network) => unlistedProvider(network, snapshot) ?? check(network));
}
