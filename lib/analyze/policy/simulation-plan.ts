import type { PermissionRequest } from '../../model/permission-request.js';
import { permissionRequestsOf, type RoleCheck, type RolePurpose } from '../../model/role-checks.js';
import type { RolePolicyDetail } from '../../model/snapshot-iam-policies.js';
import { type ActionVerdict, evaluateRequests } from './evaluate.js';
import { managedPolicySetKey, type RolePolicyLibrary } from './role-policies.js';

/**
 * Which roles to simulate with iam:SimulatePrincipalPolicy when their policies are known: a role whose
 * answer the evaluator cannot decide for some use of it (`undecidable`), one role per managed-policy set
 * (`sample`), because a simulation also applies the account's service control policies, which no IAM read
 * shows (https://docs.aws.amazon.com/IAM/latest/APIReference/API_OrganizationsDecisionDetail.html), and every
 * role of a set whose simulated role AWS Organizations denied something (`organizations`): the others may be
 * denied too. Pure and incremental: uses arrive as the function list is read, answers as simulations return.
 * The collector runs it live; the demo account and the tests' fake AWS run it to know what a collection does.
 *
 * A role is planned per purpose (a VPC function's execution role, a capacity provider's operator role): each
 * purpose is simulated for its own actions, so a sample stands only for the roles of its set with the same
 * purpose (a simulation of the ENI actions shows nothing of what an SCP does to ec2:RunInstances).
 */

export type SimulationReason = 'undecidable' | 'sample' | 'organizations';
export type PlannedSimulation = { roleArn: string; purpose: RolePurpose; reason: SimulationReason };

/**
 * One use of a role: the requests a service makes with it (its resources differ from use to use); `key` tells
 * the uses of one role apart.
 */
export type RoleUse = {
  roleArn: string;
  purpose: RolePurpose;
  requests: readonly PermissionRequest[];
  key: string;
};

/**
 * A role check (a capacity provider's operator role, lib/model/role-checks.ts) as a use: one per role and
 * purpose, over every provider the role serves, the same question the collector simulates.
 */
export function useOfCheck(check: RoleCheck): RoleUse {
  return {
    roleArn: check.roleArn,
    purpose: check.purpose,
    requests: permissionRequestsOf(check.requirements),
    key: check.purpose,
  };
}

/** Each role's verdicts for each use, evaluated once, however many plans and checks ask. */
export class RoleEvaluator {
  readonly roles: Readonly<Record<string, RolePolicyDetail>>;
  readonly #library: RolePolicyLibrary;
  readonly #evaluated = new Map<string, ReadonlyMap<string, ActionVerdict>>();

  constructor(roles: Readonly<Record<string, RolePolicyDetail>>, library: RolePolicyLibrary) {
    this.roles = roles;
    this.#library = library;
  }

  /** The verdicts of one use; undefined for a role it has no policies of. */
  verdicts(use: RoleUse): ReadonlyMap<string, ActionVerdict> | undefined {
    const role = this.roles[use.roleArn];
    if (role === undefined) return undefined;
    const memo = `${use.roleArn}\u0000${use.purpose}\u0000${use.key}`;
    let verdicts = this.#evaluated.get(memo);
    if (verdicts === undefined) {
      verdicts = evaluateRequests(this.#library.policySetOf(role), use.requests);
      this.#evaluated.set(memo, verdicts);
    }
    return verdicts;
  }
}

export class SimulationPlan {
  readonly #evaluator: RoleEvaluator;
  /** Purpose and role -> why it is simulated. */
  readonly #planned = new Map<string, PlannedSimulation>();
  /** Purpose and managed-policy set -> its roles seen so far. */
  readonly #sets = new Map<string, string[]>();
  readonly #deniedSets = new Set<string>();

  constructor(evaluator: RoleEvaluator) {
    this.#evaluator = evaluator;
  }

  #plan(roleArn: string, purpose: RolePurpose, reason: SimulationReason): PlannedSimulation[] {
    const key = `${purpose}\u0000${roleArn}`;
    if (this.#planned.has(key)) return [];
    const planned = { roleArn, purpose, reason };
    this.#planned.set(key, planned);
    return [planned];
  }

  /** A use of a role was found: the simulations it calls for now. A role not in `roles` has nothing to plan. */
  see(use: RoleUse): PlannedSimulation[] {
    const role = this.#evaluator.roles[use.roleArn];
    const verdicts = this.#evaluator.verdicts(use);
    if (role === undefined || verdicts === undefined) return [];
    const set = `${use.purpose}\u0000${managedPolicySetKey(role)}`;
    const members = this.#sets.get(set) ?? [];
    if (!members.includes(use.roleArn)) members.push(use.roleArn);
    const firstOfSet = !this.#sets.has(set);
    this.#sets.set(set, members);
    if ([...verdicts.values()].some((verdict) => verdict.decision === 'undecidable'))
      return this.#plan(use.roleArn, use.purpose, 'undecidable');
    if (this.#deniedSets.has(set)) return this.#plan(use.roleArn, use.purpose, 'organizations');
    return firstOfSet ? this.#plan(use.roleArn, use.purpose, 'sample') : [];
  }

  /** A simulation answered; `organizationsDenied` lists what AWS Organizations did not allow the role. */
  answered(
    roleArn: string,
    purpose: RolePurpose,
    organizationsDenied: readonly string[],
  ): PlannedSimulation[] {
    const role = this.#evaluator.roles[roleArn];
    if (role === undefined || organizationsDenied.length === 0) return [];
    const set = `${purpose}\u0000${managedPolicySetKey(role)}`;
    this.#deniedSets.add(set);
    return (this.#sets.get(set) ?? []).flatMap((member) => this.#plan(member, purpose, 'organizations'));
  }

  /** Each planned simulation, with why, in the order planned. */
  planned(): readonly PlannedSimulation[] {
    return [...this.#planned.values()];
  }
}
