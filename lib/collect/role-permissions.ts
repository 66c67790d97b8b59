import { type IAMClient, paginateSimulatePrincipalPolicy } from '@aws-sdk/client-iam';
import { mapWithConcurrency } from '../aws/concurrency.js';
import { errorCodeOf } from '../aws/error-codes.js';
import { plannedConcurrency } from '../aws/rate-plan.js';
import { EXECUTION_ROLE_REQUIREMENTS, type RoleCheck, stricterDecision } from '../model/role-checks.js';
import {
  type FunctionRecord,
  POLICY_DECISIONS,
  type PolicyDecision,
  type Role,
  type RolePermissions,
} from '../model/snapshot.js';
import type { CollectorContext } from './context.js';
import { isVpcEnabled } from './lambda.js';
import { withoutRepeatedTokens } from './page-integrity.js';
import { callCounter } from './paging.js';
import { IncompleteResponseError, required } from './response.js';

export const ROLE_PERMISSIONS_READ_ACTIONS = ['iam:SimulatePrincipalPolicy'] as const;

/**
 * Calls in flight. Their rate is the collection's shared IAM bucket (rate-plan.ts): IAM publishes no per-API
 * rate, throttles per account with buckets shared by every caller, and AWS's advice for nightly
 * SimulatePrincipalPolicy audits is to spread the calls out.
 */
export type RolePermissionLimits = { concurrency: number };

export const DEFAULT_ROLE_PERMISSION_LIMITS: RolePermissionLimits = {
  concurrency: plannedConcurrency('iam:SimulatePrincipalPolicy'),
};

/**
 * The execution roles to simulate: every distinct role of a VPC-enabled record (a published version keeps the
 * role it was published with) that still exists. A deleted role cannot be simulated; another rule reports it.
 */
export function executionRolesToSimulate(
  functions: readonly FunctionRecord[],
  roles: readonly Role[],
): string[] {
  const existing = new Set(roles.map((role) => role.RoleName));
  const arns = functions
    .filter(isVpcEnabled)
    .map((record) => record.Role)
    .filter((arn) => existing.has(arn.slice(arn.lastIndexOf('/') + 1)));
  return [...new Set(arns)].sort();
}

/** The same roles from a stream of records (pages as they arrive), each once, in the order first seen. */
async function* executionRolesToSimulateAsTheyCome(
  functions: AsyncIterable<FunctionRecord>,
  roles: readonly Role[],
): AsyncGenerator<string> {
  const existing = new Set(roles.map((role) => role.RoleName));
  const seen = new Set<string>();
  for await (const record of functions) {
    const arn = record.Role;
    if (!isVpcEnabled(record) || seen.has(arn) || !existing.has(arn.slice(arn.lastIndexOf('/') + 1)))
      continue;
    seen.add(arn);
    yield arn;
  }
}

function isPolicyDecision(value: string): value is PolicyDecision {
  return (POLICY_DECISIONS as readonly string[]).includes(value);
}

/**
 * One simulation per requirement of the check; an action's decision is the strictest over its resources (the
 * top-level EvalDecision already is, and older answers give one result per resource). A role checked for two
 * purposes (execution and operator role) gets the strictest decision of each action.
 */
async function simulateRole(iam: IAMClient, check: RoleCheck): Promise<Record<string, PolicyDecision>> {
  const decisions: Record<string, PolicyDecision> = {};
  for (const requirement of check.requirements) {
    const pages = paginateSimulatePrincipalPolicy(
      { client: iam, stopOnSameToken: true },
      {
        PolicySourceArn: check.roleArn,
        ActionNames: [...requirement.actions],
        ...(requirement.resources.length === 0 ? {} : { ResourceArns: [...requirement.resources] }),
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
      }
    }
  }
  return decisions;
}

/** The execution roles as checks, then the other checks (operator roles), once they are known. */
async function* allChecks(
  executionRoles: Iterable<string> | AsyncIterable<string>,
  otherChecks: Promise<readonly RoleCheck[]>,
): AsyncGenerator<RoleCheck> {
  for await (const roleArn of executionRoles)
    yield { roleArn, purpose: 'execution', requirements: EXECUTION_ROLE_REQUIREMENTS };
  yield* await otherChecks;
}

type SimulationOutcome =
  | { roleArn: string; decisions: Record<string, PolicyDecision> }
  | { roleArn: string; error: unknown };

/** A role checked twice (two purposes) fails if either check failed, else merges the strictest decisions. */
function mergedByRole(outcomes: readonly SimulationOutcome[]): SimulationOutcome[] {
  const byRole = new Map<string, SimulationOutcome>();
  for (const outcome of outcomes) {
    const before = byRole.get(outcome.roleArn);
    if (before === undefined || 'error' in before) byRole.set(outcome.roleArn, before ?? outcome);
    else if ('error' in outcome) byRole.set(outcome.roleArn, outcome);
    else {
      const decisions = { ...before.decisions };
      for (const [action, decision] of Object.entries(outcome.decisions))
        decisions[action] = stricterDecision(decisions[action], decision);
      byRole.set(outcome.roleArn, { roleArn: outcome.roleArn, decisions });
    }
  }
  return [...byRole.values()];
}

/**
 * SimulatePrincipalPolicy once per distinct execution role of the VPC functions, for the five EC2 actions Lambda
 * needs, then for `otherChecks` (the capacity providers' operator roles, lib/model/role-checks.ts). A failed simulation is a gap naming the role (its functions are then unknown, never passed); when every
 * simulation (more than one) failed alike, the permission is missing or IAM is unreachable: one gap, part null.
 * Without the role list nothing can be simulated: null with a gap of its own. `functions` may be a stream of
 * records (ListFunctions pages as they arrive): simulations start with the first role found.
 */
export async function collectRolePermissions(
  iam: IAMClient,
  functions: readonly FunctionRecord[] | AsyncIterable<FunctionRecord>,
  roles: readonly Role[] | null,
  context: CollectorContext,
  limits: RolePermissionLimits = DEFAULT_ROLE_PERMISSION_LIMITS,
  otherChecks: Promise<readonly RoleCheck[]> = Promise.resolve([]),
): Promise<RolePermissions | null> {
  const api = 'iam:SimulatePrincipalPolicy';
  if (roles === null) {
    context.recorder.record({
      part: 'rolePermissions',
      api,
      errorCode: 'DependencyNotCollected',
      message: 'Not attempted: it needs the role list, and iam:ListRoles failed.',
    });
    return null;
  }
  const roleArns =
    Symbol.asyncIterator in functions
      ? executionRolesToSimulateAsTheyCome(functions, roles)
      : executionRolesToSimulate(functions, roles);
  const countCall = callCounter(api, context.onProgress);
  const unsorted = await mapWithConcurrency(
    allChecks(roleArns, otherChecks),
    limits.concurrency,
    async (check): Promise<SimulationOutcome> => {
      try {
        return { roleArn: check.roleArn, decisions: await simulateRole(iam, check) };
      } catch (error) {
        return { roleArn: check.roleArn, error };
      } finally {
        countCall();
      }
    },
  );
  // By role, whatever order the roles came in: the same account gives the same snapshot.
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

  const permissions: RolePermissions = {};
  for (const outcome of outcomes)
    if ('decisions' in outcome) permissions[outcome.roleArn] = outcome.decisions;
  return permissions;
}
