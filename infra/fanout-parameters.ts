import * as z from 'zod/mini';
import { ConfigError } from '../lib/errors.js';
import { describeIssues } from '../lib/model/validation.js';
import {
  AccountIdSchema,
  AccountListSchema,
  type RegionSelection,
  RegionSelectionSchema,
  RoleNameSchema,
} from '../lib/settings/fanout.js';
import { BooleanTextSchema } from '../lib/settings/values.js';
import { wholeNumber } from './context-values.js';

/**
 * The fan-out's deploy parameters, from CDK context. Its keys are namespaced `fanout:` (`-c fanout:enabled=true`):
 * the main stack's parameters (infra/parameters.ts) refuse any other camelCase key as a typo, and keys with a
 * colon are left to their owners, as CDK's own are.
 */

export const FANOUT_CONTEXT_PREFIX = 'fanout:';

/** The member-account role's default name: the member-role stack creates it, the fan-out assumes it. */
export const DEFAULT_MEMBER_ROLE_NAME = 'LambdaVpcAuditMember';
/** Targets audited at the same time: each is one audit function invocation; Lambda's default account concurrency is 1,000. */
export const DEFAULT_MAX_CONCURRENCY = 10;

export interface FanOutParameters {
  maxConcurrency: number;
  /** `organization`: every active account (Organizations ListAccounts); `self`: the auditor account only. */
  accounts: { kind: 'organization' } | { kind: 'self' } | { kind: 'listed'; accounts: string[] };
  /** Absent: the stack's own region. */
  regions?: RegionSelection;
  memberRoleName: string;
  /** EventBridge expression of the fan-out's own schedule; absent: the main stack's. */
  schedule?: string;
  /** The member-role stack: which account it trusts, and which principals of it (ARN patterns). */
  auditorAccount?: string;
  trustedPrincipals?: string[];
}

const AccountsSchema = z.union([z.enum(['organization', 'self']), AccountListSchema], {
  error: 'must be "organization", "self" or a list of account ids',
});

const FanOutContextSchema = z.strictObject(
  {
    enabled: z.optional(BooleanTextSchema),
    maxConcurrency: z.optional(wholeNumber(1, 1000)),
    accounts: z.optional(AccountsSchema),
    regions: z.optional(RegionSelectionSchema),
    memberRoleName: z.optional(RoleNameSchema),
    schedule: z.optional(
      z.string().check(z.regex(/^(cron|rate)\(.+\)$/, { error: 'must be cron(...) or rate(...)' })),
    ),
    auditorAccount: z.optional(AccountIdSchema),
    trustedPrincipals: z.optional(
      z.pipe(
        z.union([z.string(), z.array(z.string())]),
        z.transform((value: string | string[]) =>
          (typeof value === 'string' ? value.split(',') : value).map((s) => s.trim()).filter((s) => s !== ''),
        ),
      ),
    ),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown fan-out key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => `"${FANOUT_CONTEXT_PREFIX}${key}"`).join(', ')}`
        : 'the fan-out context must be an object',
  },
);

function fanOutContext(context: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(context)
      .filter(([key]) => key.startsWith(FANOUT_CONTEXT_PREFIX))
      .map(([key, value]) => [key.slice(FANOUT_CONTEXT_PREFIX.length), value]),
  );
}

/** `-c fanout:enabled=true`: the fan-out and member-role stacks are opt-in. */
export function fanOutEnabled(context: Readonly<Record<string, unknown>>): boolean {
  const parsed = z.safeParse(BooleanTextSchema, context[`${FANOUT_CONTEXT_PREFIX}enabled`] ?? false);
  return parsed.success && parsed.data;
}

export function parseFanOutParameters(context: Readonly<Record<string, unknown>>): FanOutParameters {
  const parsed = z.safeParse(FanOutContextSchema, fanOutContext(context));
  if (!parsed.success) {
    throw new ConfigError(
      `Invalid fan-out parameters (-c ${FANOUT_CONTEXT_PREFIX}<key>=<value>):\n${describeIssues(parsed.error, `  ${FANOUT_CONTEXT_PREFIX}`)}`,
    );
  }
  const input = parsed.data;
  const accounts = input.accounts ?? 'organization';
  return {
    maxConcurrency: input.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
    accounts: typeof accounts === 'string' ? { kind: accounts } : { kind: 'listed', accounts },
    ...(input.regions === undefined ? {} : { regions: input.regions }),
    memberRoleName: input.memberRoleName ?? DEFAULT_MEMBER_ROLE_NAME,
    ...(input.schedule === undefined ? {} : { schedule: input.schedule }),
    ...(input.auditorAccount === undefined ? {} : { auditorAccount: input.auditorAccount }),
    ...(input.trustedPrincipals === undefined ? {} : { trustedPrincipals: input.trustedPrincipals }),
  };
}
