import type { ExecutionRoleSummary } from '../model/execution-roles.js';
import type { FunctionRecord, Snapshot } from '../model/snapshot.js';
import { SimulationPlan } from './policy/simulation-plan.js';
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

function simulatedRoles(
  snapshot: Snapshot,
  records: readonly FunctionRecord[],
): ExecutionRoleSummary['simulated'] {
  const { rolePolicies, rolePermissions } = snapshot;
  const checks = roleEniChecks(snapshot);
  const evaluator = checks.evaluator;
  if (rolePolicies === null || evaluator === undefined) return [];
  const plan = new SimulationPlan(evaluator);
  for (const record of records) plan.see(checks.uses.of(record));
  for (const [role, denied] of Object.entries(rolePolicies.organizationsDenied)) plan.answered(role, denied);
  return [...plan.reasons()]
    .filter(([role]) => rolePermissions?.[role] !== undefined)
    .map(([role, why]) => ({ role, why }))
    .sort((a, b) => (a.role < b.role ? -1 : 1));
}
