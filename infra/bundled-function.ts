import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, type FunctionProps, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { PermissionStatement } from './permissions.js';

/**
 * What every Lambda function of the auditor (the audit function, the fan-out's functions) is built alike with:
 * its log group, a role holding exactly its declared permissions, and the function props around an esbuild
 * bundle.
 */

/** A log group kept `retentionDays` and deleted with its stack. */
export function stackLogGroup(scope: Construct, id: string, retentionDays: number): LogGroup {
  return new LogGroup(scope, id, {
    retention: retentionDays,
    // Logs carry counts and ids only; the reports (in S3) are what is kept.
    removalPolicy: RemovalPolicy.DESTROY,
  });
}

function toPolicyStatement(statement: PermissionStatement): PolicyStatement {
  return new PolicyStatement({
    sid: statement.sid,
    actions: [...statement.actions],
    resources: statement.resources,
    ...(statement.conditions ? { conditions: statement.conditions } : {}),
  });
}

export interface ExecutionRoleProps {
  /** A fixed name, for a role others trust by name; CloudFormation names it otherwise. */
  roleName?: string;
  description: string;
  policyName: string;
  permissions: readonly PermissionStatement[];
}

/** The role Lambda assumes for a function: one inline policy of exactly `permissions`. */
export function executionRole(scope: Construct, props: ExecutionRoleProps): Role {
  return new Role(scope, 'Role', {
    ...(props.roleName === undefined ? {} : { roleName: props.roleName }),
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: props.description,
    inlinePolicies: {
      [props.policyName]: new PolicyDocument({ statements: props.permissions.map(toPolicyStatement) }),
    },
  });
}

export interface BundledFunctionProps {
  description: string;
  /** `index.<export>` of the bundle. */
  handler: string;
  bundleDir: string;
  memoryMb: number;
  timeout: Duration;
  role: Role;
  logGroup: LogGroup;
  environment: Record<string, string>;
  tracing: boolean;
}

/** Node.js 24 on ARM, the bundle as the code, the given role and log group, X-Ray when asked for. */
export function bundledFunctionProps(props: BundledFunctionProps): FunctionProps {
  return {
    description: props.description,
    runtime: Runtime.NODEJS_24_X,
    architecture: Architecture.ARM_64,
    handler: props.handler,
    code: Code.fromAsset(props.bundleDir),
    memorySize: props.memoryMb,
    timeout: props.timeout,
    // Every permission is in the role's inline policy; nothing may add to it behind the policy's back.
    role: props.role.withoutPolicyUpdates(),
    logGroup: props.logGroup,
    environment: props.environment,
    tracing: props.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
  };
}
