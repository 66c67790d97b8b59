import * as z from 'zod/mini';
import { numberIn } from './values.js';

/**
 * `plan`'s proposal flags: memory, concurrency, subnets and security groups, as Lambda accepts them
 * (CreateFunction: MemorySize 128-10,240 MB, https://docs.aws.amazon.com/lambda/latest/dg/API_CreateFunction.html;
 * VpcConfig: at most 16 subnets and 5 security groups, https://docs.aws.amazon.com/lambda/latest/dg/API_VpcConfig.html).
 */

export const MemoryMbSchema = numberIn('the memory (MB)', { min: 128, max: 10_240 }, { integer: true });

/** Lambda's account concurrency can be raised to tens of thousands; a million is a typo. */
export const ConcurrencySchema = numberIn('the concurrency', { min: 0, max: 1_000_000 }, { integer: true });

export const MAX_SUBNETS = 16;
export const MAX_SECURITY_GROUPS = 5;

function idList(what: string, prefix: string, max: number) {
  const pattern = new RegExp(`^${prefix}-[0-9a-f]{8,17}$`);
  return z.pipe(
    z.string(),
    z.transform((text, ctx) => {
      const ids = text
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== '');
      const wrong = ids.filter((id) => !pattern.test(id));
      if (ids.length === 0 || ids.length > max || wrong.length > 0) {
        ctx.issues.push({
          code: 'custom',
          input: text,
          message:
            wrong.length > 0
              ? `${wrong.map((id) => JSON.stringify(id)).join(', ')} ${wrong.length === 1 ? 'is' : 'are'} not ${what} id${wrong.length === 1 ? '' : 's'} (like ${prefix}-0123456789abcdef0)`
              : `give 1 to ${max} ${what} ids, comma-separated, got ${ids.length}`,
        });
        return z.NEVER;
      }
      return [...new Set(ids)];
    }),
  );
}

export const SubnetIdsSchema = idList('subnet', 'subnet', MAX_SUBNETS);
export const SecurityGroupIdsSchema = idList('security group', 'sg', MAX_SECURITY_GROUPS);

/** A Lambda function name: 1-64 letters, digits, hyphens, underscores. */
export const FunctionNameSchema = z.string().check(
  z.regex(/^[A-Za-z0-9_-]{1,64}$/, {
    error: (issue) => `"${String(issue.input)}" is not a function name (1-64 letters, digits, - and _)`,
  }),
);

/** `--parameter Key=Value`: a template parameter's value. */
export const TemplateParameterSchema = z.pipe(
  z.string(),
  z.transform((text, ctx) => {
    const at = text.indexOf('=');
    if (at <= 0) {
      ctx.issues.push({ code: 'custom', input: text, message: `"${text}" is not Key=Value` });
      return z.NEVER;
    }
    return [text.slice(0, at).trim(), text.slice(at + 1).trim()] as const;
  }),
);
