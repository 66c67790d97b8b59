import {
  type IAMClient,
  type ManagedPolicyDetail,
  type PolicyDetail,
  paginateGetAccountAuthorizationDetails,
  type RoleDetail,
} from '@aws-sdk/client-iam';
import type {
  AccountAuthorization,
  ManagedPolicy,
  RolePolicyDetail,
} from '../model/snapshot-iam-policies.js';
import type { CollectorContext, ProgressListener } from './context.js';
import { attempt } from './gaps.js';
import { firstSightings, withoutRepeatedTokens } from './page-integrity.js';
import { required } from './response.js';

/**
 * Every role of the account with its policies, in bulk: iam:GetAccountAuthorizationDetails with the filter
 * Role and LocalManagedPolicy (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html):
 * RoleDetailList gives each role's inline policies (RolePolicyList), attached managed policies and
 * permissions boundary; Policies gives each customer managed policy's versions (PolicyVersionList, one
 * IsDefaultVersion). MaxItems up to 1000; IAM may return fewer and says IsTruncated with a Marker. It replaces
 * ListRoles wherever it answers. AWS managed policies are read one by one, only those the execution roles
 * use (managed-policies.ts): the filter AWSManagedPolicy would page through AWS's whole catalogue.
 */

export const AUTHORIZATION_READ_ACTIONS = ['iam:GetAccountAuthorizationDetails'] as const;

export const AUTHORIZATION_PAGE_SIZE = 1000;
export const AUTHORIZATION_FILTER = ['Role', 'LocalManagedPolicy'] as const;

/**
 * A policy document as IAM returns it: URL-encoded JSON text (RFC 3986; the JavaScript SDK does not decode
 * it). Text that is already JSON (some emulators) is read as it is. Text that is neither stays text, which
 * the evaluator reads as unreadable, never as empty.
 */
export function decodePolicyDocument(text: string): unknown {
  const trimmed = text.trim();
  let decoded = trimmed;
  if (!trimmed.startsWith('{')) {
    try {
      decoded = decodeURIComponent(trimmed);
    } catch {
      return text;
    }
  }
  try {
    return JSON.parse(decoded);
  } catch {
    return decoded;
  }
}

function inlinePolicy(policy: PolicyDetail, role: string) {
  return {
    PolicyName: required(policy.PolicyName, `PolicyName of an inline policy of ${role}`),
    PolicyDocument: decodePolicyDocument(required(policy.PolicyDocument, `PolicyDocument of ${role}`)),
  };
}

function roleDetail(role: RoleDetail): RolePolicyDetail {
  const arn = required(role.Arn, 'Arn in a RoleDetailList item');
  const boundary = role.PermissionsBoundary?.PermissionsBoundaryArn;
  return {
    RoleName: required(role.RoleName, `RoleName of ${arn}`),
    Arn: arn,
    RolePolicyList: (role.RolePolicyList ?? []).map((policy) => inlinePolicy(policy, arn)),
    AttachedManagedPolicies: (role.AttachedManagedPolicies ?? []).map((attached) => ({
      ...(attached.PolicyName === undefined ? {} : { PolicyName: attached.PolicyName }),
      PolicyArn: required(attached.PolicyArn, `PolicyArn of a managed policy attached to ${arn}`),
    })),
    ...(boundary === undefined ? {} : { PermissionsBoundary: { PermissionsBoundaryArn: boundary } }),
  };
}

/** A customer managed policy's default version; undefined when the answer names none (it is then read alone). */
function defaultVersion(policy: ManagedPolicyDetail): ManagedPolicy | undefined {
  const arn = required(policy.Arn, 'Arn in a Policies item');
  const version = (policy.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion === true);
  if (version?.Document === undefined) return undefined;
  return {
    Arn: arn,
    ...(policy.PolicyName === undefined ? {} : { PolicyName: policy.PolicyName }),
    DefaultVersionId: version.VersionId ?? policy.DefaultVersionId ?? 'default',
    Document: decodePolicyDocument(version.Document),
  };
}

/**
 * Every page, each role and policy once (pages that overlap are counted once), a repeated page token failing
 * the read (page-integrity.ts). Throws on any failure: the caller records the gap and falls back.
 */
export async function readAccountAuthorization(
  iam: IAMClient,
  onProgress?: ProgressListener,
): Promise<AccountAuthorization> {
  const api = 'iam:GetAccountAuthorizationDetails';
  const pages = paginateGetAccountAuthorizationDetails(
    { client: iam, pageSize: AUTHORIZATION_PAGE_SIZE, stopOnSameToken: true },
    { Filter: [...AUTHORIZATION_FILTER] },
  );
  const firstRole = firstSightings<RoleDetail>(['Arn']);
  const firstPolicy = firstSightings<ManagedPolicyDetail>(['Arn']);
  const authorization: AccountAuthorization = { roles: [], roleDetails: {}, localPolicies: {} };
  let pageCount = 0;
  for await (const page of withoutRepeatedTokens(api, pages)) {
    for (const role of (page.RoleDetailList ?? []).filter(firstRole)) {
      const detail = roleDetail(role);
      authorization.roles.push({
        RoleName: detail.RoleName,
        Arn: detail.Arn,
        ...(role.RoleId === undefined ? {} : { RoleId: role.RoleId }),
      });
      authorization.roleDetails[detail.Arn] = detail;
    }
    for (const policy of (page.Policies ?? []).filter(firstPolicy)) {
      const version = defaultVersion(policy);
      if (version !== undefined) authorization.localPolicies[version.Arn] = version;
    }
    pageCount += 1;
    onProgress?.({ api, pages: pageCount, items: authorization.roles.length });
  }
  return authorization;
}

/**
 * Where a collection gets the account's authorization details: by default it reads them itself. A run that
 * audits several Regions of one account in separate processes (the Step Functions fan-out) passes one that
 * reads them once and shares them; it calls `read` only when no other target has.
 */
export type AuthorizationSource = (
  read: () => Promise<AccountAuthorization>,
) => Promise<AccountAuthorization>;

export const readItself: AuthorizationSource = (read) => read();

/** The account's authorization details, or null with a coverage gap (the caller then falls back to ListRoles). */
export async function collectAuthorization(
  iam: IAMClient,
  context: CollectorContext,
  source: AuthorizationSource = readItself,
): Promise<AccountAuthorization | null> {
  return attempt(context.recorder, { part: 'rolePolicies', api: 'iam:GetAccountAuthorizationDetails' }, () =>
    source(() => readAccountAuthorization(iam, context.onProgress)),
  );
}
