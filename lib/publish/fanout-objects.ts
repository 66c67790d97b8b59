import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod/mini';
import { errorMessage, PublishError } from '../errors.js';
import type { MapResultEntry, PlannedTarget } from '../model/map-run.js';
import type { UnauditedTarget } from '../model/rollup.js';
import { UnauditedTargetSchema } from '../model/rollup-schema.js';
import { describeIssues } from '../model/validation.js';
import type { ReportStore } from './config.js';
import { describeError } from './describe-error.js';
import { fanOutRunKeys } from './rollup-keys.js';
import { put } from './s3.js';

/**
 * The Step Functions fan-out's working objects in the report bucket: the plan (written by the planning task,
 * read by the roll-up) and the Distributed Map's results (written by Step Functions' ResultWriter).
 */

/** One Map item: exactly the audit function's target payload. */
export interface TargetItem {
  target: PlannedTarget;
  runId: string;
}

export interface StoredPlan {
  runId: string;
  targets: PlannedTarget[];
  /** Accounts the plan could not reach (role not assumable, regions not listable): lines of the roll-up. */
  unreachable: UnauditedTarget[];
}

const JSON_TYPE = 'application/json; charset=utf-8';

const PlannedTargetSchema = z.object({
  accountId: z.string(),
  accountName: z.optional(z.string()),
  region: z.string(),
  roleArn: z.optional(z.string()),
});

const StoredPlanSchema = z.object({
  runId: z.string(),
  targets: z.array(PlannedTargetSchema),
  unreachable: z.array(UnauditedTargetSchema),
});

/** `manifest.json` of a map run's ResultWriter. */
const ManifestSchema = z.looseObject({
  DestinationBucket: z.optional(z.string()),
  ResultFiles: z.looseObject({
    FAILED: z.optional(z.array(z.looseObject({ Key: z.string() }))),
    PENDING: z.optional(z.array(z.looseObject({ Key: z.string() }))),
    SUCCEEDED: z.optional(z.array(z.looseObject({ Key: z.string() }))),
  }),
});

/** One child execution in a result file; Input and Output are JSON text. */
const ResultSchema = z.looseObject({
  Status: z.string(),
  Input: z.optional(z.string()),
  Output: z.optional(z.string()),
  Error: z.optional(z.string()),
  Cause: z.optional(z.string()),
});

async function readJson(s3: S3Client, bucket: string, key: string): Promise<unknown> {
  let body: string | undefined;
  try {
    const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    body = await response.Body?.transformToString('utf-8');
  } catch (error) {
    throw new PublishError(`Cannot read s3://${bucket}/${key}: ${describeError(error)}`, { cause: error });
  }
  try {
    return JSON.parse(body ?? '');
  } catch (error) {
    throw new PublishError(`s3://${bucket}/${key} is not JSON: ${errorMessage(error)}`, { cause: error });
  }
}

function parsed<T>(schema: z.ZodMiniType<T>, value: unknown, where: string): T {
  const result = z.safeParse(schema, value);
  if (!result.success)
    throw new PublishError(`${where} is not what was expected:\n${describeIssues(result.error, '  ')}`);
  return result.data;
}

function parseText(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Writes the Map's items (`targets.json`, a JSON array) and the plan; returns their keys. */
export async function storePlan(s3: S3Client, store: ReportStore, plan: StoredPlan) {
  const keys = fanOutRunKeys(store, plan.runId);
  const items: TargetItem[] = plan.targets.map((target) => ({ target, runId: plan.runId }));
  await Promise.all([
    put(s3, store, keys.targets, JSON.stringify(items), JSON_TYPE),
    put(s3, store, keys.plan, JSON.stringify(plan), JSON_TYPE),
  ]);
  return keys;
}

export async function readPlan(s3: S3Client, bucket: string, key: string): Promise<StoredPlan> {
  return parsed(StoredPlanSchema, await readJson(s3, bucket, key), `s3://${bucket}/${key}`);
}

/**
 * Every child execution a map run recorded: the manifest lists the result files by status, each file is a
 * JSON array of executions. PENDING files hold items that never ran (the map run stopped early).
 */
export async function readMapResults(s3: S3Client, details: { Bucket: string; Key: string }) {
  const where = `s3://${details.Bucket}/${details.Key}`;
  const manifest = parsed(ManifestSchema, await readJson(s3, details.Bucket, details.Key), where);
  const bucket = manifest.DestinationBucket ?? details.Bucket;
  const files = [
    ...(manifest.ResultFiles.SUCCEEDED ?? []),
    ...(manifest.ResultFiles.FAILED ?? []),
    ...(manifest.ResultFiles.PENDING ?? []),
  ];
  const entries: MapResultEntry[] = [];
  for (const file of files) {
    const results = parsed(
      z.array(ResultSchema),
      await readJson(s3, bucket, file.Key),
      `s3://${bucket}/${file.Key}`,
    );
    for (const result of results) {
      entries.push({
        status: result.Status,
        input: parseText(result.Input),
        output: parseText(result.Output),
        ...(result.Error === undefined ? {} : { error: result.Error }),
        ...(result.Cause === undefined ? {} : { cause: result.Cause }),
      });
    }
  }
  return entries;
}
