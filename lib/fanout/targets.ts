import type { Credentials } from '../aws/clients.js';
import type { TargetRef } from '../model/rollup.js';

/** One account and region to audit, and how to reach it. */
export interface ResolvedTarget {
  accountId: string;
  accountName?: string;
  region: string;
  /** The member role assumed for this account; absent: the credentials in use belong to this account. */
  roleArn?: string;
  /** The assumed role's credentials; absent: the credentials in use. Never serialised. */
  credentials?: Credentials;
}

/** The account a target's roll-up line names: its id, and its name when the organization gave one. */
export function accountRefOf(target: {
  accountId: string;
  accountName?: string | undefined;
}): Omit<TargetRef, 'region'> {
  return {
    accountId: target.accountId,
    ...(target.accountName === undefined ? {} : { accountName: target.accountName }),
  };
}
