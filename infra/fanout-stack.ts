import { fileURLToPath } from 'node:url';
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  DistributedMap,
  Errors,
  JitterType,
  JsonPath,
  LogLevel,
  Pass,
  ResultWriterV2,
  type ResultWriterV2Props,
  type RetryProps,
  type S3FileItemReaderProps,
  S3JsonItemReader,
  StateMachine,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { fanOutRunKeys, mapResultsPrefix } from '../lib/publish/rollup-keys.js';
import { TOOL } from '../lib/version.js';
import { AlertTopic } from './alert-topic.js';
import { HANDLER, HANDLER_BUNDLE_DIR } from './bundle.js';
import { functionEnvironment, METRICS_NAMESPACE, SERVICE_NAME } from './environment.js';
import { FanOutFunction, fanOutRoleName } from './fanout-function.js';
import type { FanOutParameters } from './fanout-parameters.js';
import {
  type FanOutTargets,
  planPermissions,
  rollupPermissions,
  targetPermissions,
} from './fanout-permissions.js';
import type { DeployParameters } from './parameters.js';
import { ReportBucket } from './report-bucket.js';

/**
 * The organization-wide fan-out (opt-in, `-c fanout:enabled=true`): a Step Functions state machine that plans
 * the account × region targets, audits each with one invocation of a target-audit function through a
 * Distributed Map (bounded concurrency, retries with backoff on Lambda throttling and service errors, a
 * failed target caught as a line of the roll-up), then rolls up: the roll-up report to S3 and ONE alert.
 * Self-contained (its own report bucket and alert topic, built with the main stack's constructs and
 * parameters): no cross-stack reference ties the two stacks' deployments together.
 */

/** `dist/fanout`: the planning and roll-up handlers (scripts/build.ts). */
export const FANOUT_BUNDLE_DIR = fileURLToPath(new URL('../dist/fanout/', import.meta.url));

/** Its own metrics service: the main stack's alarms watch `service = lambda-vpc-auditor` alone. */
export const FANOUT_SERVICE_NAME = `${SERVICE_NAME}-fanout`;

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

/** ResultWriterV2 (the results' location and format in one field) is behind this feature flag. */
const RESULT_WRITER_V2_FLAG = '@aws-cdk/aws-stepfunctions:useDistributedMapResultWriterV2';

/**
 * The Distributed Map's item reader, granting the state machine GetObject on the runs' targets objects only
 * (`<prefix>/rollup/runs/<run-id>/targets.json`): CDK's own grant is every object of the bucket, since the key
 * is a JSONPath. Step Functions' guidance: scope the policy to the keys the path resolves to at run time.
 */
class TargetsItemReader extends S3JsonItemReader {
  private readonly objects: string;

  constructor(props: S3FileItemReaderProps & { objects: string }) {
    const { objects, ...reader } = props;
    super(reader);
    this.objects = objects;
  }

  override providePolicyStatements(): PolicyStatement[] {
    return [new PolicyStatement({ actions: ['s3:GetObject'], resources: [this.objects] })];
  }
}

/**
 * The Distributed Map's result writer, granting the state machine CDK's actions (PutObject, GetObject and the
 * multipart ones) under its results prefix only (`<prefix>/rollup/map-results/*`), not on every object of the
 * bucket: the per-target reports and baselines beside them stay out of the state machine's reach.
 */
class MapResultsWriter extends ResultWriterV2 {
  private readonly objects: string;

  constructor(props: ResultWriterV2Props & { objects: string }) {
    const { objects, ...writer } = props;
    super(writer);
    this.objects = objects;
  }

  override providePolicyStatements(): PolicyStatement[] {
    return [
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'],
        resources: [this.objects],
      }),
    ];
  }
}

export interface FanOutStackProps extends StackProps {
  /** The main stack's parameters: schedule, report prefix and retention, alerting, analysis settings. */
  params: DeployParameters;
  fanOut: FanOutParameters;
  handlerBundleDir?: string;
  fanOutBundleDir?: string;
}

const POWERTOOLS = {
  POWERTOOLS_SERVICE_NAME: FANOUT_SERVICE_NAME,
  POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
  POWERTOOLS_LOG_LEVEL: 'INFO',
  NODE_OPTIONS: '--enable-source-maps',
};

/** The variables the target function reads: the audit function's, without what only the roll-up does (alerting). */
function targetEnvironment(params: DeployParameters, bucketName: string): Record<string, string> {
  const environment = functionEnvironment(params, { bucketName, topicArn: '' });
  const rollupOnly = ['TOPIC_ARN', 'SLACK_WEBHOOK_PARAMETER', 'ENI_CLEANUP', 'ENI_CLEANUP_MIN_AGE_HOURS'];
  const kept = Object.entries(environment).filter(([name]) => !rollupOnly.includes(name));
  return { ...Object.fromEntries(kept), SECURITY_HUB_EXPORT: 'false', ...POWERTOOLS };
}

export class FanOutStack extends Stack {
  readonly reports: ReportBucket;
  readonly alerts: AlertTopic;
  readonly plan: FanOutFunction;
  readonly target: FanOutFunction;
  readonly rollup: FanOutFunction;
  readonly map: DistributedMap;
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: FanOutStackProps) {
    super(scope, id, {
      description: `${TOOL.name} ${TOOL.version}: audits every account and region through Step Functions`,
      ...props,
    });
    this.node.setContext(RESULT_WRITER_V2_FLAG, true);
    const { params, fanOut } = props;
    const alarmNamePrefix = `${this.stackName}-`;
    this.reports = new ReportBucket(this, 'ReportBucket', { retentionDays: params.retentionDays });
    this.alerts = new AlertTopic(this, 'Alerts', {
      emails: params.emails,
      alarmNamePrefix,
      ...(params.chatbot ? { chatbot: params.chatbot } : {}),
    });
    const bucket = this.reports.bucket;
    const topic = this.alerts.topic;
    const targets: FanOutTargets = {
      partition: Aws.PARTITION,
      region: Aws.REGION,
      account: Aws.ACCOUNT_ID,
      bucketArn: bucket.bucketArn,
      prefix: params.reportPrefix,
      topicArn: topic.topicArn,
      topicKeyArn: this.alerts.key.keyArn,
    };
    const tracing = { POWERTOOLS_TRACE_ENABLED: String(params.tracing) };
    const store = { REPORT_BUCKET: bucket.bucketName, REPORT_PREFIX: params.reportPrefix };
    const fanOutBundle = props.fanOutBundleDir ?? FANOUT_BUNDLE_DIR;
    const common = { logRetentionDays: params.logRetentionDays, tracing: params.tracing };

    this.plan = new FanOutFunction(this, 'Plan', {
      ...common,
      roleName: fanOutRoleName('plan'),
      description: `${TOOL.name}: lists the accounts and regions to audit`,
      bundleDir: fanOutBundle,
      handler: 'index.planHandler',
      memoryMb: 512,
      timeout: Duration.minutes(10),
      environment: {
        ...store,
        ...(fanOut.accounts.kind === 'self' ? {} : { MEMBER_ROLE_NAME: fanOut.memberRoleName }),
        ...(fanOut.accounts.kind === 'listed' ? { ACCOUNTS: fanOut.accounts.accounts.join(',') } : {}),
        ...(fanOut.regions === undefined
          ? {}
          : { REGIONS: fanOut.regions.kind === 'all' ? 'all' : fanOut.regions.regions.join(',') }),
        ...POWERTOOLS,
        ...tracing,
      },
      permissions: (logGroup) => planPermissions(fanOut, targets, logGroup, params.tracing),
    });
    this.target = new FanOutFunction(this, 'Target', {
      ...common,
      roleName: fanOutRoleName('target'),
      description: `${TOOL.name}: audits one account and region of the fan-out`,
      bundleDir: props.handlerBundleDir ?? HANDLER_BUNDLE_DIR,
      handler: HANDLER,
      memoryMb: params.memoryMb,
      timeout: Duration.minutes(params.timeoutMinutes),
      // As many as the map runs at once, reserved: the map never waits on other functions, nor they on it.
      reservedConcurrency: fanOut.maxConcurrency,
      environment: targetEnvironment(params, bucket.bucketName),
      permissions: (logGroup) => targetPermissions(fanOut, targets, logGroup, params.tracing),
    });
    this.rollup = new FanOutFunction(this, 'Rollup', {
      ...common,
      roleName: fanOutRoleName('rollup'),
      description: `${TOOL.name}: rolls the targets up and sends the one alert`,
      bundleDir: fanOutBundle,
      handler: 'index.rollupHandler',
      memoryMb: 1024,
      timeout: Duration.minutes(5),
      environment: {
        ...store,
        TOPIC_ARN: topic.topicArn,
        ALERT_THRESHOLD: params.alertThreshold,
        ALERT_MODE: params.alertMode,
        ...POWERTOOLS,
        ...tracing,
      },
      permissions: (logGroup) => rollupPermissions(targets, logGroup, params.tracing),
    });

    const planTask = new LambdaInvoke(this, 'PlanTargets', {
      lambdaFunction: this.plan.function,
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

    const auditTarget = new LambdaInvoke(this, 'AuditTarget', {
      lambdaFunction: this.target.function,
      payload: TaskInput.fromJsonPathAt('$'),
      outputPath: '$.Payload',
      retryOnServiceExceptions: false,
    })
      .addRetry(LAMBDA_RETRY)
      // Anything else (the function failed or timed out): the item ends with the error, a failed line of the roll-up.
      .addCatch(new Pass(this, 'TargetNotAudited'), { errors: [Errors.ALL], resultPath: '$.error' });

    const resultsPrefix = mapResultsPrefix({ prefix: params.reportPrefix });
    this.map = new DistributedMap(this, 'AuditTargets', {
      label: 'AuditTargets',
      maxConcurrency: fanOut.maxConcurrency,
      itemReader: new TargetsItemReader({
        bucket,
        key: JsonPath.stringAt('$.plan.targetsKey'),
        objects: bucket.arnForObjects(fanOutRunKeys({ prefix: params.reportPrefix }, '*').targets),
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
    this.map.itemProcessor(auditTarget);

    const rollupTask = new LambdaInvoke(this, 'RollUp', {
      lambdaFunction: this.rollup.function,
      payload: TaskInput.fromObject({
        runId: JsonPath.stringAt('$.plan.runId'),
        planKey: JsonPath.stringAt('$.plan.planKey'),
        resultWriterDetails: JsonPath.objectAt('$.results.ResultWriterDetails'),
      }),
      outputPath: '$.Payload',
      retryOnServiceExceptions: false,
    }).addRetry(LAMBDA_RETRY);

    const logGroup = new LogGroup(this, 'StateMachineLogs', {
      retention: params.logRetentionDays as RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      comment: `${TOOL.name}: audits every account and region, then rolls up`,
      definitionBody: DefinitionBody.fromChainable(planTask.next(this.map).next(rollupTask)),
      // A target audit takes at most the function's timeout; hundreds of targets at bounded concurrency take hours.
      timeout: Duration.hours(24),
      tracingEnabled: true,
      // Every event, without the data: the reports themselves are in S3.
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
    });

    new Alarm(this, 'FailedRuns', {
      alarmName: `${alarmNamePrefix}fanout-failed`,
      alarmDescription: 'A fan-out run failed (planning, the map or the roll-up): no roll-up for that run.',
      metric: this.stateMachine.metricFailed({ period: Duration.hours(1), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(topic));

    new Rule(this, 'Nightly', {
      description: `Runs the ${TOOL.name} fan-out on its schedule`,
      schedule: Schedule.expression(fanOut.schedule ?? params.schedule),
      targets: [new SfnStateMachine(this.stateMachine, { input: RuleTargetInput.fromObject({}) })],
    });
    Tags.of(this).add('app', TOOL.name);
    new CfnOutput(this, 'StateMachineArn', { value: this.stateMachine.stateMachineArn });
    new CfnOutput(this, 'ReportBucketName', { value: bucket.bucketName });
    new CfnOutput(this, 'AlertTopicArn', { value: topic.topicArn });
  }
}
