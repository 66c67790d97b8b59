import { type OrganizationsClient, paginateListAccounts } from '@aws-sdk/client-organizations';
import { withoutRepeatedTokens } from './page-integrity.js';
import { required } from './response.js';

/**
 * `--org` and the fan-out's planning list the organization's accounts. Called from the management account or
 * a member the management account delegated it to (an Organizations delegated administrator, or a resource
 * policy allowing `organizations:ListAccounts`); anywhere else AWS answers AccessDeniedException.
 */
export const ORGANIZATIONS_ACTIONS = ['organizations:ListAccounts'] as const;

/** ListAccounts' documented maximum MaxResults. */
export const LIST_ACCOUNTS_PAGE_SIZE = 20;

export interface OrganizationAccount {
  id: string;
  name?: string;
}

type ListedAccount = { State?: string | undefined; Status?: string | undefined };

/**
 * `State` (ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED, PENDING_ACTIVATION) replaces `Status`, which AWS retires
 * on 9 September 2026; an answer without `State` (older endpoints) is read by `Status`.
 */
function isActive(account: ListedAccount): boolean {
  return (account.State ?? account.Status) === 'ACTIVE';
}

/** Every active account of the organization, all pages, sorted by id; suspended and closing ones are left out. */
export async function listActiveAccounts(organizations: OrganizationsClient): Promise<OrganizationAccount[]> {
  const pages = paginateListAccounts(
    { client: organizations, pageSize: LIST_ACCOUNTS_PAGE_SIZE, stopOnSameToken: true },
    {},
  );
  const accounts: OrganizationAccount[] = [];
  // A token handed back again would loop, or end the list early and leave accounts out unnoticed.
  for await (const page of withoutRepeatedTokens('organizations:ListAccounts', pages)) {
    for (const account of page.Accounts ?? []) {
      if (!isActive(account)) continue;
      const id = required(account.Id, 'Id in a ListAccounts item');
      accounts.push(account.Name ? { id, name: account.Name } : { id });
    }
  }
  return accounts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
