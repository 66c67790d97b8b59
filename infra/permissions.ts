import { READ_ACTIONS } from '../lib/collect/collect.js';
import {
  KMS_ACTIONS,
  S3_BUCKET_ACTIONS,
  S3_OBJECT_ACTIONS,
  SECRETS_MANAGER_ACTIONS,
  SECURITY_HUB_ACTIONS,
  SNS_ACTIONS,
  SSM_ACTIONS,
} from '../lib/publish/actions.js';
import type { WebhookSource } from '../lib/publish/config.js';
import { CLEANUP_ACTIONS } from '../lib/remediate/cleanup.js';
import type { DeployParameters } from './parameters.js';

/**
 * Every permission the audit function's role holds, built from the actions the code declares beside the calls
 * (collectors, publishing, cleanup), so code and policy cannot drift. Pure: the stack passes CloudFormation
 * references, the documentation passes readable placeholders. The function's role takes no other statement.
 */

/** Written by the Lambda runtime on the function's behalf: its logs, and failed async events. */
export const LOGS_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'] as const;
export const DEAD_LETTER_ACTIONS = ['sqs:SendMessage'] as const;
/** Sent by the Powertools Tracer's X-Ray SDK, only with tracing on. */
export const XRAY_ACTIONS = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'] as const;

export interface PermissionStatement {
  sid: string;
  actions: readonly string[];
  resources: string[];
  conditions?: Record<string, Record<string, string | string[]>>;
  /** Why a `*` in `resources` is needed; required exactly when a resource holds one (cdk-nag IAM5). */
  wildcardReason?: string;
}

/** The resources the statements name: ARNs or placeholders. */
export interface PermissionTargets {
  partition: string;
  region: string;
  account: string;
  bucketArn: string;
  topicArn: string;
  topicKeyArn: string;
  logGroupName: string;
  deadLetterQueueArn: string;
}

type PermissionOptions = Pick<
  DeployParameters,
  'reportPrefix' | 'cleanup' | 'cleanupVpcs' | 'slackWebhook' | 'securityHub' | 'tracing'
>;

const WILDCARD_REASONS = {
  read:
    'The collectors Describe/List/Get every Lambda function, ENI, subnet, route table, security group, role, ' +
    'metric and quota of the account and region: these read-only actions support no resource-level scoping ' +
    '(iam:GetAccountAuthorizationDetails) or must see every resource (iam:SimulatePrincipalPolicy on any ' +
    'function role, iam:GetPolicy on any managed policy a role attaches), so Resource is *. ' +
    'The list is READ_ACTIONS from lib/collect, the actions the code calls.',
  reports:
    'Report objects are written under the report prefix of the stack’s own bucket (one key per run, ' +
    '<prefix>/<account>/<region>/<yyyy>/<mm>/<dd>/<run-id>.*, plus latest.json): the key is not known in ' +
    'advance, so the resource is the prefix with /*, never the whole bucket.',
  logs:
    'Lambda writes to log streams it creates per execution environment in the function’s own log group; ' +
    'stream names are not known in advance, so the resource is that one log group’s ARN with :*.',
  cleanup:
    'Orphaned Lambda ENIs are found at run time, so their ids cannot be listed; the resource is confined to ' +
    'network interfaces of this account and region, and (with cleanupVpcs) to the listed VPCs by ec2:Vpc. ' +
    'Hyperplane ENIs carry no tags, so a tag condition cannot narrow it further. Granted only when cleanup is ' +
    'enabled at deploy time; the code re-checks every ENI (still available, same creator, owned by the account) ' +
    'before deleting it.',
  xray:
    'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions: Resource must be *. ' +
    'Granted only with tracing on.',
} as const;

/**
 * Secrets Manager appends `-` and 6 random characters to a secret's ARN: `-??????` matches exactly that suffix
 * of the one named secret. An ARN given may be complete (suffix included) or partial (the name only), and a
 * name may itself end in 6 characters after a hyphen, so an ARN is granted both as is and with the suffix.
 */
function secretArns(id: string, t: PermissionTargets): string[] {
  if (id.startsWith('arn:')) return [id, `${id}-??????`];
  return [`arn:${t.partition}:secretsmanager:${t.region}:${t.account}:secret:${id}-??????`];
}

function webhookStatement(source: WebhookSource, t: PermissionTargets): PermissionStatement {
  if (source.kind === 'ssm') {
    const arn = source.name.startsWith('arn:')
      ? source.name
      : `arn:${t.partition}:ssm:${t.region}:${t.account}:parameter/${source.name.replace(/^\/+/, '')}`;
    return { sid: 'ReadSlackWebhookParameter', actions: SSM_ACTIONS, resources: [arn] };
  }
  return {
    sid: 'ReadSlackWebhookSecret',
    actions: SECRETS_MANAGER_ACTIONS,
    resources: secretArns(source.id, t),
  };
}

function cleanupStatement(options: PermissionOptions, t: PermissionTargets): PermissionStatement {
  const vpcArns = options.cleanupVpcs.map(
    (id) => `arn:${t.partition}:ec2:${t.region}:${t.account}:vpc/${id}`,
  );
  return {
    sid: 'DeleteOrphanedLambdaEnis',
    actions: CLEANUP_ACTIONS,
    resources: [`arn:${t.partition}:ec2:${t.region}:${t.account}:network-interface/*`],
    ...(vpcArns.length > 0 ? { conditions: { ArnEquals: { 'ec2:Vpc': vpcArns } } } : {}),
    wildcardReason: WILDCARD_REASONS.cleanup,
  };
}

/** The role's statements, in a stable order. */
export function auditPermissions(options: PermissionOptions, t: PermissionTargets): PermissionStatement[] {
  const prefix = options.reportPrefix === '' ? '' : `${options.reportPrefix}/`;
  const statements: PermissionStatement[] = [
    { sid: 'ReadAccount', actions: READ_ACTIONS, resources: ['*'], wildcardReason: WILDCARD_REASONS.read },
    {
      sid: 'ReadWriteReports',
      actions: S3_OBJECT_ACTIONS,
      resources: [`${t.bucketArn}/${prefix}*`],
      wildcardReason: WILDCARD_REASONS.reports,
    },
    {
      // S3 answers a missing latest.json with NoSuchKey (not AccessDenied) only to a caller allowed to list;
      // S3 evaluates s3:prefix as the requested key then, so the listing stays confined to the prefix.
      sid: 'ListReports',
      actions: S3_BUCKET_ACTIONS,
      resources: [t.bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } },
    },
    { sid: 'PublishAlerts', actions: SNS_ACTIONS, resources: [t.topicArn] },
    { sid: 'UseAlertTopicKey', actions: KMS_ACTIONS, resources: [t.topicKeyArn] },
    {
      sid: 'WriteOwnLogs',
      actions: LOGS_ACTIONS,
      resources: [`arn:${t.partition}:logs:${t.region}:${t.account}:log-group:${t.logGroupName}:*`],
      wildcardReason: WILDCARD_REASONS.logs,
    },
    { sid: 'SendFailedEvents', actions: DEAD_LETTER_ACTIONS, resources: [t.deadLetterQueueArn] },
  ];
  if (options.slackWebhook) statements.push(webhookStatement(options.slackWebhook.source, t));
  if (options.securityHub) {
    statements.push({
      sid: 'ImportFindings',
      actions: SECURITY_HUB_ACTIONS,
      resources: [`arn:${t.partition}:securityhub:${t.region}:${t.account}:product/${t.account}/default`],
    });
  }
  if (options.cleanup !== 'off') statements.push(cleanupStatement(options, t));
  if (options.tracing) {
    statements.push({
      sid: 'WriteTraces',
      actions: XRAY_ACTIONS,
      resources: ['*'],
      wildcardReason: WILDCARD_REASONS.xray,
    });
  }
  return statements;
}
