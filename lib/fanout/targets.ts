import type { Credentials } from '../aws/clients.js';

/** What a multi-target audit covers: which accounts, which regions, and how it gets into each account. */

export type AccountSelection =
  /** The account of the credentials in use (`--regions` alone). */
  | { kind: 'caller' }
  /** Every active account of the organization (Organizations ListAccounts), or only those listed in `only`. */
  | { kind: 'organization'; roleName: string; only?: readonly string[] }
  /** These accounts, without asking Organizations (the fan-out stack's static list). */
  | { kind: 'listed'; roleName: string; accounts: readonly string[] };

export type RegionSelection =
  | { kind: 'list'; regions: readonly string[] }
  /** Each account's enabled regions (EC2 DescribeRegions, with that account's credentials). */
  | { kind: 'all' };

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
