import { LAMBDA_ENI_ACTIONS } from '../model/lambda-eni-actions.js';
import { partitionOf } from '../model/partition.js';
import { OPERATOR_ROLE_ACTIONS, operatorRoleChecks, type RoleCheck } from '../model/role-checks.js';
import type { FunctionRecord, PolicyDecision, RolePolicyDetail, Snapshot } from '../model/snapshot.js';
import { LambdaEniUses } from './policy/lambda-eni-use.js';
import { managedPolicySetKey, RolePolicyLibrary } from './policy/role-policies.js';
import { RoleEvaluator, type RoleUse, useOfCheck } from './policy/simulation-plan.js';
import { roleNameFromArn } from './snapshot-index.js';

/**
 * Whether a role may do what Lambda does with it, from what the collection recorded: one VPC-enabled record's
 * execution role (for that record's subnets and security groups), or a capacity provider's operator role (for
 * its providers' subnets, security groups and instances, lib/model/role-checks.ts). With the role's policies
 * (`rolePolicies`): the evaluator decides; what it leaves open is the role's simulation's answer (or unknown
 * without one); what it allows holds only once service control policies were checked for that action, by the
 * role's own simulation or another of its managed-policy set, and none denied it. Without its policies (an
 * older snapshot, or GetAccountAuthorizationDetails denied): the simulation alone, as before. Never "allowed"
 * without a decision.
 */

export type Denial = {
  role: string;
  action: string;
  decision: Exclude<PolicyDecision, 'allowed'>;
  /** The statement that denies it, when a policy of the role names it. */
  by?: string;
};

export type RoleEniCheck = {
  role: string;
  /** `policies`: from the role's policies; `simulation`: its simulation settled what they leave open. */
  decidedBy: 'policies' | 'simulation';
  denied: Denial[];
  /** Why some action could not be decided (empty when all were). */
  unknown: string[];
  /** What was seen of AWS Organizations' service control policies for this role. */
  organizations: string;
};

const BY_ORGANIZATIONS = 'a service control policy (AWS Organizations)';
const SIMULATED_ITSELF = 'checked by simulating this role';

function gapReason(snapshot: Snapshot, roleArn: string): string {
  const gap =
    snapshot.coverage.find((g) => g.part === 'rolePermissions' && g.resource === roleArn) ??
    snapshot.coverage.find((g) => g.part === 'rolePermissions' && g.resource === undefined);
  return gap ? `${gap.api}: ${gap.errorCode}` : 'not simulated';
}

/** The simulation's answer alone: the role's policies are not in the snapshot. */
function fromSimulation(snapshot: Snapshot, roleArn: string, actions: readonly string[]): RoleEniCheck {
  const decisions = snapshot.rolePermissions?.[roleArn];
  const organizations = 'applied by the simulation';
  if (decisions === undefined)
    return {
      role: roleArn,
      decidedBy: 'simulation',
      denied: [],
      unknown: [gapReason(snapshot, roleArn)],
      organizations,
    };
  const denied: Denial[] = [];
  const unanswered: string[] = [];
  for (const action of actions) {
    const decision = decisions[action];
    if (decision === undefined) unanswered.push(action);
    else if (decision !== 'allowed') denied.push({ role: roleArn, action, decision });
  }
  return {
    role: roleArn,
    decidedBy: 'simulation',
    denied,
    unknown: unanswered.length === 0 ? [] : [`no answer for ${unanswered.join(', ')}`],
    organizations,
  };
}

/** The checks of one snapshot, each (role, subnets, security groups) evaluated once. */
export class RoleEniChecks {
  readonly #snapshot: Snapshot;
  /** The roles' policies evaluated, use by use; absent when the snapshot has no policies. */
  readonly evaluator: RoleEvaluator | undefined;
  /** Managed-policy set -> its simulated roles (any reason). */
  readonly #simulatedBySet = new Map<string, string[]>();
  /** Each record's ENI requests, built once per network profile. */
  readonly uses: LambdaEniUses;
  readonly #checked = new Map<string, RoleEniCheck>();
  /** The rule and the report's summary both ask for every record. */
  readonly #checkOf = new Map<FunctionRecord, RoleEniCheck>();
  readonly #seenBySample = new Map<string, string>();
  readonly #bySetAndAction = new Map<string, Map<string, { deniedTo?: string; sample?: string }>>();
  /** The operator roles' checks, by role: what the collector evaluated and simulated for them. */
  readonly #operatorChecks: ReadonlyMap<string, RoleCheck>;

  constructor(snapshot: Snapshot) {
    this.#snapshot = snapshot;
    const { meta, rolePolicies } = snapshot;
    this.uses = new LambdaEniUses({
      partition: partitionOf(meta.region),
      region: meta.region,
      accountId: meta.accountId,
    });
    this.#operatorChecks = new Map(
      operatorRoleChecks(snapshot.capacityProviders ?? [], meta.region, meta.accountId).map((check) => [
        check.roleArn,
        check,
      ]),
    );
    if (rolePolicies === null) return;
    this.evaluator = new RoleEvaluator(
      rolePolicies.roles,
      new RolePolicyLibrary(rolePolicies.managedPolicies),
    );
    for (const roleArn of Object.keys(snapshot.rolePermissions ?? {})) {
      const role = rolePolicies.roles[roleArn];
      if (role === undefined) continue;
      const set = managedPolicySetKey(role);
      this.#simulatedBySet.set(set, [...(this.#simulatedBySet.get(set) ?? []), roleArn]);
    }
  }

  /** Whether AWS Organizations denied `action` to the simulated `roleArn`. */
  #deniedTo(roleArn: string, action: string): boolean {
    return this.#snapshot.rolePolicies?.organizationsDenied[roleArn]?.includes(action) === true;
  }

  /** What AWS Organizations says of `action` for `role`: allowed, denied, or not known (and why). */
  #organizations(
    role: RolePolicyDetail,
    action: string,
  ): { denied: boolean; unknown?: string; seen: string } {
    if (this.#answered(role.Arn, action))
      return { denied: this.#deniedTo(role.Arn, action), seen: SIMULATED_ITSELF };
    const { deniedTo, sample } = this.#setSimulations(managedPolicySetKey(role), action);
    if (deniedTo !== undefined)
      return {
        denied: false,
        unknown: `AWS Organizations denies ${action} to ${roleNameFromArn(deniedTo)}, which has the same managed policies, and this role was not simulated (${gapReason(this.#snapshot, role.Arn)})`,
        seen: `denied to ${roleNameFromArn(deniedTo)}`,
      };
    if (sample !== undefined) return { denied: false, seen: this.#sampleSeen(sample) };
    return {
      denied: false,
      unknown: `service control policies not checked: no role with the same managed policies was simulated (${gapReason(this.#snapshot, role.Arn)})`,
      seen: 'not checked',
    };
  }

  #answered(roleArn: string, action: string): boolean {
    return this.#snapshot.rolePermissions?.[roleArn]?.[action] !== undefined;
  }

  /**
   * What the simulated roles of a managed-policy set show of `action`: the first AWS Organizations denied it to,
   * else the first that was asked (a sample). The same for every role of the set: worked out once per set.
   */
  #setSimulations(set: string, action: string): { deniedTo?: string; sample?: string } {
    // By set, then by action: the set key is long, and one string built per lookup would be hashed every time.
    let byAction = this.#bySetAndAction.get(set);
    if (byAction === undefined) {
      byAction = new Map();
      this.#bySetAndAction.set(set, byAction);
    }
    let found = byAction.get(action);
    if (found === undefined) {
      // Only a simulation that asked for this action shows what the service control policies do to it.
      const others = (this.#simulatedBySet.get(set) ?? []).filter((other) => this.#answered(other, action));
      const deniedTo = others.find((other) => this.#deniedTo(other, action));
      found = deniedTo !== undefined ? { deniedTo } : others[0] !== undefined ? { sample: others[0] } : {};
      byAction.set(action, found);
    }
    return found;
  }

  /** One string per sample role, shared by the many roles it stands for. */
  #sampleSeen(sample: string): string {
    let seen = this.#seenBySample.get(sample);
    if (seen === undefined) {
      seen = `checked by simulating ${roleNameFromArn(sample)} (same managed policies)`;
      this.#seenBySample.set(sample, seen);
    }
    return seen;
  }

  /** The check of a record's role for that record's subnets and security groups; the same object for the same use. */
  check(record: FunctionRecord): RoleEniCheck {
    let check = this.#checkOf.get(record);
    if (check === undefined) {
      check = this.#memo(this.uses.of(record), LAMBDA_ENI_ACTIONS);
      this.#checkOf.set(record, check);
    }
    return check;
  }

  /**
   * The check of a capacity provider's operator role, over every provider it serves; undefined when the snapshot
   * lists no provider it serves.
   */
  checkOperatorRole(roleArn: string): RoleEniCheck | undefined {
    const check = this.#operatorChecks.get(roleArn);
    return check === undefined ? undefined : this.#memo(useOfCheck(check), OPERATOR_ROLE_ACTIONS);
  }

  #memo(use: RoleUse, actions: readonly string[]): RoleEniCheck {
    const memo = `${use.roleArn}\u0000${use.purpose}\u0000${use.key}`;
    let check = this.#checked.get(memo);
    if (check === undefined) {
      check = this.#checkUse(use, actions);
      this.#checked.set(memo, check);
    }
    return check;
  }

  #checkUse(use: RoleUse, actions: readonly string[]): RoleEniCheck {
    const role = this.#snapshot.rolePolicies?.roles[use.roleArn];
    const verdicts = this.evaluator?.verdicts(use);
    if (role === undefined || verdicts === undefined)
      return fromSimulation(this.#snapshot, use.roleArn, actions);
    const simulated = this.#snapshot.rolePermissions?.[role.Arn];
    const denied: Denial[] = [];
    const unknown: string[] = [];
    let decidedBy: RoleEniCheck['decidedBy'] = 'policies';
    let organizations: string | undefined;
    for (const action of actions) {
      const verdict = verdicts.get(action);
      if (verdict === undefined) continue;
      if (verdict.decision === 'undecidable') {
        const answer = simulated?.[action];
        if (answer === undefined) {
          unknown.push(
            `${action} needs a simulation (${verdict.because.join('; ')}): ${gapReason(this.#snapshot, role.Arn)}`,
          );
          continue;
        }
        decidedBy = 'simulation';
        if (answer !== 'allowed') denied.push({ role: role.Arn, action, decision: answer });
      } else if (verdict.decision !== 'allowed') {
        denied.push({
          role: role.Arn,
          action,
          decision: verdict.decision,
          ...(verdict.deniedBy ? { by: verdict.deniedBy } : {}),
        });
      } else {
        const seen = this.#organizations(role, action);
        organizations = seen.seen;
        if (seen.denied)
          denied.push({ role: role.Arn, action, decision: 'explicitDeny', by: BY_ORGANIZATIONS });
        else if (seen.unknown !== undefined) unknown.push(seen.unknown);
      }
    }
    return {
      role: role.Arn,
      decidedBy,
      denied,
      unknown: [...new Set(unknown)],
      organizations:
        organizations ??
        (decidedBy === 'simulation' ? 'applied by the simulation' : 'not needed: its policies deny it'),
    };
  }
}

const checksOf = new WeakMap<Snapshot, RoleEniChecks>();

/** One snapshot's checks, shared by the rule and the report. */
export function roleEniChecks(snapshot: Snapshot): RoleEniChecks {
  let checks = checksOf.get(snapshot);
  if (checks === undefined) {
    checks = new RoleEniChecks(snapshot);
    checksOf.set(snapshot, checks);
  }
  return checks;
}
