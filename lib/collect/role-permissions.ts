import { type IAMClient, paginateSimulatePrincipalPolicy } from '@aws-sdk/client-iam';
import { mapWithConcurrency } from '../aws/concurrency.js';
import { errorCodeOf } from '../aws/error-codes.js';
import { plannedConcurrency } from '../aws/rate-plan.js';
import { LAMBDA_ENI_ACTIONS } from '../model/lambda-eni-actions.js';
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

/** One role's simulation: a decision per action, and the actions AWS Organizations (its SCPs) does not allow. */
export type Simulation = { decisions: Record<string, PolicyDecision>; organizationsDenied: string[] };

/**
 * SimulatePrincipalPolicy for the actions (by default Lambda's five ENI actions) without ResourceArns: each on
 * `*`. The simulation applies the role's policies, its boundary and the service control policies of the
 * account's organization; its OrganizationsDecisionDetail says when the latter do not allow an action
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_OrganizationsDecisionDetail.html).
 */
export async function simulateRole(
  iam: IAMClient,
  roleArn: string,
  actions: readonly string[] = LAMBDA_ENI_ACTIONS,
): Promise<Simulation> {
  const pages = paginateSimulatePrincipalPolicy(
    { client: iam, stopOnSameToken: true },
    { PolicySourceArn: roleArn, ActionNames: [...actions] },
  );
  const decisions: Record<string, PolicyDecision> = {};
  const organizationsDenied: string[] = [];
  for await (const page of withoutRepeatedTokens('iam:SimulatePrincipalPolicy', pages)) {
    for (const result of page.EvaluationResults ?? []) {
      const action = required(result.EvalActionName, 'EvalActionName in a SimulatePrincipalPolicy result');
      const decision = required(result.EvalDecision, `EvalDecision for ${action}`);
      if (!isPolicyDecision(decision))
        throw new IncompleteResponseError(`SimulatePrincipalPolicy answered "${decision}" for ${action}.`);
      decisions[action] = decision;
      if (result.OrganizationsDecisionDetail?.AllowedByOrganizations === false)
        organizationsDenied.push(action);
    }
  }
  return { decisions, organizationsDenied: organizationsDenied.sort() };
}

export type SimulationOutcome =
  | { roleArn: string; simulation: Simulation }
  | { roleArn: string; error: unknown };

/**
 * The simulations' answers by role, whatever order they came in (the same account gives the same snapshot). A
 * failed simulation is a gap naming the role; when every one (more than one) failed alike, the permission is
 * missing or IAM is unreachable: one gap, and null.
 */
export function settleSimulations(
  unsorted: SimulationOutcome[],
  context: CollectorContext,
): Map<string, Simulation> | null {
  const api = 'iam:SimulatePrincipalPolicy';
  const outcomes = unsorted.sort((a, b) => (a.roleArn < b.roleArn ? -1 : a.roleArn > b.roleArn ? 1 : 0));
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

/**
 * When the roles' policies could not be read (GetAccountAuthorizationDetails denied or failing): SimulatePrincipalPolicy
 * once per distinct execution role of the VPC functions, for the five EC2 actions Lambda needs (failures as in
 * settleSimulations: the role's functions are then unknown, never passed). Without the role list nothing can be
 * simulated: null with a gap of its own. `functions` may be a stream of records (ListFunctions pages as they
 * arrive): simulations start with the first role found.
 */
export async function collectRolePermissions(
  iam: IAMClient,
  functions: readonly FunctionRecord[] | AsyncIterable<FunctionRecord>,
  roles: readonly Role[] | null,
  context: CollectorContext,
  limits: RolePermissionLimits = DEFAULT_ROLE_PERMISSION_LIMITS,
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
  const outcomes = await mapWithConcurrency(
    roleArns,
    limits.concurrency,
    async (roleArn): Promise<SimulationOutcome> => {
      try {
        return { roleArn, simulation: await simulateRole(iam, roleArn) };
      } catch (error) {
        return { roleArn, error };
      } finally {
        countCall();
      }
    },
  );
  const simulations = settleSimulations(outcomes, context);
  return simulations === null ? null : decisionsOf(simulations);
}
