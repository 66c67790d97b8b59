import type { IAMClient } from '@aws-sdk/client-iam';
import { LambdaEniUses } from '../analyze/policy/lambda-eni-use.js';
import { managedPolicyArnsOf, RolePolicyLibrary } from '../analyze/policy/role-policies.js';
import {
  type PlannedSimulation,
  RoleEvaluator,
  SimulationPlan,
  useOfCheck,
} from '../analyze/policy/simulation-plan.js';
import { mapWithConcurrency } from '../aws/concurrency.js';
import type { ArnScope } from '../model/lambda-eni-actions.js';
import { type ActionRequirement, EXECUTION_ROLE_REQUIREMENTS, type RoleCheck } from '../model/role-checks.js';
import type {
  AccountAuthorization,
  FunctionRecord,
  ManagedPolicy,
  RolePermissions,
  RolePolicies,
  RolePolicyDetail,
} from '../model/snapshot.js';
import { ArrivingItems } from './arriving.js';
import type { CollectorContext } from './context.js';
import { isVpcEnabled } from './lambda.js';
import { ManagedPolicyReader } from './managed-policies.js';
import { callCounter } from './paging.js';
import { DEFAULT_ROLE_PERMISSION_LIMITS, type RolePermissionLimits } from './role-permissions.js';
import { decisionsOf, type SimulationOutcome, settleSimulations, simulateRole } from './simulation.js';

/**
 * The role checks when the roles' policies are known (GetAccountAuthorizationDetails answered): each
 * VPC-enabled record's execution role is evaluated locally for that record's subnets and security groups as
 * the record arrives (its AWS managed policies read first, once each), then each capacity provider's operator
 * role for its providers' subnets, security groups and instances (`operatorChecks`). Only the roles the
 * simulation plan asks for are simulated (lib/analyze/policy/simulation-plan.ts), each for its purpose's
 * requirements: undecidable ones (AWSLambdaManagedEC2ResourceOperator's conditions make every operator role
 * that attaches it one), one per purpose and managed-policy set for the service control policies, and the rest
 * of a set whose simulated role AWS Organizations denied something.
 */

export type RoleChecks = { rolePolicies: RolePolicies; rolePermissions: RolePermissions | null };

const byKey = <T>(entries: Iterable<[string, T]>): Record<string, T> =>
  Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export async function collectRoleChecks(
  iam: IAMClient,
  functions: AsyncIterable<FunctionRecord> | readonly FunctionRecord[],
  authorization: AccountAuthorization,
  scope: ArnScope,
  context: CollectorContext,
  limits: RolePermissionLimits = DEFAULT_ROLE_PERMISSION_LIMITS,
  operatorChecks: Promise<readonly RoleCheck[]> = Promise.resolve([]),
): Promise<RoleChecks> {
  const reader = new ManagedPolicyReader(iam, context);
  /** Managed policies as they become known: the account's customer managed ones, then those read one by one. */
  const known: Record<string, ManagedPolicy> = { ...authorization.localPolicies };
  const plan = new SimulationPlan(new RoleEvaluator(authorization.roleDetails, new RolePolicyLibrary(known)));
  const uses = new LambdaEniUses(scope);
  const usedRoles = new Map<string, RolePolicyDetail>();
  const usedPolicies = new Map<string, ManagedPolicy>();
  /** What an operator role's simulation asks (execution roles: EXECUTION_ROLE_REQUIREMENTS). */
  const operatorRequirements = new Map<string, readonly ActionRequirement[]>();
  const requirementsOf = ({ roleArn, purpose }: PlannedSimulation): readonly ActionRequirement[] => {
    if (purpose === 'execution') return EXECUTION_ROLE_REQUIREMENTS;
    // The plan simulates only roles it saw, and an operator role is seen with its requirements.
    const found = operatorRequirements.get(roleArn);
    if (found === undefined) throw new Error(`No requirements recorded for operator role ${roleArn}.`);
    return found;
  };

  const queue = new ArrivingItems<PlannedSimulation>();
  let planned = 0;
  let settled = 0;
  let listed = false;
  const enqueue = (simulations: readonly PlannedSimulation[]) => {
    planned += simulations.length;
    queue.push(simulations);
  };
  const endWhenDone = () => {
    if (listed && settled === planned) queue.end();
  };

  const countCall = callCounter('iam:SimulatePrincipalPolicy', context.onProgress);
  const simulations = mapWithConcurrency(
    queue,
    limits.concurrency,
    async (next): Promise<SimulationOutcome> => {
      const { roleArn, purpose } = next;
      let outcome: SimulationOutcome;
      try {
        outcome = { roleArn, simulation: await simulateRole(iam, roleArn, requirementsOf(next)) };
        enqueue(plan.answered(roleArn, purpose, outcome.simulation.organizationsDenied));
      } catch (error) {
        outcome = { roleArn, error };
      }
      countCall();
      settled += 1;
      endWhenDone();
      return outcome;
    },
  );

  /** A role's first use: its managed policies are read (those not known yet) before it is evaluated. */
  const firstUse = async (role: RolePolicyDetail) => {
    usedRoles.set(role.Arn, role);
    for (const arn of managedPolicyArnsOf(role)) {
      const policy = known[arn] ?? (await reader.read(arn));
      if (policy === null) continue;
      known[arn] = policy;
      usedPolicies.set(arn, policy);
    }
  };

  try {
    for await (const record of functions) {
      const role = authorization.roleDetails[record.Role];
      // A role that does not exist is function-role-exists' finding; there is nothing to evaluate.
      if (!isVpcEnabled(record) || role === undefined) continue;
      if (!usedRoles.has(role.Arn)) await firstUse(role);
      enqueue(plan.see(uses.of(record)));
    }
    for (const check of await operatorChecks) {
      const role = authorization.roleDetails[check.roleArn];
      // A missing operator role is the rule's finding; there is nothing to evaluate.
      if (role === undefined) continue;
      operatorRequirements.set(check.roleArn, check.requirements);
      if (!usedRoles.has(role.Arn)) await firstUse(role);
      enqueue(plan.see(useOfCheck(check)));
    }
  } finally {
    listed = true;
    endWhenDone();
  }
  const answered = settleSimulations(await simulations, context);

  const organizationsDenied: [string, string[]][] = [];
  for (const [roleArn, simulation] of answered ?? [])
    if (simulation.organizationsDenied.length > 0)
      organizationsDenied.push([roleArn, simulation.organizationsDenied]);
  return {
    rolePolicies: {
      roles: byKey(usedRoles),
      managedPolicies: byKey(usedPolicies),
      organizationsDenied: byKey(organizationsDenied),
    },
    rolePermissions: answered === null ? null : decisionsOf(answered),
  };
}
