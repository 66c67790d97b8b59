import { memberRoleArn } from '../aws/assume-role.js';
import type { Credentials } from '../aws/clients.js';
import { mapWithConcurrency } from '../aws/concurrency.js';
import { errorCodeOf } from '../aws/error-codes.js';
import type { DiscoveryDeps } from '../collect/discovery.js';
import type { OrganizationAccount } from '../collect/organizations.js';
import { CollectionError, errorMessage } from '../errors.js';
import type { UnauditedTarget } from '../model/rollup.js';
import type { AccountSelection, RegionSelection } from '../settings/fanout.js';
import { unauditedTarget } from './target-error.js';
import { accountRefOf, type ResolvedTarget } from './targets.js';

/**
 * Which account and region pairs a multi-target audit covers. An account whose role cannot be assumed, or
 * whose regions cannot be listed, becomes an unaudited line of the roll-up (a coverage gap), never a reason to
 * stop: only a run that cannot start at all (no credentials, no organization listing) fails.
 */

/** Getting into accounts: all a single fan-out target needs (STS only). */
export interface TargetPlan {
  targets: ResolvedTarget[];
  /** Accounts that cannot be audited at all, one line each (no region). */
  unreachable: UnauditedTarget[];
}

/** Organizations' answers to a caller that is not the management account or a delegated administrator. */
const ORGANIZATION_REFUSALS = new Set(['AccessDeniedException', 'AWSOrganizationsNotInUseException']);

/** Accounts prepared at the same time: each is an AssumeRole and perhaps a DescribeRegions call. */
const ACCOUNT_CONCURRENCY = 8;

async function accountsOf(selection: AccountSelection, caller: string, deps: DiscoveryDeps) {
  if (selection.kind === 'caller') return { accounts: [{ id: caller }], missing: [] };
  if (selection.kind === 'listed') return { accounts: selection.accounts.map((id) => ({ id })), missing: [] };
  let accounts: OrganizationAccount[];
  try {
    accounts = await deps.listAccounts();
  } catch (error) {
    const code = errorCodeOf(error);
    // Where to run it from answers a refusal, not a time limit or an outage.
    const hint = ORGANIZATION_REFUSALS.has(code)
      ? ' Run it from the management account or an account it delegated Organizations read access to.'
      : '';
    throw new CollectionError(
      `Cannot list the organization's accounts (organizations:ListAccounts): ${code}: ${errorMessage(error).replace(/\.$/, '')}.${hint}`,
      { cause: error },
    );
  }
  if (selection.only === undefined) return { accounts, missing: [] };
  const wanted = new Set(selection.only);
  const active = new Set(accounts.map((account) => account.id));
  return {
    accounts: accounts.filter((account) => wanted.has(account.id)),
    missing: selection.only.filter((id) => !active.has(id)),
  };
}

type AccountPlan = { targets: ResolvedTarget[] } | { unreachable: UnauditedTarget };

async function planAccount(
  account: OrganizationAccount,
  caller: string,
  selection: AccountSelection,
  regions: RegionSelection,
  deps: DiscoveryDeps,
): Promise<AccountPlan> {
  const ref = accountRefOf({ accountId: account.id, accountName: account.name });
  let access: { roleArn?: string; credentials?: Credentials } = {};
  // The credentials in use already belong to their own account (often the management account, where
  // StackSets never deploy the member role): they are used as they are, not swapped for a role.
  if (selection.kind !== 'caller' && account.id !== caller) {
    const roleArn = memberRoleArn(deps.partition, account.id, selection.roleName);
    try {
      access = { roleArn, credentials: await deps.assumeRole(roleArn) };
    } catch (error) {
      return { unreachable: unauditedTarget(ref, 'not-assumable', error) };
    }
  }
  let names: readonly string[];
  try {
    names = regions.kind === 'list' ? regions.regions : await deps.enabledRegions(access.credentials);
  } catch (error) {
    return { unreachable: unauditedTarget(ref, 'failed', error) };
  }
  return { targets: names.map((region) => ({ ...ref, region, ...access })) };
}

export async function planTargets(
  accounts: AccountSelection,
  regions: RegionSelection,
  deps: DiscoveryDeps,
): Promise<TargetPlan> {
  const caller = await deps.callerAccount();
  const { accounts: selected, missing } = await accountsOf(accounts, caller, deps);
  const plans = await mapWithConcurrency(selected, ACCOUNT_CONCURRENCY, (account) =>
    planAccount(account, caller, accounts, regions, deps),
  );
  const unreachable: UnauditedTarget[] = missing.map((accountId) => ({
    accountId,
    status: 'failed',
    error: { code: 'NotInOrganization', message: 'Not an active account of the organization.' },
  }));
  const targets: ResolvedTarget[] = [];
  for (const plan of plans) {
    if ('unreachable' in plan) unreachable.push(plan.unreachable);
    else targets.push(...plan.targets);
  }
  return { targets, unreachable };
}
