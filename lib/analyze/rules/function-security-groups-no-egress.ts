import type { RuleResult } from '../../model/finding.js';
import { versionsNote } from '../function-egress.js';
import { functionResult } from '../function-result.js';
import { oncePer } from '../memo.js';
import type { Rule } from '../rule.js';

export const functionSecurityGroupsNoEgress: Rule = {
  id: 'function-security-groups-no-egress',
  title: 'VPC function whose security groups allow no outbound traffic',
  severity: 'medium',
  severities: ['medium'],
  section: 'routing',
  finds: 'a function whose security groups allow no outbound traffic at all',
  resourceType: 'function',
  requires: ['functions', 'securityGroups'],
  risk:
    "Security groups are stateful allow-lists: when none of the function's groups has an outbound rule, the " +
    'function cannot open any connection, not to the internet, its VPC, VPC endpoints or AWS APIs. Usually an ' +
    'egress rule was removed by mistake (security groups start with allow-all outbound).',
  remediation:
    'Add the outbound rules the function needs (for example TCP 443 to the VPC endpoints or 0.0.0.0/0, the ports of ' +
    'its databases) to one of its security groups.',
  docs: ['https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html'],
  evaluate({ index }) {
    // Functions share their security groups: each group's facts are gathered once and shared.
    const groupFacts = oncePer((id: string) => {
      const group = index.securityGroupById.get(id);
      return {
        groupId: id,
        groupName: group?.GroupName ?? null,
        found: group !== undefined,
        egressRules: group?.IpPermissionsEgress.length ?? null,
      };
    });
    return index.vpcFunctions.map((fn): RuleResult => {
      const configurations = fn.variants.map((variant) => {
        const groups = variant.securityGroupIds.map(groupFacts);
        const allows = groups.some((g) => (g.egressRules ?? 0) > 0);
        const complete = groups.length > 0 && groups.every((g) => g.found);
        return { versions: variant.versions, groups, allows, complete };
      });
      const evidence = { configurations };
      const blocked = configurations.filter((c) => !c.allows && c.complete);
      if (blocked.length > 0) {
        const versions = blocked.flatMap((c) => c.versions);
        const groups = [...new Set(blocked.flatMap((c) => c.groups.map((g) => g.groupId)))];
        return functionResult(fn, {
          status: 'fail',
          message:
            `${fn.name}${versionsNote(fn, versions)}: its security group${groups.length === 1 ? '' : 's'} ` +
            `${groups.join(', ')} ha${groups.length === 1 ? 's' : 've'} no outbound rule, so the function cannot ` +
            'open any connection.',
          evidence,
        });
      }
      const undecided = configurations.filter((c) => !c.allows && !c.complete);
      if (undecided.length > 0) {
        const missing = [
          ...new Set(undecided.flatMap((c) => c.groups.filter((g) => !g.found).map((g) => g.groupId))),
        ];
        return functionResult(fn, {
          status: 'unknown',
          message:
            missing.length > 0
              ? `Cannot tell whether ${fn.name} may send traffic: security group(s) ${missing.join(', ')} not found, and the others have no outbound rule.`
              : `Cannot tell whether ${fn.name} may send traffic: no security group is configured.`,
          evidence,
        });
      }
      return functionResult(fn, {
        status: 'pass',
        message: `${fn.name}'s security groups allow outbound traffic.`,
        evidence,
      });
    });
  },
};
