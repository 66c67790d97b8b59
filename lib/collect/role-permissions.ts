import type { IAMClient } from '@aws-sdk/client-iam';
import { mapWithConcurrency } from '../aws/concurrency.js';
import { plannedConcurrency } from '../aws/rate-plan.js';
import { EXECUTION_ROLE_REQUIREMENTS, type RoleCheck } from '../model/role-checks.js';
import type { FunctionRecord, Role, RolePermissions } from '../model/snapshot.js';
import type { CollectorContext } from './context.js';
import { isVpcEnabled } from './lambda.js';
import { callCounter } from './paging.js';
import { decisionsOf, type SimulationOutcome, settleSimulations, simulateRole } from './simulation.js';

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

/** The execution roles as checks, then the other checks (operator roles), once they are known. */
async function* allChecks(
  executionRoles: Iterable<string> | AsyncIterable<string>,
  otherChecks: Promise<readonly RoleCheck[]>,
): AsyncGenerator<RoleCheck> {
  for await (const roleArn of executionRoles)
    yield { roleArn, purpose: 'execution', requirements: EXECUTION_ROLE_REQUIREMENTS };
  yield* await otherChecks;
}

/**
 * When the roles' policies could not be read (GetAccountAuthorizationDetails denied or failing):
 * SimulatePrincipalPolicy once per distinct execution role of the VPC functions, for the five EC2 actions Lambda
 * needs, then for `otherChecks` (the capacity providers' operator roles, lib/model/role-checks.ts). Failures as
 * in settleSimulations: the role's functions or providers are then unknown, never passed. Without the role list
 * nothing can be simulated: null with a gap of its own. `functions` may be a stream of records (ListFunctions
 * pages as they arrive): simulations start with the first role found.
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
  const outcomes = await mapWithConcurrency(
    allChecks(roleArns, otherChecks),
    limits.concurrency,
    async (check): Promise<SimulationOutcome> => {
      try {
        return {
          roleArn: check.roleArn,
          simulation: await simulateRole(iam, check.roleArn, check.requirements),
        };
      } catch (error) {
        return { roleArn: check.roleArn, error };
      } finally {
        countCall();
      }
    },
  );
  const simulations = settleSimulations(outcomes, context);
  return simulations === null ? null : decisionsOf(simulations);
}
