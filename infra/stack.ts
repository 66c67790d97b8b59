import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { TOOL } from '../lib/version.js';
import { AuditAlarms } from './alarms.js';
import { AlertTopic } from './alert-topic.js';
import { AuditFunction } from './audit-function.js';
import type { DeployParameters } from './parameters.js';
import { ReportBucket } from './report-bucket.js';

export interface AuditorStackProps extends StackProps {
  params: DeployParameters;
  /** The Lambda bundle directory; defaults to dist/handler. */
  bundleDir?: string;
}

/** Everything one region needs: the function and its schedule, the report bucket, the alert topic, the alarms. */
export class AuditorStack extends Stack {
  readonly params: DeployParameters;
  readonly reports: ReportBucket;
  readonly alerts: AlertTopic;
  readonly audit: AuditFunction;
  readonly alarms: AuditAlarms;

  constructor(scope: Construct, id: string, props: AuditorStackProps) {
    super(scope, id, {
      description: `${TOOL.name} ${TOOL.version}: scheduled audit of VPC-enabled Lambda functions`,
      ...props,
    });
    this.params = props.params;
    const alarmNamePrefix = `${this.stackName}-`;

    this.reports = new ReportBucket(this, 'ReportBucket', { retentionDays: props.params.retentionDays });
    this.alerts = new AlertTopic(this, 'Alerts', {
      emails: props.params.emails,
      alarmNamePrefix,
      ...(props.params.chatbot ? { chatbot: props.params.chatbot } : {}),
    });
    this.audit = new AuditFunction(this, 'Audit', {
      params: props.params,
      bucketName: this.reports.bucket.bucketName,
      bucketArn: this.reports.bucket.bucketArn,
      topicArn: this.alerts.topic.topicArn,
      topicKeyArn: this.alerts.key.keyArn,
      ...(props.bundleDir === undefined ? {} : { bundleDir: props.bundleDir }),
    });
    this.alarms = new AuditAlarms(this, 'Alarms', {
      fn: this.audit.function,
      deadLetterQueue: this.audit.deadLetterQueue,
      topic: this.alerts.topic,
      namePrefix: alarmNamePrefix,
    });
    Tags.of(this).add('app', TOOL.name);

    new CfnOutput(this, 'FunctionName', { value: this.audit.function.functionName });
    new CfnOutput(this, 'ReportBucketName', { value: this.reports.bucket.bucketName });
    if (props.params.reportPrefix !== '')
      new CfnOutput(this, 'ReportPrefix', { value: props.params.reportPrefix });
    new CfnOutput(this, 'AlertTopicArn', { value: this.alerts.topic.topicArn });
    new CfnOutput(this, 'FailedRunsQueueUrl', { value: this.audit.deadLetterQueue.queueUrl });
  }
}
