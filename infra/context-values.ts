import * as z from 'zod/mini';

/** Value schemas of the CDK context parameters (infra/parameters.ts, infra/fanout-parameters.ts). */

/** The values CloudWatch Logs accepts for a retention period, in days. */
const LOG_RETENTION_VALUES = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export function wholeNumber(min: number, max: number) {
  return z.pipe(
    z.union([z.number(), z.string()]),
    z.transform((value, ctx) => {
      const n = typeof value === 'number' ? value : Number(value.trim() === '' ? Number.NaN : value);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.issues.push({
          code: 'custom',
          input: value,
          message: `must be a whole number from ${min} to ${max}, got "${String(value)}"`,
        });
        return z.NEVER;
      }
      return n;
    }),
  );
}

/** A list from cdk.json, or comma-separated from `-c key=a,b`. */
export function listOf(item: z.ZodMiniType<string, string>) {
  return z.pipe(
    z.union([z.array(z.string()), z.string()], {
      error: 'must be a list of strings or a comma-separated string',
    }),
    z.pipe(
      z.transform((value: string | string[]) =>
        (typeof value === 'string' ? value.split(',') : value).map((s) => s.trim()).filter((s) => s !== ''),
      ),
      z.array(item),
    ),
  );
}

/**
 * EventBridge rule expressions: `cron(min hour day-of-month month day-of-week year)` with `?` in exactly one of
 * the two day fields, or `rate(n unit)` no more often than hourly (a run takes up to the timeout, and reserved
 * concurrency 1 would only queue more frequent runs).
 */
export const ScheduleSchema = z.string().check(
  z.refine(
    (value) => {
      const cron = /^cron\(([^)]*)\)$/.exec(value);
      if (cron) {
        const fields = (cron[1] ?? '').trim().split(/\s+/);
        return (
          fields.length === 6 &&
          fields.every((field) => /^[0-9A-Za-z*?,/#-]+$/.test(field)) &&
          (fields[2] === '?') !== (fields[4] === '?')
        );
      }
      const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(value);
      if (!rate) return false;
      const amount = Number(rate[1]);
      const unit = rate[2] ?? '';
      const singular = !unit.endsWith('s');
      return amount >= 1 && singular === (amount === 1) && (unit.startsWith('minute') ? amount >= 60 : true);
    },
    {
      error: (issue) =>
        `"${String(issue.input)}" is not an EventBridge schedule: use cron(minute hour day-of-month month ` +
        'day-of-week year) with ? in exactly one day field, e.g. cron(0 3 * * ? *), or rate(n hours|days), at most hourly',
    },
  ),
);

export const EmailSchema = z.string().check(
  z.regex(/^[^@\s,]+@[^@\s,]+\.[^@\s,]+$/, {
    error: (issue) => `"${String(issue.input)}" is not an email address`,
  }),
);

export const VpcIdSchema = z.string().check(
  z.regex(/^vpc-[0-9a-f]{8,17}$/, {
    error: (issue) => `"${String(issue.input)}" is not a VPC id (vpc-...)`,
  }),
);

export const LogRetentionSchema = z.pipe(
  z.union([z.number(), z.string()]),
  z.transform((value, ctx) => {
    const n = Number(value);
    if (!(LOG_RETENTION_VALUES as readonly number[]).includes(n)) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `must be one of the retention periods CloudWatch Logs accepts (${LOG_RETENTION_VALUES.join(', ')}), got "${String(value)}"`,
      });
      return z.NEVER;
    }
    return n;
  }),
);

/** Chatbot's Slack ids: the workspace (team) id and the channel id, as CloudFormation accepts them. */
export const SlackIdSchema = z.string().check(
  z.regex(/^[0-9A-Za-z]{1,255}$/, {
    error: (issue) => `"${String(issue.input)}" is not a Slack id (letters and digits, like T07EA123LEP)`,
  }),
);
