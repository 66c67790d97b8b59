import { AuditorError, ConfigError } from '../errors.js';
import type { EniHolder, LambdaEniUse } from '../model/eni-dependencies.js';
import type { Snapshot, SnapshotPart } from '../model/snapshot.js';
import { eniDependencies } from './eni-dependencies.js';
import type { SnapshotIndex } from './snapshot-index.js';

/** An id the snapshot does not know, or a snapshot that cannot answer (ENIs or functions not collected). */
export class EniLookupError extends AuditorError {}

export type EniQueryKind = 'network-interface' | 'security-group' | 'subnet';

export interface EniQuery {
  kind: EniQueryKind;
  id: string;
}

/** The answer for one ENI, security group or subnet: the Lambda ENIs involved and who uses each. */
export interface EniLookup {
  query: EniQuery;
  accountId: string;
  region: string;
  capturedAt: string;
  networkInterfaces: LambdaEniUse[];
  /** Distinct names of the functions using those ENIs. */
  functions: string[];
  orphanedNetworkInterfaceIds: string[];
}

const ID_PATTERN: Record<EniQueryKind, { pattern: RegExp; example: string }> = {
  'network-interface': { pattern: /^eni-[0-9a-f]{8,17}$/, example: 'eni-0123456789abcdef0' },
  'security-group': { pattern: /^sg-[0-9a-f]{8,17}$/, example: 'sg-0123456789abcdef0' },
  subnet: { pattern: /^subnet-[0-9a-f]{8,17}$/, example: 'subnet-0123456789abcdef0' },
};

/** Rejects an id that cannot be of the kind asked (a typo, an ARN, the wrong flag). */
export function parseEniQuery(kind: EniQueryKind, id: string): EniQuery {
  const { pattern, example } = ID_PATTERN[kind];
  if (!pattern.test(id))
    throw new ConfigError(`${JSON.stringify(id)} is not a ${kind} id (like ${example}).`);
  return { kind, id };
}

function notCollected(snapshot: Snapshot, part: SnapshotPart, what: string): EniLookupError {
  const gap = snapshot.coverage.find((g) => g.part === part && g.resource === undefined);
  const why = gap ? ` (${gap.api}: ${gap.errorCode})` : '';
  return new EniLookupError(
    `${what} ${part === 'functions' ? 'was' : 'were'} not collected${why}: cannot answer.`,
  );
}

function where(snapshot: Snapshot): string {
  return `account ${snapshot.meta.accountId} ${snapshot.meta.region} (captured ${snapshot.meta.capturedAt})`;
}

/** Whether the snapshot knows the security group or subnet at all, Lambda ENIs aside. */
function isKnown(query: EniQuery, index: SnapshotIndex): boolean {
  if (query.kind === 'subnet')
    return index.subnetById.has(query.id) || index.vpcFunctions.some((fn) => fn.subnetIds.includes(query.id));
  return (
    index.securityGroupById.has(query.id) ||
    index.vpcFunctions.some((fn) => fn.securityGroupIds.includes(query.id))
  );
}

function unknownIdError(query: EniQuery, snapshot: Snapshot): EniLookupError {
  switch (query.kind) {
    case 'network-interface':
      return new EniLookupError(
        `${query.id} is not a Lambda ENI in ${where(snapshot)}: it may belong to another service, be in ` +
          'another region, or no longer exist.',
      );
    case 'security-group':
      return new EniLookupError(
        `No Lambda ENI and no VPC function uses ${query.id} in ${where(snapshot)}: Lambda is not what keeps ` +
          'it from being deleted.',
      );
    case 'subnet':
      return new EniLookupError(`${query.id} is not a subnet of ${where(snapshot)}.`);
  }
}

function holderOf(query: EniQuery, holders: { securityGroups: EniHolder[]; subnets: EniHolder[] }) {
  const list = query.kind === 'subnet' ? holders.subnets : holders.securityGroups;
  return list.find((holder) => holder.resourceId === query.id);
}

/** Which Lambda ENIs an ENI id, security group or subnet involves, and who uses them. Pure. */
export function lookupEni(snapshot: Snapshot, index: SnapshotIndex, query: EniQuery): EniLookup {
  if (snapshot.networkInterfaces === null) throw notCollected(snapshot, 'networkInterfaces', 'Lambda ENIs');
  if (snapshot.functions === null) throw notCollected(snapshot, 'functions', 'The function list');
  const dependencies = eniDependencies(snapshot, index);
  const uses = dependencies?.networkInterfaces ?? [];
  let selected: LambdaEniUse[];
  if (query.kind === 'network-interface') {
    selected = uses.filter((use) => use.networkInterfaceId === query.id);
    if (selected.length === 0) throw unknownIdError(query, snapshot);
  } else {
    const holder = dependencies === null ? undefined : holderOf(query, dependencies);
    if (holder === undefined && !isKnown(query, index)) throw unknownIdError(query, snapshot);
    const ids = new Set(holder?.networkInterfaceIds ?? []);
    selected = uses.filter((use) => ids.has(use.networkInterfaceId));
  }
  return {
    query,
    accountId: snapshot.meta.accountId,
    region: snapshot.meta.region,
    capturedAt: snapshot.meta.capturedAt,
    networkInterfaces: selected,
    functions: [...new Set(selected.flatMap((use) => use.users.map((user) => user.functionName)))].sort(),
    orphanedNetworkInterfaceIds: selected
      .filter((use) => use.orphaned === true)
      .map((use) => use.networkInterfaceId),
  };
}
