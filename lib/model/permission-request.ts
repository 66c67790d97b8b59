/**
 * One question put to a role's policies: may it perform `action` on every one of `resources`? The requests a
 * service makes with a role (Lambda's ENI calls with an execution role, a capacity provider's EC2 calls with
 * its operator role) are built as a list of these and evaluated together (lib/analyze/policy).
 */
export type RequestResource =
  /** One resource ARN, or `*` for an action that supports no resource-level permissions. */
  | { kind: 'arn'; arn: string }
  /** Every resource whose ARN starts with `prefix` (the network interfaces Lambda has not created yet). */
  | { kind: 'every'; prefix: string };

export type PermissionRequest = { action: string; resources: readonly RequestResource[] };

/** The request context's resource for actions without resource-level permissions (Describe*). */
export const ANY_RESOURCE: RequestResource = { kind: 'arn', arn: '*' };

/** How a request resource reads in a message or evidence: the ARN, or the prefix followed by `*`. */
export function describeResource(resource: RequestResource): string {
  return resource.kind === 'arn' ? resource.arn : `${resource.prefix}*`;
}
