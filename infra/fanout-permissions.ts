import { ASSUME_ROLE_ACTIONS } from '../lib/aws/assume-role.js';
import { READ_ACTIONS } from '../lib/collect/collect.js';
import { ORGANIZATIONS_ACTIONS } from '../lib/collect/organizations.js';
import { REGION_ACTIONS } from '../lib/collect/regions.js';
import { KMS_ACTIONS, S3_BUCKET_ACTIONS, S3_OBJECT_ACTIONS, SNS_ACTIONS } from '../lib/publish/actions.js';
import type { FanOutParameters } from './fanout-parameters.js';
import { LOGS_ACTIONS, type PermissionStatement, XRAY_ACTIONS } from './permissions.js';

/**
 * What each fan-out function's role holds, built from the actions the code declares beside its calls
 * (collectors, discovery, publishing). Pure: the stack passes CloudFormation references. Every wildcard says why.
 */

export interface FanOutTargets {
  partition: string;
  region: string;
  account: string;
  bucketArn: string;
  /** The report prefix, without slashes; may be empty. */
  prefix: string;
  topicArn: string;
  topicKeyArn: string;
}

const WILDCARD_REASONS = {
  read:
    'Auditing its own account, the target function Describes/Lists/Gets every Lambda function, ENI, subnet, ' +
    'route table, security group, role, metric and quota: these read-only actions support no resource-level ' +
    'scoping, so Resource is *. The list is READ_ACTIONS from lib/collect, the actions the code calls.',
  members:
    'Member accounts come from Organizations ListAccounts at run time, so their ids are not known at deploy time: ' +
    'the resource is the member role, by its one name, in any account. The member role (infra/member-role-stack.ts) ' +
    'trusts only this account, and only these roles of it.',
  organizations: 'organizations:ListAccounts supports no resource-level permissions: Resource must be *.',
  regions: 'ec2:DescribeRegions supports no resource-level permissions: Resource must be *.',
  reports:
    'Report objects are written per account, region and run under the report prefix (<prefix>/<account>/<region>/' +
    '<yyyy>/<mm>/<dd>/<run-id>.*, plus latest.json): the keys are not known in advance, so the resource is the ' +
    'prefix with /*, never the whole bucket.',
  runs:
    'The plan of each run is written under <prefix>/rollup/runs/<run-id>/ and the Distributed Map results under ' +
    '<prefix>/rollup/map-results/<map-run-id>/: run ids are made at run time, so the resource is that prefix with /*.',
  logs:
    'Lambda writes to log streams it creates per execution environment in the function’s own log group; stream names ' +
    'are not known in advance, so the resource is that one log group’s ARN with :*.',
  xray: 'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions: Resource must be *.',
} as const;

function prefixed(t: FanOutTargets, path: string): string {
  return `${t.bucketArn}/${t.prefix === '' ? '' : `${t.prefix}/`}${path}`;
}

function assumeMembers(params: FanOutParameters, t: FanOutTargets): PermissionStatement {
  const roleArn = (account: string) => `arn:${t.partition}:iam::${account}:role/${params.memberRoleName}`;
  return params.accounts.kind === 'listed'
    ? {
        sid: 'AssumeMemberRoles',
        actions: ASSUME_ROLE_ACTIONS,
        resources: params.accounts.accounts.map(roleArn),
      }
    : {
        sid: 'AssumeMemberRoles',
        actions: ASSUME_ROLE_ACTIONS,
        resources: [roleArn('*')],
        wildcardReason: WILDCARD_REASONS.members,
      };
}

function logs(t: FanOutTargets, logGroupName: string): PermissionStatement {
  return {
    sid: 'WriteOwnLogs',
    actions: LOGS_ACTIONS,
    resources: [`arn:${t.partition}:logs:${t.region}:${t.account}:log-group:${logGroupName}:*`],
    wildcardReason: WILDCARD_REASONS.logs,
  };
}

function traces(tracing: boolean): PermissionStatement[] {
  return tracing
    ? [{ sid: 'WriteTraces', actions: XRAY_ACTIONS, resources: ['*'], wildcardReason: WILDCARD_REASONS.xray }]
    : [];
}

/** Plans the targets: lists the accounts, assumes each member role once, lists regions, writes the plan. */
export function planPermissions(
  params: FanOutParameters,
  t: FanOutTargets,
  logGroupName: string,
  tracing: boolean,
): PermissionStatement[] {
  return [
    ...(params.accounts.kind === 'organization'
      ? [
          {
            sid: 'ListAccounts',
            actions: ORGANIZATIONS_ACTIONS,
            resources: ['*'],
            wildcardReason: WILDCARD_REASONS.organizations,
          },
        ]
      : []),
    ...(params.accounts.kind === 'self' ? [] : [assumeMembers(params, t)]),
    ...(params.regions?.kind === 'all'
      ? [
          {
            sid: 'ListRegions',
            actions: REGION_ACTIONS,
            resources: ['*'],
            wildcardReason: WILDCARD_REASONS.regions,
          },
        ]
      : []),
    {
      sid: 'WritePlan',
      actions: ['s3:PutObject'],
      resources: [prefixed(t, 'rollup/runs/*')],
      wildcardReason: WILDCARD_REASONS.runs,
    },
    logs(t, logGroupName),
    ...traces(tracing),
  ];
}

/** Audits one target: its own account with its own role, a member with the member role; stores the report. */
export function targetPermissions(
  params: FanOutParameters,
  t: FanOutTargets,
  logGroupName: string,
  tracing: boolean,
): PermissionStatement[] {
  return [
    { sid: 'ReadAccount', actions: READ_ACTIONS, resources: ['*'], wildcardReason: WILDCARD_REASONS.read },
    ...(params.accounts.kind === 'self' ? [] : [assumeMembers(params, t)]),
    {
      sid: 'ReadWriteReports',
      actions: S3_OBJECT_ACTIONS,
      resources: [prefixed(t, '*')],
      wildcardReason: WILDCARD_REASONS.reports,
    },
    {
      // Without ListBucket a missing latest.json reads as AccessDenied, and no first run becomes a baseline.
      sid: 'ListReports',
      actions: S3_BUCKET_ACTIONS,
      resources: [t.bucketArn],
      conditions: { StringLike: { 's3:prefix': [t.prefix === '' ? '*' : `${t.prefix}/*`] } },
    },
    logs(t, logGroupName),
    ...traces(tracing),
  ];
}

/** Reads the plan and the map results, writes the roll-up, sends the one alert. */
export function rollupPermissions(
  t: FanOutTargets,
  logGroupName: string,
  tracing: boolean,
): PermissionStatement[] {
  return [
    {
      sid: 'ReadWriteRollups',
      actions: S3_OBJECT_ACTIONS,
      resources: [prefixed(t, 'rollup/*')],
      wildcardReason: WILDCARD_REASONS.runs,
    },
    { sid: 'PublishAlert', actions: SNS_ACTIONS, resources: [t.topicArn] },
    { sid: 'UseAlertTopicKey', actions: KMS_ACTIONS, resources: [t.topicKeyArn] },
    logs(t, logGroupName),
    ...traces(tracing),
  ];
}
