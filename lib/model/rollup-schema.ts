import * as z from 'zod/mini';
import { SEVERITIES } from './finding.js';
import type { TargetOutcome, UnauditedTarget } from './rollup.js';

/**
 * A target's outcome as it comes back through Step Functions (the audit function's answer, written to S3 by
 * the Distributed Map): checked before the roll-up counts it, since a malformed answer counted as zero
 * failures would be a false all-clear.
 */

const count = z.number().check(z.int(), z.nonnegative());
const text = z.string();

const FindingSchema = z.object({
  accountId: text,
  region: text,
  key: text,
  ruleId: text,
  title: text,
  severity: z.enum(SEVERITIES),
  resourceId: text,
  functionName: z.optional(text),
  message: text,
});

const ErrorSchema = z.object({ code: text, message: text });

const AuditedSchema = z.object({
  status: z.literal('audited'),
  accountId: text,
  accountName: z.optional(text),
  region: text,
  runId: text,
  counts: z.object({
    bySeverity: z.object({ critical: count, high: count, medium: count, low: count, info: count }),
    failed: count,
    unknown: count,
    coverageGaps: count,
    vpcFunctions: count,
  }),
  incomplete: z.optional(text),
  location: z.optional(text),
  worst: z.array(FindingSchema),
  alertReasons: z.optional(z.array(text)),
});

export const UnauditedTargetSchema: z.ZodMiniType<UnauditedTarget> = z.object({
  status: z.enum(['failed', 'not-assumable']),
  accountId: text,
  accountName: z.optional(text),
  region: z.optional(text),
  error: ErrorSchema,
});

export const TargetOutcomeSchema: z.ZodMiniType<TargetOutcome> = z.union([
  AuditedSchema,
  UnauditedTargetSchema,
]);
