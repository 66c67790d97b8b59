import { type IAMClient, paginateListRoles } from '@aws-sdk/client-iam';
import type { Role } from '../model/snapshot.js';
import type { CollectorContext } from './context.js';
import { attempt } from './gaps.js';
import { collectPages } from './paging.js';
import { required } from './response.js';

export const IAM_READ_ACTIONS = ['iam:ListRoles'] as const;

/** ListRoles' documented maximum MaxItems. */
export const LIST_ROLES_PAGE_SIZE = 1000;

/**
 * Every role of the account (IAM is global), to tell whether a function's execution role still exists, when
 * GetAccountAuthorizationDetails (which lists them with their policies, authorization.ts) could not be read.
 */
export function collectRoles(iam: IAMClient, context: CollectorContext): Promise<Role[] | null> {
  const api = 'iam:ListRoles';
  return attempt(context.recorder, { part: 'roles', api }, async () => {
    const pages = paginateListRoles(
      { client: iam, pageSize: LIST_ROLES_PAGE_SIZE, stopOnSameToken: true },
      {},
    );
    const roles = await collectPages(api, ['Arn'], pages, (page) => page.Roles, context.onProgress);
    return roles.map((role) => ({
      RoleName: required(role.RoleName, 'RoleName in a ListRoles item'),
      Arn: required(role.Arn, 'Arn in a ListRoles item'),
      RoleId: role.RoleId,
    }));
  });
}
