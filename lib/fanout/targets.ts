import type { Credentials } from '../aws/clients.js';

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
