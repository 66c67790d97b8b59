import * as z from 'zod/mini';
import { ConfigError } from '../errors.js';

/** Issues listed, and characters of each, before the rest is cut: a refusal quotes what was wrong, not all of it. */
const MAX_LISTED_ISSUES = 20;
const MAX_ISSUE_LENGTH = 300;

/** Every issue of a failed parse on one line each: `field: what is wrong`; a 5 MB value is not echoed back. */
export function describeIssues(error: z.core.$ZodError, prefix = ''): string {
  const lines = error.issues.slice(0, MAX_LISTED_ISSUES).map((issue) => {
    const path = issue.path.map(String).join('.');
    const line = `${path ? `${path}: ` : ''}${issue.message}`;
    return `${prefix}${line.length > MAX_ISSUE_LENGTH ? `${line.slice(0, MAX_ISSUE_LENGTH - 1)}…` : line}`;
  });
  const more = error.issues.length - MAX_LISTED_ISSUES;
  return [...lines, ...(more > 0 ? [`${prefix}… and ${more} more`] : [])].join('\n');
}

/** Parses `input` with `schema` or throws a ConfigError that names each wrong field. */
export function parseOrThrow<T>(schema: z.ZodMiniType<T>, input: unknown, what: string): T {
  const result = z.safeParse(schema, input);
  if (!result.success) throw new ConfigError(`Invalid ${what}:\n${describeIssues(result.error, '  ')}`);
  return result.data;
}
