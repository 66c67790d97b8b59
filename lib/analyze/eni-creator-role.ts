import type { NetworkInterface, Snapshot } from '../model/snapshot.js';
import { roleNameFromArn } from './snapshot-index.js';

/**
 * Whose role Lambda would delete a Lambda ENI with: its creator's execution role. Lambda deletes an ENI it no
 * longer needs with the function's execution role; when that role (or its ec2:DeleteNetworkInterface) is gone,
 * the ENI stays (Lambda developer guide, "Lambda Hyperplane ENIs": https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html).
 */
export interface CreatorRole {
  status: 'exists' | 'deleted' | 'unknown';
  /** Known when the creator function still exists or the role is found by its unique id. */
  name?: string;
  /** How it was found: the creator function's configuration, or the ENI's RequesterId (`<role id>:<session>`). */
  source?: 'creator-function' | 'requester-id';
}

export interface RoleLookup {
  roleArnByFunction: Map<string, string>;
  roleNames: Set<string> | null;
  roleNameById: Map<string, string> | null;
  roleArnByName: Map<string, string> | null;
}

export function roleLookup(snapshot: Snapshot): RoleLookup {
  const roleArnByFunction = new Map<string, string>();
  for (const record of snapshot.functions ?? []) {
    if (record.Version === '$LATEST' || !roleArnByFunction.has(record.FunctionName))
      roleArnByFunction.set(record.FunctionName, record.Role);
  }
  const roles = snapshot.roles;
  if (roles === null) return { roleArnByFunction, roleNames: null, roleNameById: null, roleArnByName: null };
  const roleNameById = new Map<string, string>();
  for (const role of roles) if (role.RoleId !== undefined) roleNameById.set(role.RoleId, role.RoleName);
  return {
    roleArnByFunction,
    roleNames: new Set(roles.map((role) => role.RoleName)),
    // Absence from the list proves deletion only when every listed role carries its unique id.
    roleNameById: roleNameById.size === roles.length ? roleNameById : null,
    roleArnByName: new Map(roles.map((role) => [role.RoleName, role.Arn])),
  };
}

export function creatorRoleOf(
  creator: string | null,
  eni: NetworkInterface,
  lookup: RoleLookup,
): CreatorRole {
  const creatorRoleArn = creator === null ? undefined : lookup.roleArnByFunction.get(creator);
  if (creatorRoleArn !== undefined) {
    const name = roleNameFromArn(creatorRoleArn);
    const status = lookup.roleNames === null ? 'unknown' : lookup.roleNames.has(name) ? 'exists' : 'deleted';
    return { status, name, source: 'creator-function' };
  }
  // Lambda creates its ENIs in a session of the execution role: RequesterId is `<role unique id>:<session>`.
  const roleId = eni.RequesterId?.split(':')[0];
  if (roleId === undefined || !roleId.startsWith('AROA')) return { status: 'unknown' };
  if (lookup.roleNameById === null) return { status: 'unknown' };
  const name = lookup.roleNameById.get(roleId);
  return name === undefined
    ? { status: 'deleted', source: 'requester-id' }
    : { status: 'exists', name, source: 'requester-id' };
}
