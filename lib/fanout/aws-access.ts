import { getAccountId } from '../collect/account.js';
import { assumeRole, sessionNameFor } from '../collect/assume-role.js';
import { type ClientOptions, createClients } from '../collect/clients.js';
import { partitionOf } from '../partition.js';
import type { AccountAccess } from './plan.js';

export type AccessOptions = Pick<ClientOptions, 'profile' | 'instrument'> & {
  /** Where STS is called: the CLI's region, or the function's. */
  homeRegion: string;
  /** Named in the member accounts' CloudTrail as the role session. */
  runId: string;
};

/** STS with the credentials in use (the CLI's profile or chain, the function's role); clients made on first use. */
export function createAccountAccess(options: AccessOptions): AccountAccess {
  let sts: ReturnType<typeof createClients>['sts'] | undefined;
  const stsClient = () => {
    sts ??= createClients({
      region: options.homeRegion,
      profile: options.profile,
      instrument: options.instrument,
    }).sts;
    return sts;
  };
  return {
    partition: partitionOf(options.homeRegion),
    callerAccount: () => getAccountId(stsClient(), options.homeRegion),
    assumeRole: (roleArn) => assumeRole(stsClient(), { roleArn, sessionName: sessionNameFor(options.runId) }),
  };
}
