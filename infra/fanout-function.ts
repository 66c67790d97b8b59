import { Aws, type Duration } from 'aws-cdk-lib';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { Function as LambdaFn } from 'aws-cdk-lib/aws-lambda';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundledFunctionProps, executionRole, stackLogGroup } from './bundled-function.js';
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

export class FanOutFunction extends Construct {
  readonly function: LambdaFn;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly permissions: PermissionStatement[];

  constructor(scope: Construct, id: string, props: FanOutFunctionProps) {
    super(scope, id);
    this.logGroup = stackLogGroup(this, 'Logs', props.logRetentionDays);
    this.permissions = props.permissions(this.logGroup.logGroupName);
    this.role = executionRole(this, {
      roleName: props.roleName,
      description: props.description,
      policyName: 'FanOut',
      permissions: this.permissions,
    });
    this.function = new LambdaFn(this, 'Function', {
      ...bundledFunctionProps({ ...props, role: this.role, logGroup: this.logGroup }),
      ...(props.reservedConcurrency === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrency }),
    });
  }
}

/** `lambda-vpc-auditor-<job>-<region>`: IAM names are global, so one name per region deployed to. */
export function fanOutRoleName(job: string): string {
  return `lambda-vpc-auditor-${job}-${Aws.REGION}`;
}
