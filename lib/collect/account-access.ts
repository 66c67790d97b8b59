import { assumeRole, sessionNameFor } from '../aws/assume-role.js';
import type { Credentials } from '../aws/clients.js';
import { type ClientOptions, createClients } from '../aws/clients.js';
import { withTimeBudget } from '../aws/time-budget.js';
import type { Partition } from '../model/partition.js';
import { partitionOf } from '../model/partition.js';
import { getAccountId } from './account.js';

export interface AccountAccess {
  /** The partition of the credentials in use: member role ARNs are in it. */
  partition: Partition;
  /** The account of the credentials in use (STS GetCallerIdentity). */
  callerAccount(): Promise<string>;
  /** The member role's credentials; throws AssumeRoleError when it cannot be assumed. */
  assumeRole(roleArn: string): Promise<Credentials>;
}

export type AccessOptions = Pick<ClientOptions, 'profile' | 'instrument'> & {
  /** Where STS is called: the CLI's region, or the function's. */
  homeRegion: string;
  /** Named in the member accounts' CloudTrail as the role session. */
  runId: string;
  /** The CLI's `--time-limit`: discovery calls stop here like the collection's. */
  deadline?: Date | undefined;
};

type SendingClient = { send: (...args: never[]) => Promise<unknown> };

/** The client bound to the options' deadline, when there is one (lib/aws/time-budget.ts). */
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
