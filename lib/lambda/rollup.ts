import type { Logger } from '@aws-lambda-powertools/logger';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SNSClient } from '@aws-sdk/client-sns';
import * as z from 'zod/mini';
import { ConfigError } from '../errors.js';
import { outcomesFromMap } from '../fanout/map-outcomes.js';
import { rollUpAndPublish } from '../fanout/rollup.js';
import type { MapResultEntry } from '../model/map-run.js';
import type { RollupTotals } from '../model/rollup.js';
import { parseOrThrow } from '../model/validation.js';
import { readMapResults, readPlan } from '../publish/fanout-objects.js';
import type { RollupPublishOutcome } from '../publish/rollup.js';
import type { FanOutConfig } from './fanout-config.js';

/**
 * The fan-out's last task: reads the plan and every target's answer (the Distributed Map's results in S3, or
 * an inline list), builds the roll-up, stores it (`<prefix>/rollup/<yyyy>/<mm>/<dd>/<run-id>.{json,md}` and
 * `rollup/latest.json`) and sends the run's ONE alert.
 */

export interface RollupDeps {
  config: FanOutConfig;
  logger: Logger;
  s3: S3Client;
  sns: SNSClient;
  now: () => Date;
}

const RollupEventSchema = z.object({
  runId: z.string().check(z.minLength(1)),
  planKey: z.string().check(z.minLength(1)),
  /** The Distributed Map's output with a ResultWriter: where its manifest is. */
  resultWriterDetails: z.optional(z.object({ Bucket: z.string(), Key: z.string() })),
  /** Or the Map's outputs themselves (a small fan-out without a ResultWriter). */
  results: z.optional(z.array(z.unknown())),
});

export interface RollupResponse {
  ok: true;
  runId: string;
  totals: RollupTotals;
  publish: RollupPublishOutcome;
}

export function createRollupHandler(deps: RollupDeps) {
  return async function rollupHandler(event: unknown): Promise<RollupResponse> {
    const input = parseOrThrow(RollupEventSchema, event, 'roll-up input');
    deps.logger.setCorrelationId(input.runId);
    const { config } = deps;
    const plan = await readPlan(deps.s3, config.store.bucket, input.planKey);
    if (plan.runId !== input.runId) {
      throw new ConfigError(`The plan at ${input.planKey} is run ${plan.runId}, not ${input.runId}.`);
    }
    const entries: MapResultEntry[] = input.resultWriterDetails
      ? await readMapResults(deps.s3, input.resultWriterDetails)
      : (input.results ?? []).map((output) => ({ status: 'SUCCEEDED', output }));
    const outcomes = [...outcomesFromMap(plan.targets, entries), ...plan.unreachable];
    const { rollup, published: publish } = await rollUpAndPublish(outcomes, input.runId, deps.now(), {
      config: config.lambda.publish,
      clients: { s3: deps.s3, sns: deps.sns },
      region: config.lambda.region,
    });
    deps.logger.info('Roll-up published', {
      targets: rollup.totals.targets,
      audited: rollup.totals.audited,
      failed: rollup.totals.failed,
      notAssumable: rollup.totals.notAssumable,
      incomplete: rollup.totals.incomplete,
      failedChecks: rollup.totals.failedChecks,
      s3: publish.s3.status,
      sns: publish.sns.status,
    });
    if (publish.s3.status === 'failed' || publish.sns.status === 'failed') {
      deps.logger.error('Roll-up publishing failed', {
        s3: publish.s3.status === 'failed' ? publish.s3.error : undefined,
        sns: publish.sns.status === 'failed' ? publish.sns.error : undefined,
      });
    }
    return { ok: true, runId: input.runId, totals: rollup.totals, publish };
  };
}
