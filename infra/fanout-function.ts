import { Aws, type Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFn, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { PermissionStatement } from './permissions.js';

/**
 * One function of the fan-out: its log group, and its role holding exactly the statements given (built from the
 * code's declared actions in infra/fanout-permissions.ts), named so member roles can trust it by pattern.
 */
export interface FanOutFunctionProps {
  /** The role's name; member roles trust `lambda-vpc-auditor-*` roles of the auditor account. */
  roleName: string;
  description: string;
  bundleDir: string;
  handler: string;
  memoryMb: number;
  timeout: Duration;
  logRetentionDays: number;
  tracing: boolean;
  environment: Record<string, string>;
  reservedConcurrency?: number;
  permissions: (logGroupName: string) => PermissionStatement[];
}

function toPolicyStatement(statement: PermissionStatement): PolicyStatement {
  return new PolicyStatement({
    sid: statement.sid,
    actions: [...statement.actions],
    resources: statement.resources,
    ...(statement.conditions ? { conditions: statement.conditions } : {}),
  });
}

export class FanOutFunction extends Construct {
  readonly function: LambdaFn;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly permissions: PermissionStatement[];

  constructor(scope: Construct, id: string, props: FanOutFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetentionDays as RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.permissions = props.permissions(this.logGroup.logGroupName);
    this.role = new Role(this, 'Role', {
      roleName: props.roleName,
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
      inlinePolicies: {
        FanOut: new PolicyDocument({ statements: this.permissions.map(toPolicyStatement) }),
      },
    });
    this.function = new LambdaFn(this, 'Function', {
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      handler: props.handler,
      code: Code.fromAsset(props.bundleDir),
      memorySize: props.memoryMb,
      timeout: props.timeout,
      ...(props.reservedConcurrency === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrency }),
      role: this.role.withoutPolicyUpdates(),
      logGroup: this.logGroup,
      environment: props.environment,
      tracing: props.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
    });
  }
}

/** `lambda-vpc-auditor-<job>-<region>`: IAM names are global, so one name per region deployed to. */
export function fanOutRoleName(job: string): string {
  return `lambda-vpc-auditor-${job}-${Aws.REGION}`;
}
