import { LambdaEniUses } from '../../lib/analyze/policy/lambda-eni-use.js';
import { RolePolicyLibrary } from '../../lib/analyze/policy/role-policies.js';
import {
  type PlannedSimulation,
  RoleEvaluator,
  SimulationPlan,
} from '../../lib/analyze/policy/simulation-plan.js';
import { LAMBDA_ENI_ACTIONS, lambdaEniRequests } from '../../lib/model/lambda-eni-actions.js';
import { partitionOf } from '../../lib/model/partition.js';
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
 * from its own Region and account), and what AWS Organizations denies the role. And which roles a collection
 * simulates there: the collector's own plan, run over the records in ListFunctions order.
 */

export type SyntheticIam = {
  meta: Pick<SnapshotMeta, 'accountId' | 'region'>;
  functions: readonly FunctionRecord[];
  roles: Readonly<Record<string, RolePolicyDetail>>;
  managedPolicies: Readonly<Record<string, ManagedPolicy>>;
  /** Role ARN -> the actions a service control policy denies it. */
  organizationsDenied: Readonly<Record<string, readonly string[]>>;
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

/** The simulation's answer for one role: the least favourable decision over its uses, then the SCPs'. */
export function simulationOf(iam: SyntheticIam, roleArn: string): SyntheticSimulation {
  const evaluator = evaluatorOf(iam);
  const scope = scopeOf(iam);
  const denied = iam.organizationsDenied[roleArn] ?? [];
  const records = iam.functions.filter((r) => isVpcRecord(r) && r.Role === roleArn);
  // A role no VPC function uses is simulated as the simulation does: each action on `*`.
  const uses =
    records.length > 0
      ? records.map((record) => new LambdaEniUses(scope).of(record))
      : [{ roleArn, requests: lambdaEniRequests(scope, [], []), key: '' }];
  const found = uses.flatMap((use) => [...(evaluator.verdicts(use) ?? [])]);
  const decisions: Record<string, PolicyDecision> = {};
  for (const action of LAMBDA_ENI_ACTIONS) {
    const answers = found.filter(([a]) => a === action).map(([, verdict]) => verdict.decision);
    decisions[action] =
      denied.includes(action) || answers.includes('explicitDeny')
        ? 'explicitDeny'
        : answers.includes('implicitDeny') || answers.length === 0
          ? 'implicitDeny'
          : 'allowed';
  }
  return { decisions, organizationsDenied: [...denied].sort() };
}

/** The roles a collection of this account simulates, each with its answer, in the order it would ask. */
export function simulationsOf(iam: SyntheticIam): Map<string, SyntheticSimulation> {
  const plan = new SimulationPlan(evaluatorOf(iam));
  const uses = new LambdaEniUses(scopeOf(iam));
  const queue: PlannedSimulation[] = [];
  for (const record of iam.functions)
    if (isVpcRecord(record) && iam.roles[record.Role] !== undefined) queue.push(...plan.see(uses.of(record)));
  const answers = new Map<string, SyntheticSimulation>();
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const answer = simulationOf(iam, next.roleArn);
    answers.set(next.roleArn, answer);
    queue.push(...plan.answered(next.roleArn, answer.organizationsDenied));
  }
  return answers;
}
