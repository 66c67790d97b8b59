import { ACCOUNT_ID } from '../account.js';
import { AWS_MANAGED_POLICIES, type SyntheticPolicy, type SyntheticRole } from '../iam-account.js';
import { PAGE_LIMITS } from './aws-limits.js';
import type { Routed, ServiceRequest, SimAccount } from './services.js';
import { el, memberList, offsetOf, queryError, type Reply, tokenFor, xml } from './wire.js';

/**
 * IAM's and STS's query protocol: form-encoded `Action=...` requests, XML answers with `<member>` lists. IAM
 * answers from the synthetic account's roles and policies (bench/iam-account.ts).
 */

const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';

const iamAnswer = (action: string, result: string): Reply =>
  xml(
    `<${action}Response xmlns="${IAM_NAMESPACE}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>bench</RequestId></ResponseMetadata></${action}Response>`,
  );

function pageSize(
  request: ServiceRequest,
  api: 'iam:ListRoles' | 'iam:SimulatePrincipalPolicy' | 'iam:GetAccountAuthorizationDetails',
): number | Reply {
  const limit = PAGE_LIMITS[api];
  const asked = request.query.MaxItems;
  const size = asked === undefined ? limit.whenUnasked : Number(asked);
  if (size < 1 || size > limit.max)
    return queryError(
      'ValidationError',
      `1 validation error detected: Value '${asked}' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to ${limit.max}`,
      400,
    );
  return size;
}

const roleXml = (role: SyntheticRole) =>
  el('Path', '/') +
  el('RoleName', role.name) +
  el('RoleId', role.id) +
  el('Arn', role.arn) +
  el('CreateDate', '2024-06-01T00:00:00Z') +
  el(
    'AssumeRolePolicyDocument',
    encodeURIComponent(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
    ),
  ) +
  el('MaxSessionDuration', 3600);

function listRoles(request: ServiceRequest, sim: SimAccount): Reply {
  const size = pageSize(request, 'iam:ListRoles');
  if (typeof size !== 'number') return size;
  const roles = sim.account.roles;
  const offset = offsetOf(request.query.Marker);
  const page = roles.slice(offset, offset + size);
  const next = offset + page.length;
  return iamAnswer(
    'ListRoles',
    el('IsTruncated', next < roles.length) +
      (next < roles.length ? el('Marker', tokenFor(next)) : '') +
      memberList('Roles', page.map(roleXml)),
  );
}

/** IAM sends policy documents URL-encoded (RFC 3986). */
const encoded = (document: object) => encodeURIComponent(JSON.stringify(document));

const roleDetailXml = (role: SyntheticRole) =>
  roleXml(role) +
  memberList(
    'RolePolicyList',
    role.inline.map((p) => el('PolicyName', p.name) + el('PolicyDocument', encoded(p.document))),
  ) +
  memberList(
    'AttachedManagedPolicies',
    role.attached.map((arn) => el('PolicyName', arn.slice(arn.lastIndexOf('/') + 1)) + el('PolicyArn', arn)),
  );

const policyDetailXml = (policy: SyntheticPolicy) =>
  el('PolicyName', policy.name) +
  el('Arn', policy.arn) +
  el('DefaultVersionId', policy.versionId) +
  el('AttachmentCount', 1) +
  memberList('PolicyVersionList', [
    el('Document', encoded(policy.document)) +
      el('VersionId', policy.versionId) +
      el('IsDefaultVersion', true),
  ]);

/** Roles, then customer managed policies, in pages of MaxItems (Filter Role and LocalManagedPolicy). */
function getAccountAuthorizationDetails(request: ServiceRequest, sim: SimAccount): Reply {
  const size = pageSize(request, 'iam:GetAccountAuthorizationDetails');
  if (typeof size !== 'number') return size;
  const { roles, localPolicies } = sim.account;
  const total = roles.length + localPolicies.length;
  const offset = offsetOf(request.query.Marker);
  const end = Math.min(total, offset + size);
  const pageRoles = roles.slice(offset, Math.min(end, roles.length));
  const pagePolicies = localPolicies.slice(
    Math.max(0, offset - roles.length),
    Math.max(0, end - roles.length),
  );
  return iamAnswer(
    'GetAccountAuthorizationDetails',
    el('IsTruncated', end < total) +
      (end < total ? el('Marker', tokenFor(end)) : '') +
      '<UserDetailList/><GroupDetailList/>' +
      memberList('RoleDetailList', pageRoles.map(roleDetailXml)) +
      memberList('Policies', pagePolicies.map(policyDetailXml)),
  );
}

const MANAGED = new Map(AWS_MANAGED_POLICIES.map((policy) => [policy.arn, policy]));

function managedPolicy(request: ServiceRequest): SyntheticPolicy | Reply {
  const arn = request.query.PolicyArn ?? '';
  return (
    MANAGED.get(arn) ?? queryError('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`, 404)
  );
}

function getPolicy(request: ServiceRequest): Reply {
  const policy = managedPolicy(request);
  if ('status' in policy) return policy;
  return iamAnswer(
    'GetPolicy',
    `<Policy>${el('PolicyName', policy.name)}${el('Arn', policy.arn)}${el('DefaultVersionId', policy.versionId)}${el('AttachmentCount', 1)}</Policy>`,
  );
}

function getPolicyVersion(request: ServiceRequest): Reply {
  const policy = managedPolicy(request);
  if ('status' in policy) return policy;
  if (request.query.VersionId !== policy.versionId)
    return queryError(
      'NoSuchEntity',
      `Policy ${policy.arn} version ${request.query.VersionId} does not exist.`,
      404,
    );
  return iamAnswer(
    'GetPolicyVersion',
    `<PolicyVersion>${el('Document', encoded(policy.document))}${el('VersionId', policy.versionId)}${el('IsDefaultVersion', true)}</PolicyVersion>`,
  );
}

function actionNames(query: ServiceRequest['query']): string[] {
  return Object.entries(query)
    .filter(([key]) => /^ActionNames\.member\.\d+$/.test(key))
    .sort(([a], [b]) => Number(a.split('.')[2]) - Number(b.split('.')[2]))
    .flatMap(([, value]) => (value === undefined ? [] : [value]));
}

/** What the role's policies give (its conditional Deny does not apply here); no service control policy denies. */
function simulatePrincipalPolicy(request: ServiceRequest, sim: SimAccount): Reply {
  const size = pageSize(request, 'iam:SimulatePrincipalPolicy');
  if (typeof size !== 'number') return size;
  const arn = request.query.PolicySourceArn ?? '';
  const role = sim.roleByArn.get(arn);
  if (role === undefined)
    return queryError('NoSuchEntity', `The role with name ${arn} cannot be found.`, 404);
  const actions = actionNames(request.query);
  const offset = offsetOf(request.query.Marker);
  const page = actions.slice(offset, offset + size);
  const next = offset + page.length;
  const results = page.map(
    (action) =>
      el('EvalActionName', action) +
      el('EvalResourceName', '*') +
      el(
        'EvalDecision',
        role.deniesEniDeletes && action === 'ec2:DeleteNetworkInterface' ? 'explicitDeny' : 'allowed',
      ) +
      '<MatchedStatements/><MissingContextValues/>' +
      `<OrganizationsDecisionDetail>${el('AllowedByOrganizations', true)}</OrganizationsDecisionDetail>`,
  );
  return iamAnswer(
    'SimulatePrincipalPolicy',
    el('IsTruncated', next < actions.length) +
      (next < actions.length ? el('Marker', tokenFor(next)) : '') +
      memberList('EvaluationResults', results),
  );
}

export function iamService(request: ServiceRequest, sim: SimAccount): Routed {
  const action = request.query.Action ?? '';
  if (action === 'GetAccountAuthorizationDetails')
    return {
      api: 'iam:GetAccountAuthorizationDetails',
      answer: () => getAccountAuthorizationDetails(request, sim),
    };
  if (action === 'GetPolicy') return { api: 'iam:GetPolicy', answer: () => getPolicy(request) };
  if (action === 'GetPolicyVersion')
    return { api: 'iam:GetPolicyVersion', answer: () => getPolicyVersion(request) };
  if (action === 'ListRoles') return { api: 'iam:ListRoles', answer: () => listRoles(request, sim) };
  if (action === 'SimulatePrincipalPolicy')
    return { api: 'iam:SimulatePrincipalPolicy', answer: () => simulatePrincipalPolicy(request, sim) };
  return {
    api: `iam:${action}`,
    answer: () => queryError('InvalidAction', `The action ${action} is not simulated.`, 400),
  };
}

export function stsService(request: ServiceRequest): Routed {
  const action = request.query.Action ?? '';
  if (action !== 'GetCallerIdentity')
    return {
      api: `sts:${action}`,
      answer: () => queryError('InvalidAction', `The action ${action} is not simulated.`, 400),
    };
  return {
    api: 'sts:GetCallerIdentity',
    answer: () =>
      xml(
        `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>${el('Arn', `arn:aws:sts::${ACCOUNT_ID}:assumed-role/auditor/bench`)}${el('UserId', 'AROAEXAMPLEAUDITOR:bench')}${el('Account', ACCOUNT_ID)}</GetCallerIdentityResult><ResponseMetadata><RequestId>bench</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      ),
  };
}
