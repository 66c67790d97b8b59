import { type IAMClient, paginateSimulatePrincipalPolicy } from '@aws-sdk/client-iam';
import { errorCodeOf } from '../aws/error-codes.js';
import { describeResource } from '../model/permission-request.js';
import { type ActionRequirement, stricterDecision } from '../model/role-checks.js';
import { POLICY_DECISIONS, type PolicyDecision, type RolePermissions } from '../model/snapshot.js';
import type { CollectorContext } from './context.js';
import { withoutRepeatedTokens } from './page-integrity.js';
import { IncompleteResponseError, required } from './response.js';

/** One role's simulation: a decision per action, and the actions AWS Organizations (its SCPs) does not allow. */
export type Simulation = { decisions: Record<string, PolicyDecision>; organizationsDenied: string[] };

function isPolicyDecision(value: string): value is PolicyDecision {
  return (POLICY_DECISIONS as readonly string[]).includes(value);
}

/**
 * SimulatePrincipalPolicy once per requirement (lib/model/role-checks.ts): its actions on its resources (none:
 * each on `*`) with the request context Lambda's calls carry. An action's decision is the strictest over its
 * resources (the top-level EvalDecision already is; older answers give one result per resource). The
 * simulation applies the role's policies, its boundary and the service control policies of the account's
 * organization; its OrganizationsDecisionDetail says when the latter do not allow an action
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_OrganizationsDecisionDetail.html).
 */
export async function simulateRole(
  iam: IAMClient,
  roleArn: string,
  requirements: readonly ActionRequirement[],
): Promise<Simulation> {
  const decisions: Record<string, PolicyDecision> = {};
  const organizationsDenied = new Set<string>();
  for (const requirement of requirements) {
    const pages = paginateSimulatePrincipalPolicy(
      { client: iam, stopOnSameToken: true },
      {
        PolicySourceArn: roleArn,
        ActionNames: [...requirement.actions],
        ...(requirement.resources.length === 0
          ? {}
          : { ResourceArns: requirement.resources.map(describeResource) }),
        ...(requirement.context.length === 0
          ? {}
          : {
              ContextEntries: requirement.context.map(({ key, values }) => ({
                ContextKeyName: key,
                ContextKeyValues: [...values],
                ContextKeyType: 'string' as const,
              })),
            }),
      },
    );
    for await (const page of withoutRepeatedTokens('iam:SimulatePrincipalPolicy', pages)) {
      for (const result of page.EvaluationResults ?? []) {
        const action = required(result.EvalActionName, 'EvalActionName in a SimulatePrincipalPolicy result');
        const decision = required(result.EvalDecision, `EvalDecision for ${action}`);
        if (!isPolicyDecision(decision))
          throw new IncompleteResponseError(`SimulatePrincipalPolicy answered "${decision}" for ${action}.`);
        decisions[action] = stricterDecision(decisions[action], decision);
        if (result.OrganizationsDecisionDetail?.AllowedByOrganizations === false)
          organizationsDenied.add(action);
      }
    }
  }
  return { decisions, organizationsDenied: [...organizationsDenied].sort() };
}

export type SimulationOutcome =
  | { roleArn: string; simulation: Simulation }
  | { roleArn: string; error: unknown };

/**
 * A role simulated for two purposes (a VPC function's execution role that is also a capacity provider's operator
 * role) failed if either simulation failed; else it has the strictest decision of each action.
 */
function mergedByRole(outcomes: readonly SimulationOutcome[]): SimulationOutcome[] {
  const byRole = new Map<string, SimulationOutcome>();
  for (const outcome of outcomes) {
    const before = byRole.get(outcome.roleArn);
    if (before === undefined || 'error' in outcome) byRole.set(outcome.roleArn, outcome);
    else if ('simulation' in before) {
      const decisions = { ...before.simulation.decisions };
      for (const [action, decision] of Object.entries(outcome.simulation.decisions))
        decisions[action] = stricterDecision(decisions[action], decision);
      const organizationsDenied = [
        ...new Set([...before.simulation.organizationsDenied, ...outcome.simulation.organizationsDenied]),
      ].sort();
      byRole.set(outcome.roleArn, {
        roleArn: outcome.roleArn,
        simulation: { decisions, organizationsDenied },
      });
    }
  }
  return [...byRole.values()];
}

/**
 * The simulations' answers by role, whatever order they came in (the same account gives the same snapshot). A
 * failed simulation is a gap naming the role; when every one (more than one) failed alike, the permission is
 * missing or IAM is unreachable: one gap, and null.
 */
export function settleSimulations(
  unsorted: readonly SimulationOutcome[],
  context: CollectorContext,
): Map<string, Simulation> | null {
  const api = 'iam:SimulatePrincipalPolicy';
  const outcomes = mergedByRole(unsorted).sort((a, b) =>
    a.roleArn < b.roleArn ? -1 : a.roleArn > b.roleArn ? 1 : 0,
  );
  const failures = outcomes.flatMap((outcome) => ('error' in outcome ? [outcome] : []));
  const [first] = failures;
  if (
    first !== undefined &&
    failures.length > 1 &&
    failures.length === outcomes.length &&
    new Set(failures.map((f) => errorCodeOf(f.error))).size === 1
  ) {
    context.recorder.recordError({ part: 'rolePermissions', api }, first.error);
    return null;
  }
  for (const failure of failures)
    context.recorder.recordError({ part: 'rolePermissions', api, resource: failure.roleArn }, failure.error);
  return new Map(outcomes.flatMap((o) => ('simulation' in o ? [[o.roleArn, o.simulation] as const] : [])));
}

/** The snapshot's record of simulations: each simulated role's decisions. */
export function decisionsOf(simulations: ReadonlyMap<string, Simulation>): RolePermissions {
  const permissions: RolePermissions = {};
  for (const [roleArn, simulation] of simulations) permissions[roleArn] = simulation.decisions;
  return permissions;
}
