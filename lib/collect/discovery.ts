import type { Credentials } from '../aws/clients.js';
import { createClients, createOrganizationsClient } from '../aws/clients.js';
import type { AccountAccess } from './account-access.js';
import { type AccessOptions, createAccountAccess, withDeadline } from './account-access.js';
import type { OrganizationAccount } from './organizations.js';
import { listActiveAccounts } from './organizations.js';
import { listEnabledRegions } from './regions.js';

export interface DiscoveryDeps extends AccountAccess {
  /** The organization's active accounts (Organizations ListAccounts, every page). */
  listAccounts(): Promise<OrganizationAccount[]>;
  /** The account's enabled regions (EC2 DescribeRegions) with these credentials, or the ones in use. */
  enabledRegions(credentials: Credentials | undefined): Promise<string[]>;
}

/**
 * Discovery against AWS for `--org`/`--regions` and the fan-out's planning: STS (lib/collect/account-access.ts),
 * Organizations and EC2 DescribeRegions. Apart from the access, so the audit function's bundle, which only
 * assumes roles, leaves the Organizations client out.
 */
export function createDiscoveryDeps(options: AccessOptions): DiscoveryDeps {
  const base = { region: options.homeRegion, profile: options.profile, instrument: options.instrument };
  return {
    ...createAccountAccess(options),
    listAccounts: () => listActiveAccounts(withDeadline(createOrganizationsClient(base), options.deadline)),
    enabledRegions: (credentials) =>
      listEnabledRegions(withDeadline(createClients({ ...base, credentials }).ec2, options.deadline)),
  };
}
