import { Aws, Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { Function as LambdaFn } from 'aws-cdk-lib/aws-lambda';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TOOL } from '../lib/version.js';
import { HANDLER, HANDLER_BUNDLE_DIR } from './bundle.js';
import { bundledFunctionProps, executionRole, stackLogGroup } from './bundled-function.js';
import { functionEnvironment } from './environment.js';
import type { DeployParameters } from './parameters.js';
import { auditPermissions, type PermissionStatement } from './permissions.js';

/**
 * The audit function (the esbuild bundle), its role holding exactly `auditPermissions`, its log group, the
 * queue that keeps async invocations that failed every attempt, and the nightly schedule.
 */
export interface AuditFunctionProps {
  params: DeployParameters;
  bucketName: string;
  bucketArn: string;
  topicArn: string;
  topicKeyArn: string;
  /** The bundle directory (dist/handler); tests may point elsewhere. */
  bundleDir?: string;
}

/** Lambda retries a failed async invocation (the schedule's) this often; the run id stays the same. */
const ASYNC_RETRIES = 1;
/** A throttled scheduled event (another run still going) waits in Lambda's queue up to this long. */
const MAX_EVENT_AGE = Duration.hours(6);

export class AuditFunction extends Construct {
  readonly function: LambdaFn;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly deadLetterQueue: Queue;
  readonly schedule: Rule;
  readonly permissions: PermissionStatement[];

  constructor(scope: Construct, id: string, props: AuditFunctionProps) {
    super(scope, id);
    const { params } = props;

    this.logGroup = stackLogGroup(this, 'Logs', params.logRetentionDays);
    this.deadLetterQueue = new Queue(this, 'FailedRuns', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    this.permissions = auditPermissions(params, {
      partition: Aws.PARTITION,
      region: Aws.REGION,
      account: Aws.ACCOUNT_ID,
      bucketArn: props.bucketArn,
      topicArn: props.topicArn,
      topicKeyArn: props.topicKeyArn,
      logGroupName: this.logGroup.logGroupName,
      deadLetterQueueArn: this.deadLetterQueue.queueArn,
    });
    this.role = executionRole(this, {
      description: `${TOOL.name}: read the account, write reports and alerts`,
      policyName: 'Audit',
      permissions: this.permissions,
    });

    this.function = new LambdaFn(this, 'Function', {
      ...bundledFunctionProps({
        description: `${TOOL.name} ${TOOL.version}: audits VPC-enabled Lambda functions`,
        handler: HANDLER,
        bundleDir: props.bundleDir ?? HANDLER_BUNDLE_DIR,
        memoryMb: params.memoryMb,
        timeout: Duration.minutes(params.timeoutMinutes),
        role: this.role,
        logGroup: this.logGroup,
        environment: functionEnvironment(params, { bucketName: props.bucketName, topicArn: props.topicArn }),
        tracing: params.tracing,
      }),
      // A fixed name, so `aws lambda invoke --function-name lambda-vpc-auditor` works in every region deployed to.
      functionName: TOOL.name,
      // Audits never overlap: a second run waits (async) or is refused (sync) while one is going.
      reservedConcurrentExecutions: 1,
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: ASYNC_RETRIES,
      maxEventAge: MAX_EVENT_AGE,
    });

    // The target passes EventBridge's scheduled event itself: the handler takes the run id from its id.
    this.schedule = new Rule(this, 'Nightly', {
      description: `Runs ${TOOL.name} on its schedule`,
      schedule: Schedule.expression(params.schedule),
      targets: [new LambdaFunction(this.function)],
    });
  }
}
