import { fileURLToPath } from 'node:url';
import { Aws, CfnOutput, Duration, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import type { DistributedMap, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { TOOL } from '../lib/version.js';
import { AlertTopic } from './alert-topic.js';
import { HANDLER_BUNDLE_DIR } from './bundle.js';
import type { FanOutFunction } from './fanout-function.js';
import { fanOutFunctions } from './fanout-functions.js';
import type { FanOutParameters } from './fanout-parameters.js';
import { fanOutStateMachine } from './fanout-state-machine.js';
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

/** ResultWriterV2 (the results' location and format in one field) is behind this feature flag. */
const RESULT_WRITER_V2_FLAG = '@aws-cdk/aws-stepfunctions:useDistributedMapResultWriterV2';

export interface FanOutStackProps extends StackProps {
  /** The main stack's parameters: schedule, report prefix and retention, alerting, analysis settings. */
  params: DeployParameters;
  fanOut: FanOutParameters;
  handlerBundleDir?: string;
  fanOutBundleDir?: string;
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
    const functions = fanOutFunctions(this, {
      params,
      fanOut,
      targets: {
        partition: Aws.PARTITION,
        region: Aws.REGION,
        account: Aws.ACCOUNT_ID,
        bucketArn: bucket.bucketArn,
        prefix: params.reportPrefix,
        topicArn: topic.topicArn,
        topicKeyArn: this.alerts.key.keyArn,
      },
      bucketName: bucket.bucketName,
      topicArn: topic.topicArn,
      handlerBundleDir: props.handlerBundleDir ?? HANDLER_BUNDLE_DIR,
      fanOutBundleDir: props.fanOutBundleDir ?? FANOUT_BUNDLE_DIR,
    });
    this.plan = functions.plan;
    this.target = functions.target;
    this.rollup = functions.rollup;
    const { map, stateMachine } = fanOutStateMachine(this, {
      plan: this.plan.function,
      target: this.target.function,
      rollup: this.rollup.function,
      bucket,
      reportPrefix: params.reportPrefix,
      maxConcurrency: fanOut.maxConcurrency,
      logRetentionDays: params.logRetentionDays,
    });
    this.map = map;
    this.stateMachine = stateMachine;

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
