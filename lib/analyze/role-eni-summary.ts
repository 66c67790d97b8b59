import type { ExecutionRoleSummary, SimulationWhy } from '../model/execution-roles.js';
import type { FunctionRecord, Snapshot } from '../model/snapshot.js';
import { managedPolicySetKey } from './policy/role-policies.js';
import { roleEniChecks } from './role-eni-check.js';

/**
 * The execution-role checks of a snapshot, per role, for the report: decided from the role's policies, by its
 * simulation, or not at all; and why each simulated role was simulated (the collector's plan, run again over
 * the same records and answers). Null when there is nothing to say (no function list or role list).
 */
export function executionRoleSummary(snapshot: Snapshot): ExecutionRoleSummary | null {
  if (snapshot.functions === null || snapshot.roles === null) return null;
  const existing = new Set(snapshot.roles.map((role) => role.Arn));
  const records = snapshot.functions.filter(
    (record) => (record.VpcConfig?.SubnetIds.length ?? 0) > 0 && existing.has(record.Role),
  );
  const checks = roleEniChecks(snapshot);
  const byRole = new Map<string, 'policies' | 'simulation' | 'undecided'>();
  for (const record of records) {
    const check = checks.check(record);
    const now = check.unknown.length > 0 ? 'undecided' : check.decidedBy;
    const before = byRole.get(record.Role);
    // Undecided anywhere wins, then simulation: a role is decided from its policies only if every use was.
    if (before === undefined || before === 'policies' || (before === 'simulation' && now === 'undecided'))
      byRole.set(record.Role, now);
  }
  const outcomes = [...byRole.values()];
  const count = (outcome: string) => outcomes.filter((o) => o === outcome).length;
  return {
    source: snapshot.rolePolicies === null ? 'simulations' : 'policies',
    roles: byRole.size,
    decidedFromPolicies: count('policies'),
    decidedBySimulation: count('simulation'),
    undecided: count('undecided'),
    simulated: simulatedRoles(snapshot, records),
  };
}

/**
 * Why each simulated role was: a use its policies leave open (`undecidable`); else the first role of its
 * managed-policy set in ListFunctions order (`sample`); else another of its set was denied by AWS Organizations.
 * The collector's plan (lib/analyze/policy/simulation-plan.ts), read back from the snapshot.
 */
function simulatedRoles(
  snapshot: Snapshot,
  records: readonly FunctionRecord[],
): ExecutionRoleSummary['simulated'] {
  const { rolePolicies, rolePermissions } = snapshot;
  const checks = roleEniChecks(snapshot);
  const evaluator = checks.evaluator;
  if (rolePolicies === null || evaluator === undefined) return [];
  const firstOfSet = new Map<string, string>();
  const undecidable = new Set<string>();
  for (const record of records) {
    const role = rolePolicies.roles[record.Role];
    if (role === undefined) continue;
    const set = managedPolicySetKey(role);
    if (!firstOfSet.has(set)) firstOfSet.set(set, role.Arn);
    if (rolePermissions?.[role.Arn] === undefined || undecidable.has(role.Arn)) continue;
    const verdicts = evaluator.verdicts(checks.uses.of(record));
    for (const verdict of verdicts?.values() ?? [])
      if (verdict.decision === 'undecidable') undecidable.add(role.Arn);
  }
  // Capacity providers' operator roles are simulated too; their verdicts are in the findings, not this section.
  const executionRoles = new Set(records.map((record) => record.Role));
  return Object.keys(rolePermissions ?? {})
    .filter((roleArn) => executionRoles.has(roleArn))
    .flatMap((roleArn) => {
      const role = rolePolicies.roles[roleArn];
      if (role === undefined) return [];
      const why: SimulationWhy = undecidable.has(roleArn)
        ? 'undecidable'
        : firstOfSet.get(managedPolicySetKey(role)) === roleArn
          ? 'sample'
          : 'organizations';
      return [{ role: roleArn, why }];
    })
    .sort((a, b) => (a.role < b.role ? -1 : 1));
}
