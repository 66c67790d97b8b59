import { createClients, createOrganizationsClient } from '../collect/clients.js';
import { listActiveAccounts } from '../collect/organizations.js';
import { listEnabledRegions } from '../collect/regions.js';
import { type AccessOptions, createAccountAccess, withDeadline } from './aws-access.js';
import type { DiscoveryDeps } from './plan.js';

/**
 * Discovery against AWS for `--org`/`--regions` and the fan-out's planning: STS (lib/fanout/aws-access.ts),
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
