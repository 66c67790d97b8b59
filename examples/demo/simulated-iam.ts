import { LambdaEniUses } from '../../lib/analyze/policy/lambda-eni-use.js';
import { RolePolicyLibrary } from '../../lib/analyze/policy/role-policies.js';
import {
  type PlannedSimulation,
  RoleEvaluator,
  type RoleUse,
  SimulationPlan,
  useOfCheck,
} from '../../lib/analyze/policy/simulation-plan.js';
import { LAMBDA_ENI_ACTIONS, lambdaEniRequests } from '../../lib/model/lambda-eni-actions.js';
import { partitionOf } from '../../lib/model/partition.js';
import {
  OPERATOR_ROLE_ACTIONS,
  type RoleCheck,
  type RolePurpose,
  stricterDecision,
} from '../../lib/model/role-checks.js';
import type {
  FunctionRecord,
  ManagedPolicy,
  PolicyDecision,
  RolePolicyDetail,
  SnapshotMeta,
} from '../../lib/model/snapshot.js';

/**
 * What SimulatePrincipalPolicy answers in a synthetic account (the demo's, the tests' fake AWS): the role's
 * policies evaluated for every use of it, where a Condition holds the friendly way (the demo's requests come
 * from its own Region and account, and carry the context Lambda's do), and what AWS Organizations denies the
 * role. And which roles a collection simulates there: the collector's own plan, run over the records in
 * ListFunctions order, then over the capacity providers' operator roles.
 */

export type SyntheticIam = {
  meta: Pick<SnapshotMeta, 'accountId' | 'region'>;
  functions: readonly FunctionRecord[];
  roles: Readonly<Record<string, RolePolicyDetail>>;
  managedPolicies: Readonly<Record<string, ManagedPolicy>>;
  /** Role ARN -> the actions a service control policy denies it. */
  organizationsDenied: Readonly<Record<string, readonly string[]>>;
  /** The capacity providers' operator roles' checks (lib/model/role-checks.ts operatorRoleChecks). */
  operatorChecks: readonly RoleCheck[];
};

export type SyntheticSimulation = {
  decisions: Record<string, PolicyDecision>;
  organizationsDenied: string[];
};

const isVpcRecord = (record: FunctionRecord) => (record.VpcConfig?.SubnetIds.length ?? 0) > 0;

function scopeOf(iam: SyntheticIam) {
  return { partition: partitionOf(iam.meta.region), region: iam.meta.region, accountId: iam.meta.accountId };
}

function evaluatorOf(iam: SyntheticIam): RoleEvaluator {
  return new RoleEvaluator(iam.roles, new RolePolicyLibrary(iam.managedPolicies));
}

/** The uses a simulation for `purpose` stands for, and the actions it answers. */
function usesOf(
  iam: SyntheticIam,
  roleArn: string,
  purpose: RolePurpose,
): { uses: RoleUse[]; actions: readonly string[] } {
  if (purpose === 'capacity-provider-operator')
    return {
      uses: iam.operatorChecks.filter((check) => check.roleArn === roleArn).map(useOfCheck),
      actions: OPERATOR_ROLE_ACTIONS,
    };
  const scope = scopeOf(iam);
  const records = iam.functions.filter((r) => isVpcRecord(r) && r.Role === roleArn);
  // A role no VPC function uses is simulated as the simulation does: each action on `*`.
  const uses =
    records.length > 0
      ? records.map((record) => new LambdaEniUses(scope).of(record))
      : [{ roleArn, purpose, requests: lambdaEniRequests(scope, [], []), key: '' }];
  return { uses, actions: LAMBDA_ENI_ACTIONS };
}

/** The simulation's answer for one role and purpose: the least favourable decision over its uses, then the SCPs'. */
export function simulationOf(
  iam: SyntheticIam,
  roleArn: string,
  purpose: RolePurpose = 'execution',
): SyntheticSimulation {
  const evaluator = evaluatorOf(iam);
  const denied = iam.organizationsDenied[roleArn] ?? [];
  const { uses, actions } = usesOf(iam, roleArn, purpose);
  const found = uses.flatMap((use) => [...(evaluator.verdicts(use) ?? [])]);
  const decisions: Record<string, PolicyDecision> = {};
  for (const action of actions) {
    const answers = found.filter(([a]) => a === action).map(([, verdict]) => verdict.decision);
    decisions[action] =
      denied.includes(action) || answers.includes('explicitDeny')
        ? 'explicitDeny'
        : answers.includes('implicitDeny') || answers.length === 0
          ? 'implicitDeny'
          : 'allowed';
  }
  return { decisions, organizationsDenied: actions.filter((action) => denied.includes(action)).sort() };
}

/** Two simulations of one role (two purposes) as the collector records them: each action's strictest decision. */
export function mergedSimulation(a: SyntheticSimulation, b: SyntheticSimulation): SyntheticSimulation {
  const decisions = { ...a.decisions };
  for (const [action, decision] of Object.entries(b.decisions))
    decisions[action] = stricterDecision(decisions[action], decision);
  return {
    decisions,
    organizationsDenied: [...new Set([...a.organizationsDenied, ...b.organizationsDenied])].sort(),
  };
}

/** The roles a collection of this account simulates, each with its answer, in the order it would ask. */
export function simulationsOf(iam: SyntheticIam): Map<string, SyntheticSimulation> {
  const plan = new SimulationPlan(evaluatorOf(iam));
  const uses = new LambdaEniUses(scopeOf(iam));
  const queue: PlannedSimulation[] = [];
  for (const record of iam.functions)
    if (isVpcRecord(record) && iam.roles[record.Role] !== undefined) queue.push(...plan.see(uses.of(record)));
  for (const check of iam.operatorChecks)
    if (iam.roles[check.roleArn] !== undefined) queue.push(...plan.see(useOfCheck(check)));
  const answers = new Map<string, SyntheticSimulation>();
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const answer = simulationOf(iam, next.roleArn, next.purpose);
    const before = answers.get(next.roleArn);
    answers.set(next.roleArn, before === undefined ? answer : mergedSimulation(before, answer));
    queue.push(...plan.answered(next.roleArn, next.purpose, answer.organizationsDenied));
  }
  return answers;
}
