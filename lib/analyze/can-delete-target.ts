import { AuditorError, ConfigError } from '../errors.js';
import type { ConfiguredFunction, DeleteTarget, DeleteTargetKind } from '../model/can-delete.js';
import type { NetworkInterface, Snapshot } from '../model/snapshot.js';
import type { SnapshotIndex, VpcFunction } from './snapshot-index.js';

/** What `can-delete` is asked about: the target, its existence, the functions configured with it, its ENIs. */

/** A target id the snapshot does not know, or a snapshot that cannot answer. */
export class CanDeleteError extends AuditorError {}

const ID_PATTERN: Record<DeleteTargetKind, { pattern: RegExp; example: string }> = {
  'security-group': { pattern: /^sg-[0-9a-f]{8,17}$/, example: 'sg-0123456789abcdef0' },
  subnet: { pattern: /^subnet-[0-9a-f]{8,17}$/, example: 'subnet-0123456789abcdef0' },
  vpc: { pattern: /^vpc-[0-9a-f]{8,17}$/, example: 'vpc-0123456789abcdef0' },
};

export function parseDeleteTarget(kind: DeleteTargetKind, id: string): DeleteTarget {
  const { pattern, example } = ID_PATTERN[kind];
  if (!pattern.test(id))
    throw new ConfigError(`${JSON.stringify(id)} is not a ${kind} id (like ${example}).`);
  return { kind, id };
}

/** The `describe-network-interfaces` filter that lists every interface in the way of deleting the target. */
export function interfaceFilterOf(target: DeleteTarget): { name: string; value: string } {
  const name =
    target.kind === 'security-group' ? 'group-id' : target.kind === 'subnet' ? 'subnet-id' : 'vpc-id';
  return { name, value: target.id };
}

function where(snapshot: Snapshot): string {
  return `account ${snapshot.meta.accountId} ${snapshot.meta.region}`;
}

/** Whether the target is known to exist: yes, no (refused), or to be asked of EC2 (a group the audit did not read). */
export interface TargetCheck {
  notes: string[];
  /** A security group the snapshot does not hold: the collector reads only the groups functions use. */
  askEc2: boolean;
}

/**
 * Refuses an id the snapshot does not know (a typo, another region) where the snapshot holds every one of its
 * kind (subnets, VPCs); a filtered read of an unknown id finds no interface, which must not read as "free".
 * A security group the audit did not read (it reads those functions use) is left to the caller to look up.
 */
export function checkTargetKnown(
  snapshot: Snapshot,
  index: SnapshotIndex,
  target: DeleteTarget,
): TargetCheck {
  if (target.kind === 'security-group') {
    if (index.securityGroupById.has(target.id) || configuredFunctions(index, target).length > 0)
      return { notes: [], askEc2: false };
    return { notes: [], askEc2: true };
  }
  const [part, known, what] =
    target.kind === 'subnet'
      ? [snapshot.subnets, index.subnetById.has(target.id), 'subnet']
      : [snapshot.vpcs, index.vpcById.has(target.id), 'VPC'];
  if (part === null)
    return {
      notes: [`The ${what}s were not collected: whether ${target.id} exists was not checked.`],
      askEc2: false,
    };
  if (known) return { notes: [], askEc2: false };
  throw new CanDeleteError(
    `${target.id} is not a ${what} of ${where(snapshot)}: check the id and region; it may already be deleted.`,
  );
}

/** The refusal of a security group EC2 does not know either. */
export function unknownSecurityGroup(snapshot: Snapshot, id: string): CanDeleteError {
  return new CanDeleteError(
    `${id} is not a security group of ${where(snapshot)}: check the id and region; it may already be deleted.`,
  );
}

/** What is said when a security group's existence could not be checked (a snapshot holds only functions' groups). */
export function uncheckedSecurityGroupNote(id: string, why: string): string {
  return `Whether ${id} exists was not checked (${why}).`;
}

function variantNames(fn: VpcFunction, index: SnapshotIndex, target: DeleteTarget): string[] {
  return fn.variants
    .filter((variant) => {
      if (target.kind === 'security-group') return variant.securityGroupIds.includes(target.id);
      if (target.kind === 'subnet') return variant.subnetIds.includes(target.id);
      return variant.subnetIds.some((id) => index.subnetById.get(id)?.VpcId === target.id);
    })
    .flatMap((variant) => variant.versions);
}

/** Functions whose configuration (any version) still names the target: deleting it breaks them. */
export function configuredFunctions(index: SnapshotIndex, target: DeleteTarget): ConfiguredFunction[] {
  const configured: ConfiguredFunction[] = [];
  for (const fn of index.vpcFunctions) {
    const versions = variantNames(fn, index, target);
    if (versions.length > 0) configured.push({ functionName: fn.name, versions });
  }
  return configured;
}

/** The snapshot's Lambda ENIs in the way of the target (snapshot mode: other interfaces were not recorded). */
export function snapshotInterfacesOf(
  snapshot: Snapshot,
  index: SnapshotIndex,
  target: DeleteTarget,
): NetworkInterface[] {
  const enis = snapshot.networkInterfaces ?? [];
  if (target.kind === 'security-group') return index.lambdaEnisBySecurityGroup.get(target.id) ?? [];
  if (target.kind === 'subnet') return index.lambdaEnisBySubnet.get(target.id) ?? [];
  return enis.filter(
    (eni) =>
      eni.VpcId === target.id ||
      (eni.SubnetId !== undefined && index.subnetById.get(eni.SubnetId)?.VpcId === target.id),
  );
}
