import type { RuleResult } from '../model/finding.js';
import { OPERATOR_LAUNCH_ACTIONS, OPERATOR_ROLE_ACTIONS } from '../model/role-checks.js';
import type { Snapshot } from '../model/snapshot.js';
import { providerLabel, providerResult, unlistedProvider } from './provider-result.js';
import { type Denial, roleEniChecks } from './role-eni-check.js';
import { roleNameFromArn, type SnapshotIndex } from './snapshot-index.js';

/**
 * A capacity provider's operator role: Lambda assumes it to launch the provider's instances and give them network
 * interfaces (https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances-operator-role.html). It must
 * exist and be allowed the creating actions of AWSLambdaManagedEC2ResourceOperator (lib/model/role-checks.ts),
 * decided as the execution roles are (role-eni-check.ts): from its policies where they settle it, by its
 * simulation where they do not (that managed policy's Conditions), unknown when neither answered.
 */

const denialText = (d: Denial) => `${d.action} (${d.decision}${d.by === undefined ? '' : ` by ${d.by}`})`;

export function operatorRoleResults(snapshot: Snapshot, index: SnapshotIndex): RuleResult[] {
  const roleNames = index.roleNames ?? new Set<string>();
  const checks = roleEniChecks(snapshot);
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
    const check = checks.checkOperatorRole(role);
    if (check === undefined)
      return providerResult(network, {
        status: 'unknown',
        message: `Cannot tell what ${label}'s operator role ${name} may do: its provider is not in the snapshot.`,
        evidence,
      });
    const withCheck = {
      ...evidence,
      decidedBy: check.decidedBy,
      serviceControlPolicies: check.organizations,
      decisions: snapshot.rolePermissions?.[role] ?? {},
      denied: check.denied,
      ...(check.unknown.length === 0 ? {} : { undecided: check.unknown }),
    };
    if (check.denied.length > 0)
      return providerResult(network, {
        status: 'fail',
        severity: check.denied.some((d) => OPERATOR_LAUNCH_ACTIONS.includes(d.action)) ? 'high' : 'medium',
        message:
          `${label}: its operator role ${name} is not allowed ${check.denied.map(denialText).join(', ')} on the ` +
          "provider's subnets, security groups and instances: Lambda cannot launch or network its instances.",
        evidence: withCheck,
      });
    if (check.unknown.length > 0)
      return providerResult(network, {
        status: 'unknown',
        message: `Cannot tell what ${label}'s operator role ${name} may do: ${check.unknown.join('; ')}.`,
        evidence: withCheck,
      });
    return providerResult(network, {
      status: 'pass',
      message:
        `${label}: its operator role ${name} may launch instances and create their network interfaces ` +
        `(decided ${check.decidedBy === 'policies' ? 'by its policies' : 'by its simulation'}).`,
      evidence: withCheck,
    });
  });
}
