import { describe, expect, it } from 'vitest';
import { parseDeployParameters } from '../../infra/parameters.js';
import { auditPermissions, type PermissionTargets } from '../../infra/permissions.js';
import { READ_ACTIONS } from '../../lib/collect/collect.js';

const TARGETS: PermissionTargets = {
  partition: 'aws',
  region: 'eu-west-1',
  account: '123456789012',
  bucketArn: 'arn:aws:s3:::audit-reports',
  topicArn: 'arn:aws:sns:eu-west-1:123456789012:audit-alerts',
  topicKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  logGroupName: 'audit-logs',
  deadLetterQueueArn: 'arn:aws:sqs:eu-west-1:123456789012:failed-runs',
};

const permissionsFor = (context: Record<string, unknown>) =>
  auditPermissions(parseDeployParameters(context), TARGETS);

/** Every (action, resource) pair the statements allow, the read statement aside. */
function writes(context: Record<string, unknown>): string[] {
  return permissionsFor(context)
    .filter((s) => s.sid !== 'ReadAccount')
    .flatMap((s) => s.actions.flatMap((action) => s.resources.map((resource) => `${action} ${resource}`)));
}

describe('audit function permissions', () => {
  it('reads with exactly the actions the collectors declare, all of them reads', () => {
    const [read] = permissionsFor({});
    expect(read).toMatchObject({ sid: 'ReadAccount', actions: READ_ACTIONS, resources: ['*'] });
    for (const action of read?.actions ?? []) {
      expect(action).toMatch(/^[a-z0-9-]+:(Describe|List|Get|Simulate)[A-Za-z]+$/);
    }
  });

  it('writes nothing but its reports, its alert, its logs and its failed events, with cleanup off', () => {
    expect(writes({})).toEqual([
      's3:GetObject arn:aws:s3:::audit-reports/lambda-vpc-audit/*',
      's3:PutObject arn:aws:s3:::audit-reports/lambda-vpc-audit/*',
      's3:ListBucket arn:aws:s3:::audit-reports',
      'sns:Publish arn:aws:sns:eu-west-1:123456789012:audit-alerts',
      'kms:Decrypt arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      'kms:GenerateDataKey arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      'logs:CreateLogStream arn:aws:logs:eu-west-1:123456789012:log-group:audit-logs:*',
      'logs:PutLogEvents arn:aws:logs:eu-west-1:123456789012:log-group:audit-logs:*',
      'sqs:SendMessage arn:aws:sqs:eu-west-1:123456789012:failed-runs',
    ]);
  });

  it('lists the bucket only under the report prefix', () => {
    const list = permissionsFor({ reportPrefix: 'audits/lambda' }).find((s) => s.sid === 'ListReports');
    expect(list?.conditions).toEqual({ StringLike: { 's3:prefix': ['audits/lambda/*'] } });
  });

  it('may delete ENIs only with cleanup on, in this account and region, and in the listed VPCs', () => {
    expect(writes({}).some((w) => w.startsWith('ec2:'))).toBe(false);
    for (const cleanup of ['dry-run', 'apply']) {
      const statement = permissionsFor({ cleanup }).find((s) => s.sid === 'DeleteOrphanedLambdaEnis');
      expect(statement).toMatchObject({
        actions: ['ec2:DeleteNetworkInterface'],
        resources: ['arn:aws:ec2:eu-west-1:123456789012:network-interface/*'],
      });
      expect(statement?.conditions).toBeUndefined();
    }
    const confined = permissionsFor({
      cleanup: 'apply',
      cleanupVpcs: 'vpc-0a1b2c3d,vpc-1234567890abcdef0',
    }).find((s) => s.sid === 'DeleteOrphanedLambdaEnis');
    expect(confined?.conditions).toEqual({
      ArnEquals: {
        'ec2:Vpc': [
          'arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-0a1b2c3d',
          'arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-1234567890abcdef0',
        ],
      },
    });
  });

  it('reads the Slack webhook from the one parameter or secret named', () => {
    expect(writes({ slackWebhook: 'ssm:/auditor/slack' })).toContain(
      'ssm:GetParameter arn:aws:ssm:eu-west-1:123456789012:parameter/auditor/slack',
    );
    expect(writes({ slackWebhook: 'secretsmanager:auditor/slack' })).toContain(
      'secretsmanager:GetSecretValue arn:aws:secretsmanager:eu-west-1:123456789012:secret:auditor/slack-??????',
    );
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:auditor/slack-a1B2c3';
    expect(writes({ slackWebhook: arn })).toEqual(
      expect.arrayContaining([
        `secretsmanager:GetSecretValue ${arn}`,
        `secretsmanager:GetSecretValue ${arn}-??????`,
      ]),
    );
  });

  it('imports findings into this account’s Security Hub only with the export on', () => {
    expect(writes({}).some((w) => w.startsWith('securityhub:'))).toBe(false);
    expect(writes({ securityHub: true })).toContain(
      'securityhub:BatchImportFindings arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default',
    );
  });

  it('sends traces only with tracing on', () => {
    expect(writes({}).some((w) => w.startsWith('xray:'))).toBe(false);
    expect(writes({ tracing: true })).toEqual(
      expect.arrayContaining(['xray:PutTelemetryRecords *', 'xray:PutTraceSegments *']),
    );
  });

  it('gives a reason for exactly the statements with a wildcard resource', () => {
    const all = permissionsFor({
      cleanup: 'apply',
      tracing: true,
      securityHub: true,
      slackWebhook: 'secretsmanager:auditor/slack',
    });
    for (const statement of all) {
      const wildcard = statement.resources.some((r) => r.includes('*'));
      expect(statement.wildcardReason !== undefined, statement.sid).toBe(wildcard);
    }
  });
});
