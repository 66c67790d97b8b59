import type { RuleResult, Severity } from '../../model/finding.js';
import { type CreatorRole, creatorRoleOf, type RoleLookup, roleLookup } from '../eni-creator-role.js';
import { describeFirstSeen, firstSeenOf } from '../first-seen.js';
import { parseLambdaEniDescription } from '../lambda-eni.js';
import type { Rule } from '../rule.js';
import { type Combination, eniGroupIds, type FunctionUse, sortedUnique } from '../snapshot-index.js';

const RULE_ID = 'eni-orphaned';

/** Detached and without a role to delete it: nothing will ever clean it up. */
function orphanSeverity(detached: boolean, role: CreatorRole): Severity {
  const roleGone = role.status === 'deleted';
  if (detached && roleGone) return 'high';
  return detached || roleGone ? 'medium' : 'low';
}

/** Names shown in a message; the evidence has them all. */
const NAMES_SHOWN = 3;

function someNames(names: readonly string[]): string {
  const more = names.length > NAMES_SHOWN ? ` and ${names.length - NAMES_SHOWN} more` : '';
  return `${names.slice(0, NAMES_SHOWN).join(', ')}${more}`;
}

function functionsInSubnet(combinations: Iterable<Combination>, subnetId: string): string[] {
  const names: string[] = [];
  for (const combination of combinations) {
    if (combination.subnetId === subnetId) names.push(...combination.users.map((use) => use.functionName));
  }
  return sortedUnique(names);
}

function describeUsers(users: readonly FunctionUse[]): string {
  const names = sortedUnique(users.map((use) => use.functionName));
  const versions = users.length === 1 ? '1 configuration' : `${users.length} configurations`;
  return `${someNames(names)} (${versions})`;
}

function describeCreator(creator: string | null, functionExists: boolean, role: CreatorRole): string {
  const who = creator === null ? 'Its creator is not named (pre-2019 description)' : `Created by ${creator}`;
  const fnState = creator === null ? '' : functionExists ? ' (still exists)' : ' (no longer exists)';
  const roleName = role.name === undefined ? "its creator's role" : `role ${role.name}`;
  const roleState =
    role.status === 'deleted'
      ? `; ${roleName} no longer exists, so Lambda cannot delete it`
      : role.status === 'exists'
        ? `; ${roleName} exists`
        : '';
  return `${who}${fnState}${roleState}.`;
}

export const eniOrphaned: Rule = {
  id: RULE_ID,
  title: 'Lambda network interface that no function uses (orphaned)',
  severity: 'medium',
  severities: ['high', 'medium', 'low'],
  section: 'orphans-and-roles',
  finds:
    'a Lambda ENI that no function or published version uses, by (subnet, security-group set): the name ' +
    "in its description is only its creator. High when it is detached and its creator's role is gone; " +
    'with how long it has been orphaned',
  resourceType: 'network-interface',
  requires: ['functions', 'networkInterfaces'],
  risk:
    'Lambda deletes a VPC network interface with the execution role of the functions that used it. When the role ' +
    '(or its ec2:DeleteNetworkInterface permission) went first, the ENI stays forever: it holds a private IP and ' +
    'blocks deleting its subnet and security groups (DependencyViolation), which makes terraform destroy and ' +
    'CloudFormation stack deletes hang and then fail.',
  remediation:
    'Check that no function needs it (lambda-vpc-audit eni <eni-id>). Delete a detached (available) one with ' +
    'aws ec2 delete-network-interface, or let the auditor do it (--cleanup, then --cleanup --apply). One still ' +
    "attached is Lambda's to remove: restore the creator's execution role with the VPC permissions, or ask AWS " +
    'Support. Delete functions or their VPC configuration before their execution roles.',
  docs: [
    'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
    'https://github.com/awslabs/aws-support-tools/tree/master/Lambda/FindEniMappings',
  ],
  evaluate({ snapshot, index, firstSeen, now }) {
    // Who created an ENI matters only for the orphans: the lookup reads every function and role, so it waits for one.
    let lookup: RoleLookup | undefined;
    const functionNames = new Set(index.functionNames);
    return (snapshot.networkInterfaces ?? []).map((eni): RuleResult => {
      const id = eni.NetworkInterfaceId;
      const base = { resourceType: 'network-interface' as const, resourceId: id };
      const description = parseLambdaEniDescription(eni.Description);
      const creator = description?.form === 'hyperplane' ? description.creator : null;
      const groups = sortedUnique(eniGroupIds(eni));
      const users = index.eniUsers.get(id) ?? [];
      const facts = {
        creator,
        descriptionForm: description?.form ?? 'none',
        status: eni.Status ?? null,
        attachment: eni.Attachment ?? null,
        subnetId: eni.SubnetId ?? null,
        securityGroupIds: groups,
      };
      if (eni.OwnerId !== undefined && eni.OwnerId !== snapshot.meta.accountId) {
        return {
          ...base,
          status: 'unknown',
          message:
            `${id} belongs to account ${eni.OwnerId} (a shared VPC subnet): its users are that account's ` +
            'functions, which this audit does not see.',
          evidence: { ...facts, ownerId: eni.OwnerId },
        };
      }
      if (eni.SubnetId === undefined || groups.length === 0) {
        return {
          ...base,
          status: 'unknown',
          message: `Cannot tell who uses ${id}: DescribeNetworkInterfaces gave it no subnet or security group.`,
          evidence: facts,
        };
      }
      if (users.length > 0) {
        const creatorNote =
          creator !== null && !functionNames.has(creator)
            ? ` Its creator ${creator} no longer exists, but the combination is still in use.`
            : '';
        return {
          ...base,
          status: 'pass',
          message: `${id} is used by ${describeUsers(users)}.${creatorNote}`,
          evidence: { ...facts, users },
        };
      }
      lookup ??= roleLookup(snapshot);
      const creatorRole = creatorRoleOf(creator, eni, lookup);
      const seen = firstSeenOf(firstSeen, `${RULE_ID}:${id}`, now);
      const detached = eni.Status === 'available';
      // Lambda keeps using an ENI whose security groups were changed by hand (AWS Support's findEniAssociations
      // checks for this): any function in the same subnet may be such a user, so an attached one names them.
      const sameSubnet = detached ? [] : functionsInSubnet(index.combinations.values(), eni.SubnetId);
      const state = detached
        ? 'It is detached (available)'
        : `It is ${eni.Status ?? 'of unknown status'}${eni.Attachment ? ' (still attached by Lambda)' : ''}` +
          (sameSubnet.length > 0
            ? `; if its security groups were changed by hand, ${someNames(sameSubnet)} (same subnet) may still use it`
            : '');
      return {
        ...base,
        status: 'fail',
        severity: orphanSeverity(detached, creatorRole),
        message:
          `${id} is orphaned: no function or version uses subnet ${eni.SubnetId} with security group` +
          `${groups.length === 1 ? '' : 's'} ${groups.join(', ')}. ` +
          `${describeCreator(creator, creator !== null && functionNames.has(creator), creatorRole)} ` +
          `${state}; ${describeFirstSeen(seen)}.`,
        evidence: { ...facts, users: [], creatorRole, firstSeen: seen, sameSubnetFunctions: sameSubnet },
      };
    });
  },
};
