import * as z from 'zod/mini';
import { optStr, str } from './snapshot-fields.js';

/** The IAM parts of a snapshot: the functions' execution roles, and what a policy simulation allows them. */

export const RoleSchema = z.object({
  RoleName: str,
  Arn: str,
  RoleId: optStr,
});

export const POLICY_DECISIONS = ['allowed', 'explicitDeny', 'implicitDeny'] as const;

/**
 * SimulatePrincipalPolicy decisions per action, keyed by role ARN. A role missing here was not simulated: it was
 * decided from its policies (`rolePolicies`), or its simulation failed (see coverage).
 */
export const RolePermissionsSchema = z.record(z.string(), z.record(z.string(), z.enum(POLICY_DECISIONS)));

export type Role = z.infer<typeof RoleSchema>;
export type RolePermissions = z.infer<typeof RolePermissionsSchema>;
export type PolicyDecision = (typeof POLICY_DECISIONS)[number];
