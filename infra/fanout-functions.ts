import { Duration } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { TOOL } from '../lib/version.js';
import { HANDLER } from './bundle.js';
import { FANOUT_SERVICE_NAME, functionEnvironment, METRICS_NAMESPACE } from './environment.js';
import { FanOutFunction, fanOutRoleName } from './fanout-function.js';
import type { FanOutParameters } from './fanout-parameters.js';
import {
  type FanOutTargets,
  planPermissions,
  rollupPermissions,
  targetPermissions,
} from './fanout-permissions.js';
import type { DeployParameters } from './parameters.js';

/**
 * The fan-out's three functions: plan (lists the targets), target (audits one; the audit function's bundle)
 * and roll-up (rolls the targets up and sends the one alert), each with its environment and permissions.
 */

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

export interface FanOutFunctionsProps {
  params: DeployParameters;
  fanOut: FanOutParameters;
  /** What the functions may reach: the report bucket and prefix, the alert topic and its key. */
  targets: FanOutTargets;
  bucketName: string;
  topicArn: string;
  /** dist/handler: the target function runs the audit function's bundle. */
  handlerBundleDir: string;
  /** dist/fanout: the planning and roll-up handlers. */
  fanOutBundleDir: string;
}

export interface FanOutFunctions {
  plan: FanOutFunction;
  target: FanOutFunction;
  rollup: FanOutFunction;
}

export function fanOutFunctions(scope: Construct, props: FanOutFunctionsProps): FanOutFunctions {
  const { params, fanOut, targets } = props;
  const tracing = { POWERTOOLS_TRACE_ENABLED: String(params.tracing) };
  const store = { REPORT_BUCKET: props.bucketName, REPORT_PREFIX: params.reportPrefix };
  const common = { logRetentionDays: params.logRetentionDays, tracing: params.tracing };

  const plan = new FanOutFunction(scope, 'Plan', {
    ...common,
    roleName: fanOutRoleName('plan'),
    description: `${TOOL.name}: lists the accounts and regions to audit`,
    bundleDir: props.fanOutBundleDir,
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
  const target = new FanOutFunction(scope, 'Target', {
    ...common,
    roleName: fanOutRoleName('target'),
    description: `${TOOL.name}: audits one account and region of the fan-out`,
    bundleDir: props.handlerBundleDir,
    handler: HANDLER,
    memoryMb: params.memoryMb,
    timeout: Duration.minutes(params.timeoutMinutes),
    // As many as the map runs at once, reserved: the map never waits on other functions, nor they on it.
    reservedConcurrency: fanOut.maxConcurrency,
    environment: targetEnvironment(params, props.bucketName),
    permissions: (logGroup) => targetPermissions(fanOut, targets, logGroup, params.tracing),
  });
  const rollup = new FanOutFunction(scope, 'Rollup', {
    ...common,
    roleName: fanOutRoleName('rollup'),
    description: `${TOOL.name}: rolls the targets up and sends the one alert`,
    bundleDir: props.fanOutBundleDir,
    handler: 'index.rollupHandler',
    memoryMb: 1024,
    timeout: Duration.minutes(5),
    environment: {
      ...store,
      TOPIC_ARN: props.topicArn,
      ALERT_THRESHOLD: params.alertThreshold,
      ALERT_MODE: params.alertMode,
      ...POWERTOOLS,
      ...tracing,
    },
    permissions: (logGroup) => rollupPermissions(targets, logGroup, params.tracing),
  });
  return { plan, target, rollup };
}
