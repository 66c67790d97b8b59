import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFn, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TOOL } from '../lib/version.js';
import { HANDLER, HANDLER_BUNDLE_DIR } from './bundle.js';
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

function toPolicyStatement(statement: PermissionStatement): PolicyStatement {
  return new PolicyStatement({
    sid: statement.sid,
    actions: [...statement.actions],
    resources: statement.resources,
    ...(statement.conditions ? { conditions: statement.conditions } : {}),
  });
}

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

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: params.logRetentionDays,
      // Logs carry counts and ids only; the reports (in S3) are what is kept.
      removalPolicy: RemovalPolicy.DESTROY,
    });
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
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${TOOL.name}: read the account, write reports and alerts`,
      inlinePolicies: {
        Audit: new PolicyDocument({ statements: this.permissions.map(toPolicyStatement) }),
      },
    });

    this.function = new LambdaFn(this, 'Function', {
      // A fixed name, so `aws lambda invoke --function-name lambda-vpc-auditor` works in every region deployed to.
      functionName: TOOL.name,
      description: `${TOOL.name} ${TOOL.version}: audits VPC-enabled Lambda functions`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      handler: HANDLER,
      code: Code.fromAsset(props.bundleDir ?? HANDLER_BUNDLE_DIR),
      memorySize: params.memoryMb,
      timeout: Duration.minutes(params.timeoutMinutes),
      // Audits never overlap: a second run waits (async) or is refused (sync) while one is going.
      reservedConcurrentExecutions: 1,
      // Every permission is in the inline policy above; nothing may add to it behind the policy's back.
      role: this.role.withoutPolicyUpdates(),
      logGroup: this.logGroup,
      environment: functionEnvironment(params, { bucketName: props.bucketName, topicArn: props.topicArn }),
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: ASYNC_RETRIES,
      maxEventAge: MAX_EVENT_AGE,
      tracing: params.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
    });

    // The target passes EventBridge's scheduled event itself: the handler takes the run id from its id.
    this.schedule = new Rule(this, 'Nightly', {
      description: `Runs ${TOOL.name} on its schedule`,
      schedule: Schedule.expression(params.schedule),
      targets: [new LambdaFunction(this.function)],
    });
  }
}
