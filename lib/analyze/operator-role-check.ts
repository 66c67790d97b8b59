import type { RuleResult } from '../model/finding.js';
import { OPERATOR_LAUNCH_ACTIONS, OPERATOR_ROLE_ACTIONS } from '../model/role-checks.js';
import type { Snapshot } from '../model/snapshot.js';
import { providerLabel, providerResult, unlistedProvider } from './provider-result.js';
import { roleNameFromArn, type SnapshotIndex } from './snapshot-index.js';

/**
 * A capacity provider's operator role: Lambda assumes it to launch the provider's instances and give them network
 * interfaces (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-operator-role.html). It must
 * exist and be allowed the creating actions of AWSLambdaManagedEC2ResourceOperator (lib/model/role-checks.ts).
 */
export function operatorRoleResults(snapshot: Snapshot, index: SnapshotIndex): RuleResult[] {
  const roleNames = index.roleNames ?? new Set<string>();
  return index.capacityProviders.map((network) => {
    const unlisted = unlistedProvider(network, snapshot);
    if (unlisted !== undefined) return unlisted;
    const label = providerLabel(network);
    const role = network.operatorRoleArn ?? '';
    const name = roleNameFromArn(role);
    const evidence = { operatorRole: role, requiredActions: OPERATOR_ROLE_ACTIONS };
    if (!roleNames.has(name))
      return providerResult(network, {
        status: 'fail',
        message: `${label}: its operator role ${name} does not exist, so Lambda can launch no instance for it.`,
        evidence,
      });
    const decisions = snapshot.rolePermissions?.[role];
    if (decisions === undefined) {
      const gap = snapshot.coverage.find((g) => g.part === 'rolePermissions' && g.resource === role);
      return providerResult(network, {
        status: 'unknown',
        message: `Cannot tell what ${label}'s operator role ${name} may do: ${gap ? `${gap.api}: ${gap.errorCode}` : 'not simulated'}.`,
        evidence,
      });
    }
    const denied = OPERATOR_ROLE_ACTIONS.flatMap((action) => {
      const decision = decisions[action];
      return decision === undefined || decision === 'allowed' ? [] : [{ action, decision }];
    });
    const unanswered = OPERATOR_ROLE_ACTIONS.filter((action) => decisions[action] === undefined);
    const withDecisions = { ...evidence, decisions, denied };
    if (denied.length > 0)
      return providerResult(network, {
        status: 'fail',
        severity: denied.some((d) => OPERATOR_LAUNCH_ACTIONS.includes(d.action)) ? 'high' : 'medium',
        message:
          `${label}: its operator role ${name} is not allowed ` +
          `${denied.map((d) => `${d.action} (${d.decision})`).join(', ')} on the provider's subnets, security ` +
          'groups and instances: Lambda cannot launch or network its instances.',
        evidence: withDecisions,
      });
    if (unanswered.length > 0)
      return providerResult(network, {
        status: 'unknown',
        message: `Cannot tell whether ${label}'s operator role ${name} may ${unanswered.join(', ')}.`,
        evidence: withDecisions,
      });
    return providerResult(network, {
      status: 'pass',
      message: `${label}: its operator role ${name} may launch instances and create their network interfaces.`,
      evidence: withDecisions,
    });
  });
}
