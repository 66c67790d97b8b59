import type { ExecutionRoleSummary, SimulationWhy } from '../../model/execution-roles.js';

/**
 * How the execution roles were checked, as a few sentences every format shows (plain text: each renderer
 * escapes it). Role names come from AWS.
 */

const WHY: Record<SimulationWhy, string> = {
  undecidable: 'its policies leave it open',
  sample: 'service control policies, for its managed-policy set',
  organizations: 'AWS Organizations denied its managed-policy set something',
};

/** At most this many simulated roles are named; the JSON report has them all. */
const NAMED = 8;

const roleName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

export function executionRoleSentences(summary: ExecutionRoleSummary): string[] {
  const undecided =
    summary.undecided > 0 ? `, ${summary.undecided} undecided (their functions are unknown)` : '';
  if (summary.source === 'simulations')
    return [
      `${summary.roles} checked, each with iam:SimulatePrincipalPolicy: their policies were not read ` +
        `(iam:GetAccountAuthorizationDetails)${undecided}.`,
    ];
  const named = summary.simulated.slice(0, NAMED).map((s) => `${roleName(s.role)} (${WHY[s.why]})`);
  const more = summary.simulated.length > NAMED ? `, and ${summary.simulated.length - NAMED} more` : '';
  return [
    `${summary.roles} checked: ${summary.decidedFromPolicies} decided from their policies ` +
      `(iam:GetAccountAuthorizationDetails), ${summary.decidedBySimulation} by their simulation${undecided}.`,
    ...(summary.simulated.length === 0
      ? []
      : [`Simulated (iam:SimulatePrincipalPolicy): ${named.join(', ')}${more}.`]),
    'What their policies cannot show: service control policies (AWS Organizations), which the simulations ' +
      'apply; a role is passed only after a role of its managed-policy set was simulated without a denial. ' +
      'Subnets shared from another account are evaluated with this account in their ARNs.',
  ];
}
