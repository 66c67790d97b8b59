import { Duration } from 'aws-cdk-lib';
import type { Function as LambdaFn } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import {
  DefinitionBody,
  DistributedMap,
  Errors,
  JitterType,
  JsonPath,
  LogLevel,
  Pass,
  type RetryProps,
  StateMachine,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { fanOutRunKeys, mapResultsPrefix } from '../lib/publish/rollup-keys.js';
import { TOOL } from '../lib/version.js';
import { stackLogGroup } from './bundled-function.js';
import { MapResultsWriter, TargetsItemReader } from './fanout-map-io.js';

/**
 * The fan-out's state machine: plan the targets, audit each through a Distributed Map (bounded concurrency,
 * retries with backoff on Lambda throttling and service errors, a failed target caught as a line of the
 * roll-up), then roll up.
 */

/** The Lambda errors worth retrying: throttling (the target function's reserved concurrency) and service faults. */
export const LAMBDA_RETRY: RetryProps = {
  errors: [
    'Lambda.TooManyRequestsException',
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.ClientExecutionTimeoutException',
  ],
  interval: Duration.seconds(5),
  maxAttempts: 6,
  backoffRate: 2,
  maxDelay: Duration.minutes(2),
  jitterStrategy: JitterType.FULL,
};

export interface FanOutStateMachineProps {
  plan: LambdaFn;
  target: LambdaFn;
  rollup: LambdaFn;
  bucket: IBucket;
  reportPrefix: string;
  maxConcurrency: number;
  logRetentionDays: number;
}

export function fanOutStateMachine(
  scope: Construct,
  props: FanOutStateMachineProps,
): { map: DistributedMap; stateMachine: StateMachine } {
  const { bucket, reportPrefix } = props;
  const planTask = new LambdaInvoke(scope, 'PlanTargets', {
    lambdaFunction: props.plan,
    payload: TaskInput.fromObject({
      executionName: JsonPath.stringAt('$$.Execution.Name'),
      startTime: JsonPath.stringAt('$$.Execution.StartTime'),
    }),
    resultSelector: {
      runId: JsonPath.stringAt('$.Payload.runId'),
      targetsKey: JsonPath.stringAt('$.Payload.targetsKey'),
      planKey: JsonPath.stringAt('$.Payload.planKey'),
    },
    resultPath: '$.plan',
    retryOnServiceExceptions: false,
  }).addRetry(LAMBDA_RETRY);

  const auditTarget = new LambdaInvoke(scope, 'AuditTarget', {
    lambdaFunction: props.target,
    payload: TaskInput.fromJsonPathAt('$'),
    outputPath: '$.Payload',
    retryOnServiceExceptions: false,
  })
    .addRetry(LAMBDA_RETRY)
    // Anything else (the function failed or timed out): the item ends with the error, a failed line of the roll-up.
    .addCatch(new Pass(scope, 'TargetNotAudited'), { errors: [Errors.ALL], resultPath: '$.error' });

  const resultsPrefix = mapResultsPrefix({ prefix: reportPrefix });
  const map = new DistributedMap(scope, 'AuditTargets', {
    label: 'AuditTargets',
    maxConcurrency: props.maxConcurrency,
    itemReader: new TargetsItemReader({
      bucket,
      key: JsonPath.stringAt('$.plan.targetsKey'),
      objects: bucket.arnForObjects(fanOutRunKeys({ prefix: reportPrefix }, '*').targets),
    }),
    resultWriterV2: new MapResultsWriter({
      bucket,
      prefix: resultsPrefix,
      objects: bucket.arnForObjects(`${resultsPrefix}/*`),
    }),
    // Every item is caught, so none fails the map; a map-level failure (S3 unreadable) still fails the run.
    toleratedFailurePercentage: 100,
    resultPath: '$.results',
  });
  map.itemProcessor(auditTarget);

  const rollupTask = new LambdaInvoke(scope, 'RollUp', {
    lambdaFunction: props.rollup,
    payload: TaskInput.fromObject({
      runId: JsonPath.stringAt('$.plan.runId'),
      planKey: JsonPath.stringAt('$.plan.planKey'),
      resultWriterDetails: JsonPath.objectAt('$.results.ResultWriterDetails'),
    }),
    outputPath: '$.Payload',
    retryOnServiceExceptions: false,
  }).addRetry(LAMBDA_RETRY);

  const stateMachine = new StateMachine(scope, 'StateMachine', {
    comment: `${TOOL.name}: audits every account and region, then rolls up`,
    definitionBody: DefinitionBody.fromChainable(planTask.next(map).next(rollupTask)),
    // A target audit takes at most the function's timeout; hundreds of targets at bounded concurrency take hours.
    timeout: Duration.hours(24),
    tracingEnabled: true,
    // Every event, without the data: the reports themselves are in S3.
    logs: {
      destination: stackLogGroup(scope, 'StateMachineLogs', props.logRetentionDays),
      level: LogLevel.ALL,
      includeExecutionData: false,
    },
  });
  return { map, stateMachine };
}
