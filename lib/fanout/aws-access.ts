import { getAccountId } from '../collect/account.js';
import { assumeRole, sessionNameFor } from '../collect/assume-role.js';
import { type ClientOptions, createClients } from '../collect/clients.js';
import { withTimeBudget } from '../collect/time-budget.js';
import { partitionOf } from '../partition.js';
import type { AccountAccess } from './plan.js';

export type AccessOptions = Pick<ClientOptions, 'profile' | 'instrument'> & {
  /** Where STS is called: the CLI's region, or the function's. */
  homeRegion: string;
  /** Named in the member accounts' CloudTrail as the role session. */
  runId: string;
  /** The CLI's `--time-limit`: discovery calls stop here like the collection's. */
  deadline?: Date | undefined;
};

type SendingClient = { send: (...args: never[]) => Promise<unknown> };

/** The client bound to the options' deadline, when there is one (lib/collect/time-budget.ts). */
export function withDeadline<C extends SendingClient>(client: C, deadline: Date | undefined): C {
  return deadline === undefined ? client : withTimeBudget({ client }, deadline).client;
}

/** STS with the credentials in use (the CLI's profile or chain, the function's role); clients made on first use. */
export function createAccountAccess(options: AccessOptions): AccountAccess {
  let sts: ReturnType<typeof createClients>['sts'] | undefined;
  const stsClient = () => {
    sts ??= withDeadline(
      createClients({ region: options.homeRegion, profile: options.profile, instrument: options.instrument })
        .sts,
      options.deadline,
    );
    return sts;
  };
  return {
    partition: partitionOf(options.homeRegion),
    callerAccount: () => getAccountId(stsClient(), options.homeRegion),
    assumeRole: (roleArn) => assumeRole(stsClient(), { roleArn, sessionName: sessionNameFor(options.runId) }),
  };
}
