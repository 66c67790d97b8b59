import * as z from 'zod/mini';
import { optStr, str } from './snapshot-fields.js';
import { RoleSchema } from './snapshot-iam.js';

/**
 * The policies of the execution roles, as iam:GetAccountAuthorizationDetails describes them
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_RoleDetail.html: RolePolicyList,
 * AttachedManagedPolicies, PermissionsBoundary) with the default version of every managed policy they use
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ManagedPolicyDetail.html: PolicyVersionList,
 * IsDefaultVersion). Documents are kept as JSON, already URL-decoded (AWS sends them RFC 3986-encoded); one
 * whose text was not JSON is kept as that text, and the evaluator reads it as unreadable.
 */

export const InlinePolicySchema = z.object({ PolicyName: str, PolicyDocument: z.unknown() });

export const RolePolicyDetailSchema = z.object({
  RoleName: str,
  Arn: str,
  RolePolicyList: z.array(InlinePolicySchema),
  AttachedManagedPolicies: z.array(z.object({ PolicyName: optStr, PolicyArn: str })),
  PermissionsBoundary: z.optional(z.object({ PermissionsBoundaryArn: str })),
});

/** A managed policy's default (operative) version. */
export const ManagedPolicySchema = z.object({
  Arn: str,
  PolicyName: optStr,
  DefaultVersionId: str,
  Document: z.unknown(),
});

export const RolePoliciesSchema = z.object({
  /** The existing execution roles of VPC-enabled records, by ARN. */
  roles: z.record(z.string(), RolePolicyDetailSchema),
  /** Every managed policy those roles attach or have as boundary, by ARN; one missing could not be read (coverage). */
  managedPolicies: z.record(z.string(), ManagedPolicySchema),
  /**
   * From the roles that were simulated: the actions AWS Organizations does not allow them (the simulation's
   * OrganizationsDecisionDetail.AllowedByOrganizations false), what local evaluation cannot see. By role ARN.
   */
  organizationsDenied: z.record(z.string(), z.array(z.string())),
});

/**
 * What one account's IAM says about every role, read once per account and run (lib/collect/authorization.ts)
 * and shared by every Region of it: the roles, each role's policies, and the customer managed policies'
 * default versions. AWS managed policies are read separately, only those the execution roles use.
 */
export const AccountAuthorizationSchema = z.object({
  roles: z.array(RoleSchema),
  roleDetails: z.record(z.string(), RolePolicyDetailSchema),
  localPolicies: z.record(z.string(), ManagedPolicySchema),
});

export type RolePolicyDetail = z.infer<typeof RolePolicyDetailSchema>;
export type ManagedPolicy = z.infer<typeof ManagedPolicySchema>;
export type RolePolicies = z.infer<typeof RolePoliciesSchema>;
export type AccountAuthorization = z.infer<typeof AccountAuthorizationSchema>;
