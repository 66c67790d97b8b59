import * as z from 'zod/mini';
import { ConfigError } from '../errors.js';
import { describeIssues } from '../model/validation.js';
import type { ReportStore } from '../publish/config.js';
import {
  AccountListSchema,
  type AccountSelection,
  type RegionSelection,
  RegionSelectionSchema,
  RoleNameSchema,
} from '../settings/fanout.js';
import { type LambdaConfig, loadEnvConfig } from './env-config.js';

/**
 * The planning and roll-up functions of the Step Functions fan-out (infra/fanout-stack.ts): the audit
 * function's publishing variables (lib/lambda/env-config.ts) plus what to fan out over. Validated once at cold start.
 *   MEMBER_ROLE_NAME  the role to assume in each member account; without it only the function's own account
 *   ACCOUNTS          a fixed list of account ids; without it (and with a role) Organizations ListAccounts
 *   REGIONS           `all` (each account's enabled regions) or a list; default the function's own region
 */

export interface FanOutConfig {
  lambda: LambdaConfig;
  /** Where the plan, the map results and the roll-up go: the fan-out cannot run without a bucket. */
  store: ReportStore;
  accounts: AccountSelection;
  regions: RegionSelection;
}

const FanOutEnvSchema = z.object({
  MEMBER_ROLE_NAME: z.optional(RoleNameSchema),
  ACCOUNTS: z.optional(AccountListSchema),
  REGIONS: z.optional(RegionSelectionSchema),
});

function present(env: Readonly<Record<string, string | undefined>>) {
  const values: Record<string, string> = {};
  for (const name of ['MEMBER_ROLE_NAME', 'ACCOUNTS', 'REGIONS']) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== '') values[name] = value;
  }
  return values;
}

export function loadFanOutConfig(env: Readonly<Record<string, string | undefined>>): FanOutConfig {
  const lambda = loadEnvConfig(env);
  const parsed = z.safeParse(FanOutEnvSchema, present(env));
  const problems = parsed.success ? [] : [describeIssues(parsed.error, '  ')];
  const store = lambda.publish.store;
  if (store === undefined)
    problems.push('  REPORT_BUCKET: is not set: the fan-out keeps its plan and results there');
  if (parsed.success && parsed.data.ACCOUNTS !== undefined && parsed.data.MEMBER_ROLE_NAME === undefined) {
    problems.push('  ACCOUNTS: needs MEMBER_ROLE_NAME, the role to assume in them');
  }
  if (!parsed.success || store === undefined || problems.length > 0) {
    throw new ConfigError(`Invalid environment configuration:\n${problems.join('\n')}`);
  }
  const { MEMBER_ROLE_NAME: roleName, ACCOUNTS: accounts, REGIONS: regions } = parsed.data;
  return {
    lambda,
    store,
    accounts:
      roleName === undefined
        ? { kind: 'caller' }
        : accounts === undefined
          ? { kind: 'organization', roleName }
          : { kind: 'listed', roleName, accounts },
    regions: regions ?? { kind: 'list', regions: [lambda.region] },
  };
}
