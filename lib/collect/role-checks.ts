import type { IAMClient } from '@aws-sdk/client-iam';
import { LambdaEniUses } from '../analyze/policy/lambda-eni-use.js';
import { managedPolicyArnsOf, RolePolicyLibrary } from '../analyze/policy/role-policies.js';
import { type PlannedSimulation, RoleEvaluator, SimulationPlan } from '../analyze/policy/simulation-plan.js';
import { mapWithConcurrency } from '../aws/concurrency.js';
import type { ArnScope } from '../model/lambda-eni-actions.js';
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
import {
  DEFAULT_ROLE_PERMISSION_LIMITS,
  decisionsOf,
  type RolePermissionLimits,
  type SimulationOutcome,
  settleSimulations,
  simulateRole,
} from './role-permissions.js';

/**
 * The execution roles' checks when their policies are known (GetAccountAuthorizationDetails answered): each
 * VPC-enabled record's role is evaluated locally for that record's subnets and security groups as the record
 * arrives (its AWS managed policies read first, once each), and only the roles the simulation plan asks for
 * are simulated (lib/analyze/policy/simulation-plan.ts): undecidable ones, one per managed-policy set for the
 * service control policies, and the rest of a set whose simulated role AWS Organizations denied something.
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
): Promise<RoleChecks> {
  const reader = new ManagedPolicyReader(iam, context);
  /** Managed policies as they become known: the account's customer managed ones, then those read one by one. */
  const known: Record<string, ManagedPolicy> = { ...authorization.localPolicies };
  const plan = new SimulationPlan(new RoleEvaluator(authorization.roleDetails, new RolePolicyLibrary(known)));
  const uses = new LambdaEniUses(scope);
  const usedRoles = new Map<string, RolePolicyDetail>();
  const usedPolicies = new Map<string, ManagedPolicy>();

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
    async ({ roleArn }): Promise<SimulationOutcome> => {
      let outcome: SimulationOutcome;
      try {
        outcome = { roleArn, simulation: await simulateRole(iam, roleArn) };
        enqueue(plan.answered(roleArn, outcome.simulation.organizationsDenied));
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
