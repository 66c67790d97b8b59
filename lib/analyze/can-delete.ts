import type {
  BlockingInterface,
  ConfiguredFunction,
  DeleteReadiness,
  DeleteTarget,
  DeleteTargetKind,
  DeleteVerdict,
} from '../model/can-delete.js';
import type { NetworkInterface, Snapshot } from '../model/snapshot.js';
import { compareText } from '../model/text-order.js';
import { configuredFunctions } from './can-delete-target.js';
import { type CreatorRole, creatorRoleOf, type RoleLookup, roleLookup } from './eni-creator-role.js';
import { lambdaEniUse } from './eni-dependencies.js';
import { parseLambdaEniDescription } from './lambda-eni.js';
import { eniGroupIds, type SnapshotIndex, sortedUnique } from './snapshot-index.js';

/**
 * Whether a security group, subnet or VPC can be deleted, and for each network interface in the way whether it
 * goes away by itself. Pure: the interfaces come in as read (live from EC2, or the snapshot's Lambda ENIs).
 *
 * AWS facts it rests on (Lambda developer guide, https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html,
 * "Lambda Hyperplane ENIs"): once no function or published version uses an ENI's subnet and security groups,
 * Lambda deletes it within up to 20 minutes, with the function's execution role; if that role is deleted first,
 * Lambda cannot delete it and it stays until deleted by hand. Lambda never deletes one still in use. Terraform's
 * AWS provider waits up to 45 minutes for them (hashicorp/terraform-provider-aws#10329, pulumi/pulumi-aws#4392:
 * AWS reported ~35 minutes at P99). EC2 refuses to delete a subnet or security group an interface still uses
 * with DependencyViolation (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
 */

function isLambdaInterface(eni: NetworkInterface): boolean {
  return eni.InterfaceType === 'lambda' || parseLambdaEniDescription(eni.Description) !== null;
}

const LAMBDA_REMOVES =
  'Lambda removes it by itself: AWS documents up to 20 minutes once nothing uses it (up to about 45 observed; ' +
  'Terraform waits 45).';

function mayDeleteOf(
  role: CreatorRole,
  snapshot: Snapshot,
  lookup: RoleLookup,
): 'allowed' | 'denied' | 'unknown' {
  if (role.status === 'deleted') return 'denied';
  if (role.status !== 'exists' || role.name === undefined) return 'unknown';
  const arn = lookup.roleArnByName?.get(role.name);
  const decision =
    arn === undefined ? undefined : snapshot.rolePermissions?.[arn]?.['ec2:DeleteNetworkInterface'];
  if (decision === undefined) return 'unknown';
  return decision === 'allowed' ? 'allowed' : 'denied';
}

function deleteItYourself(eni: NetworkInterface): string {
  return eni.Status === 'available'
    ? `Delete it (aws ec2 delete-network-interface --network-interface-id ${eni.NetworkInterfaceId}, or lambda-vpc-audit --cleanup).`
    : "It is still attached by Lambda: restore its creator's role with ec2:DeleteNetworkInterface (AWSLambdaVPCAccessExecutionRole), or ask AWS Support.";
}

function versionsText(users: readonly { functionName: string; version: string }[]): string {
  const byName = new Map<string, string[]>();
  for (const user of users)
    byName.set(user.functionName, [...(byName.get(user.functionName) ?? []), user.version]);
  return [...byName].map(([name, versions]) => `${name} (${versions.join(', ')})`).join(', ');
}

function judgeLambdaEni(
  eni: NetworkInterface,
  snapshot: Snapshot,
  index: SnapshotIndex,
  lookup: RoleLookup,
): BlockingInterface {
  const use = lambdaEniUse(eni, index, snapshot.meta.accountId);
  const base = {
    networkInterfaceId: eni.NetworkInterfaceId,
    status: eni.Status ?? null,
    interfaceType: eni.InterfaceType ?? null,
    description: eni.Description ?? null,
    subnetId: eni.SubnetId ?? null,
    securityGroupIds: use.securityGroupIds,
    creator: use.creator,
    users: use.users,
  };
  if (use.orphaned === null || snapshot.functions === null) {
    const why =
      snapshot.functions === null
        ? 'The function list was not collected, so who uses it cannot be told.'
        : eni.OwnerId !== undefined && eni.OwnerId !== snapshot.meta.accountId
          ? `It belongs to account ${eni.OwnerId} (a shared VPC subnet): its users are that account's functions.`
          : 'Its subnet or security groups are unknown, so who uses it cannot be told.';
    return { ...base, kind: 'lambda-cannot-tell', clears: 'unknown', reason: why, creatorRole: null };
  }
  if (!use.orphaned) {
    return {
      ...base,
      kind: 'in-use-by-lambda',
      clears: 'never',
      reason:
        `Used by ${versionsText(use.users)}: Lambda keeps it while a function or published version uses subnet ` +
        `${use.subnetId} with ${use.securityGroupIds.join(', ')}. Change their VPC configuration or delete them (and the versions) first.`,
      creatorRole: null,
    };
  }
  const role = creatorRoleOf(use.creator, eni, lookup);
  const mayDelete = mayDeleteOf(role, snapshot, lookup);
  const roleName = role.name === undefined ? "its creator's role" : `its creator's role ${role.name}`;
  const creatorRole = { name: role.name ?? null, status: role.status, mayDelete };
  if (role.status === 'deleted')
    return {
      ...base,
      kind: 'orphaned-forever',
      clears: 'never',
      reason: `No function or version uses it, and ${roleName} no longer exists: Lambda cannot delete it, so it stays. ${deleteItYourself(eni)}`,
      creatorRole,
    };
  if (mayDelete === 'denied')
    return {
      ...base,
      kind: 'orphaned-forever',
      clears: 'never',
      reason: `No function or version uses it, and ${roleName} may not ec2:DeleteNetworkInterface: Lambda cannot delete it. Grant it back and Lambda will, or delete it yourself. ${deleteItYourself(eni)}`,
      creatorRole,
    };
  if (mayDelete === 'allowed')
    return {
      ...base,
      kind: 'lambda-removes-it',
      clears: 'by-itself',
      reason: `No function or version uses it, and ${roleName} may delete it. ${LAMBDA_REMOVES}`,
      creatorRole,
    };
  const unknownWhy =
    role.status === 'exists'
      ? `${roleName} exists, but whether it may ec2:DeleteNetworkInterface was not checked`
      : use.creator === null
        ? 'its description names no creator (pre-2019 ENI) and its role could not be found'
        : `whether ${roleName} still exists is unknown`;
  return {
    ...base,
    kind: 'lambda-cannot-tell',
    clears: 'unknown',
    reason: `No function or version uses it; ${unknownWhy}. If Lambda can, it removes it within about 20 minutes; if it is still there after 45, ${eni.Status === 'available' ? 'delete it' : 'ask AWS Support'}.`,
    creatorRole,
  };
}

function judgeOther(eni: NetworkInterface): BlockingInterface {
  const what = `${eni.InterfaceType ?? 'interface'}${eni.Description ? ` "${eni.Description.slice(0, 80)}"` : ''}`;
  const reason =
    eni.Status === 'available'
      ? `Not Lambda's (${what}), and detached: delete it if nothing needs it.`
      : `Not Lambda's (${what}): delete or move the resource that uses it${eni.Attachment?.InstanceOwnerId ? ` (attached for ${eni.Attachment.InstanceOwnerId})` : ''}.`;
  return {
    networkInterfaceId: eni.NetworkInterfaceId,
    kind: 'other-service',
    clears: 'never',
    reason,
    status: eni.Status ?? null,
    interfaceType: eni.InterfaceType ?? null,
    description: eni.Description ?? null,
    subnetId: eni.SubnetId ?? null,
    securityGroupIds: sortedUnique(eniGroupIds(eni)),
    creator: null,
    creatorRole: null,
    users: [],
  };
}

/** The interfaces in the way, as read, and what the read could and could not see. */
export interface InterfacesRead {
  interfaces: readonly NetworkInterface[];
  source: 'live' | 'snapshot';
  checkedAt: string;
  /** False when only Lambda's interfaces are known (a snapshot records no others, or the live read failed). */
  othersKnown: boolean;
  notes: readonly string[];
}

function verdictOf(
  blockers: readonly BlockingInterface[],
  configured: readonly ConfiguredFunction[],
  othersKnown: boolean,
): DeleteVerdict {
  if (configured.length > 0 || blockers.some((b) => b.clears === 'never')) return 'blocked';
  if (blockers.length > 0) return 'waiting';
  return othersKnown ? 'free' : 'unknown';
}

const TARGET_NOTES: Record<DeleteTargetKind, string> = {
  'security-group':
    'Not checked: rules of other security groups that reference this one, which also make EC2 refuse (DependencyViolation).',
  subnet: 'Checked: every network interface in the subnet (EC2 refuses to delete a subnet while one exists).',
  vpc: 'A VPC also needs its subnets, gateways, endpoints and non-default security groups deleted first: this checks the network interfaces in it.',
};

/** The judgement of one read of the interfaces. Pure. */
export function judgeDeletion(
  snapshot: Snapshot,
  index: SnapshotIndex,
  target: DeleteTarget,
  read: InterfacesRead,
): DeleteReadiness {
  const lookup = roleLookup(snapshot);
  const blockers = read.interfaces
    .map((eni) => (isLambdaInterface(eni) ? judgeLambdaEni(eni, snapshot, index, lookup) : judgeOther(eni)))
    .sort((a, b) => compareText(a.networkInterfaceId, b.networkInterfaceId));
  const configured = configuredFunctions(index, target);
  const defaultGroup =
    target.kind === 'security-group' && index.securityGroupById.get(target.id)?.GroupName === 'default';
  const notes = [
    ...read.notes,
    ...(defaultGroup ? ["This is a VPC's default security group: AWS deletes it only with its VPC."] : []),
    TARGET_NOTES[target.kind],
    ...(read.othersKnown
      ? []
      : [
          read.source === 'snapshot'
            ? "A snapshot records Lambda's interfaces only: other services' (instances, load balancers, endpoints) were not checked; run it live to check them."
            : "Only Lambda's interfaces could be checked (see above).",
        ]),
  ];
  const verdict = defaultGroup ? 'blocked' : verdictOf(blockers, configured, read.othersKnown);
  return {
    target,
    accountId: snapshot.meta.accountId,
    region: snapshot.meta.region,
    source: read.source,
    checkedAt: read.checkedAt,
    verdict,
    blockers,
    configuredFunctions: configured,
    notes,
  };
}
