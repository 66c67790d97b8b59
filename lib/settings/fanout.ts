import * as z from 'zod/mini';
import { RegionSchema } from './collection.js';

/**
 * What a multi-target audit covers: which accounts, which regions, and the role it assumes in each. Validation
 * shared by the CLI's flags, the handler's payloads and environment, and the fan-out stack's context.
 */

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

export const AccountIdSchema = z.string().check(
  z.regex(/^\d{12}$/, {
    error: (issue) => `"${String(issue.input)}" is not an AWS account id (12 digits)`,
  }),
);

/** An IAM role name, optionally with a path (`audit/lambda-vpc-audit`): IAM's characters, a name of 1-64. */
export const RoleNameSchema = z.string().check(
  z.refine((value) => /^([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/.test(value) && value.length <= 512, {
    error: (issue) =>
      `"${String(issue.input)}" is not an IAM role name (letters, digits and +=,.@_-, up to 64)`,
  }),
);

/** `arn:<partition>:iam::<account>:role/<path/name>`. */
export const RoleArnSchema = z.string().check(
  z.refine(
    (value) => /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/.test(value),
    {
      error: (issue) =>
        `"${String(issue.input)}" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`,
    },
  ),
);

/** The account a role ARN belongs to. */
export function accountOfRoleArn(roleArn: string): string {
  return roleArn.split(':')[4] ?? '';
}

/** `all`, or region names: a comma-separated string (a flag, an environment variable) or a list. */
export const RegionSelectionSchema = z.pipe(
  z.union([z.string(), z.array(z.string())], { error: 'must be "all" or a list of region names' }),
  z.pipe(
    z.transform((value: string | string[]) =>
      (typeof value === 'string' ? value.split(',') : value).map((s) => s.trim()).filter((s) => s !== ''),
    ),
    z.pipe(
      z.array(z.string()).check(z.minLength(1, { error: 'must be "all" or name at least one region' })),
      z.transform((names, ctx): RegionSelection => {
        if (names.length === 1 && names[0] === 'all') return { kind: 'all' };
        const regions: string[] = [];
        for (const name of names) {
          const parsed = z.safeParse(RegionSchema, name);
          if (parsed.success) {
            if (!regions.includes(parsed.data)) regions.push(parsed.data);
          } else {
            ctx.issues.push({
              code: 'custom',
              input: name,
              message:
                name === 'all'
                  ? '"all" stands alone: it cannot be listed with region names'
                  : `"${name}" is not an AWS region name (like eu-west-1)`,
            });
          }
        }
        return { kind: 'list', regions };
      }),
    ),
  ),
);

/** Account ids: a comma-separated string or a list, each 12 digits, duplicates dropped. */
export const AccountListSchema = z.pipe(
  z.union([z.string(), z.array(z.string())], { error: 'must be a list of account ids' }),
  z.pipe(
    z.transform((value: string | string[]) => [
      ...new Set(
        (typeof value === 'string' ? value.split(',') : value).map((s) => s.trim()).filter((s) => s !== ''),
      ),
    ]),
    z.array(AccountIdSchema).check(z.minLength(1, { error: 'must name at least one account id' })),
  ),
);
