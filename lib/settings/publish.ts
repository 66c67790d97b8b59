import * as z from 'zod/mini';
import type { AlertMode, AlertPolicy, WebhookSource } from '../publish/config.js';
import { withDefault } from './values.js';

/**
 * Where and how a run is published (lib/publish/config.ts holds the types): validation and defaults shared by
 * the CLI's `--publish` flags, the Lambda environment and the CDK context. Values arrive as strings.
 */

/** S3 bucket naming rules: 3-63 characters, lowercase letters, digits, dots and hyphens, not an IP address. */
export const BucketSchema = z
  .string()
  .check(
    z.refine(
      (value) =>
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(value) &&
        !value.includes('..') &&
        !/^\d+\.\d+\.\d+\.\d+$/.test(value),
      { error: (issue) => `"${String(issue.input)}" is not an S3 bucket name` },
    ),
  );

/**
 * Key prefix: S3's safe characters but `*` (the deployed role's grants end in `<prefix>/*`, where a `*` in the
 * prefix would be an IAM wildcard reaching other prefixes); leading and trailing slashes dropped; no empty, `.`
 * or `..` segment.
 */
export const PrefixSchema = z.pipe(
  z.string(),
  z.transform((value, ctx) => {
    const trimmed = value.replace(/^\/+|\/+$/g, '');
    const segments = trimmed === '' ? [] : trimmed.split('/');
    if (
      !/^[A-Za-z0-9!_.'()/-]*$/.test(trimmed) ||
      segments.some((s) => s === '' || s === '.' || s === '..') ||
      trimmed.length > 200
    ) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `"${value}" is not a usable key prefix (letters, digits, / and !_.'()- only, up to 200 characters, no empty or . or .. segment)`,
      });
      return z.NEVER;
    }
    return trimmed;
  }),
);

export const DEFAULT_PREFIX = 'lambda-vpc-audit';

export const PREFIX_HELP = withDefault('key prefix in the bucket', DEFAULT_PREFIX);

/** A standard SNS topic ARN; FIFO topics need a message group id per publish, which an alert has no use for. */
export const TopicArnSchema = z.string().check(
  z.refine((value) => /^arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/.test(value), {
    error: (issue) =>
      String(issue.input).endsWith('.fifo')
        ? `"${String(issue.input)}" is a FIFO topic; use a standard topic for alerts`
        : `"${String(issue.input)}" is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)`,
  }),
);

/** A KMS key id, key ARN, alias name or alias ARN, for SSE-KMS on the report objects. */
export const KmsKeySchema = z
  .string()
  .check(
    z.refine(
      (value) =>
        /^(arn:aws(-cn|-us-gov)?:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+|alias\/[A-Za-z0-9/_-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/.test(
          value,
        ),
      { error: (issue) => `"${String(issue.input)}" is not a KMS key id, key ARN or alias` },
    ),
  );

export const AlertModeSchema = z.enum(['changes', 'always'] as const satisfies readonly AlertMode[], {
  error: (issue) => `"${String(issue.input)}" is not an alert mode (changes or always)`,
});

export const DEFAULT_ALERT_POLICY: AlertPolicy = { threshold: 'medium', mode: 'changes' };

export const ALERT_THRESHOLD_HELP = withDefault(
  'alert on new findings at or above this',
  DEFAULT_ALERT_POLICY.threshold,
);

/**
 * `ssm:/path/name` or an SSM parameter ARN or a name starting with `/` (a SecureString), or
 * `secretsmanager:<name or ARN>` or a Secrets Manager secret ARN.
 */
export const WebhookSourceSchema = z.pipe(
  z.string(),
  z.transform((value, ctx): WebhookSource => {
    if (/^arn:aws(-cn|-us-gov)?:secretsmanager:/.test(value)) return { kind: 'secretsmanager', id: value };
    if (value.startsWith('secretsmanager:') && value.length > 'secretsmanager:'.length)
      return { kind: 'secretsmanager', id: value.slice('secretsmanager:'.length) };
    if (/^arn:aws(-cn|-us-gov)?:ssm:[a-z0-9-]+:\d{12}:parameter\/.+/.test(value) || /^\/[^\s]+$/.test(value))
      return { kind: 'ssm', name: value };
    if (value.startsWith('ssm:') && value.length > 'ssm:'.length)
      return { kind: 'ssm', name: value.slice(4) };
    ctx.issues.push({
      code: 'custom',
      input: value,
      message:
        'must name where the webhook URL is kept: an SSM SecureString (ssm:/name, /name or its ARN) or a ' +
        'Secrets Manager secret (secretsmanager:<name> or its ARN); never the URL itself',
    });
    return z.NEVER;
  }),
);
