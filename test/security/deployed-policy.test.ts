/**
 * The synthesized CDK app, read as IAM would: every identity policy of every role in it, every statement,
 * every action. The audit function may read; write its own report prefix; publish to its own topic (with its
 * key); write its own logs and failed events; import findings, send traces and delete ENIs only when those
 * features are on. Any other write, any wildcard write, and any managed policy fail this test. It reads the
 * template, not the code that builds it, so a new statement, a CDK grant or a construct's default role cannot
 * slip past.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditorStack } from '../../infra/stack.js';
import { READ_ACTIONS } from '../../lib/collect/collect.js';
import { type Synthesized, synthesize } from '../infra/synth.js';
import { exact, grantsOf, literal, logicalId, READ, wildcardWrites, writesOutside } from './policy-grants.js';

/**
 * The writes this stack may hold, as `action resource` patterns: its own bucket prefix, topic, key, log group,
 * queue, and the optional features' targets when they are on.
 */
function allowedWrites(stack: AuditorStack): RegExp[] {
  const p = stack.params;
  const prefix = p.reportPrefix === '' ? '' : `${p.reportPrefix}/`;
  const own = {
    bucket: `<${logicalId(stack, stack.reports.bucket)}.Arn>`,
    topic: `<${logicalId(stack, stack.alerts.topic)}>`,
    key: `<${logicalId(stack, stack.alerts.key)}.Arn>`,
    logGroup: `<${logicalId(stack, stack.audit.logGroup)}>`,
    queue: `<${logicalId(stack, stack.audit.deadLetterQueue)}.Arn>`,
  };
  const patterns = [
    exact('s3:PutObject', `${own.bucket}/${prefix}*`),
    exact('sns:Publish', own.topic),
    exact('kms:GenerateDataKey', own.key),
    exact('kms:Decrypt', own.key),
    new RegExp(
      `^logs:(CreateLogStream|PutLogEvents) arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:${literal(own.logGroup)}:\\*$`,
    ),
    exact('sqs:SendMessage', own.queue),
  ];
  if (p.cleanup !== 'off')
    patterns.push(
      /^ec2:DeleteNetworkInterface arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:network-interface\/\*$/,
    );
  if (p.securityHub)
    patterns.push(
      /^securityhub:BatchImportFindings arn:<AWS::Partition>:securityhub:<AWS::Region>:<AWS::AccountId>:product\/<AWS::AccountId>\/default$/,
    );
  if (p.tracing) patterns.push(/^xray:(PutTraceSegments|PutTelemetryRecords) \*$/);
  return patterns;
}

/** Default deployment, and every option on (cleanup that deletes, Security Hub, tracing, Slack). */
const CONTEXTS = {
  default: {},
  'every option on': {
    emails: ['ops@example.com'],
    cleanup: 'apply',
    cleanupVpcs: 'vpc-0a1b2c3d',
    reportPrefix: '/audits/lambda/',
    slackWebhook: 'ssm:/auditor/slack-webhook',
    slackWorkspaceId: 'T07EA123LEP',
    slackChannelId: 'C0123ABCD',
    securityHub: 'true',
    tracing: true,
  },
} as const;

const synthesized = new Map<string, Synthesized>();
const figures = { stacks: 0, roles: 0, grants: 0, writes: 0 };

beforeAll(() => {
  for (const [name, context] of Object.entries(CONTEXTS)) synthesized.set(name, synthesize(context));
}, 60_000);

afterAll(() => {
  for (const s of synthesized.values()) s.dispose();
  console.log(
    `[reliability] deployed policy: stacks=${figures.stacks}, roles=${figures.roles}, grants=${figures.grants}, ` +
      `writes=${figures.writes}, writesOutsideTheAllowList=0, wildcardWrites=0`,
  );
});

describe.each(Object.keys(CONTEXTS))('the synthesized policy (%s)', (name) => {
  const stacksOf = () => {
    const s = synthesized.get(name);
    if (s === undefined) throw new Error(name);
    return s.stacks.map((stack, i) => ({ stack, template: s.templates[i] as Template }));
  };

  it('attaches no managed policy to any role', () => {
    for (const { template } of stacksOf()) expect(grantsOf(template).managedPolicyArns).toEqual([]);
  });

  it('allows no wildcard action, and no write on *', () => {
    for (const { template } of stacksOf()) expect(wildcardWrites(grantsOf(template).grants)).toEqual([]);
  });

  it('allows every role nothing but reads and the audit function’s own writes', () => {
    for (const { stack, template } of stacksOf()) {
      const { grants } = grantsOf(template);
      const writes = grants.filter((g) => !READ.test(g.action));
      expect(writesOutside(grants, allowedWrites(stack))).toEqual([]);
      // Every write belongs to the audit function's own role.
      const auditRole = logicalId(stack, stack.audit.role);
      expect([...new Set(writes.map((g) => g.role))]).toEqual([auditRole]);
      figures.stacks += 1;
      figures.roles += new Set(grants.map((g) => g.role)).size;
      figures.grants += grants.length;
      figures.writes += writes.length;
    }
  });

  it('reads on * only what the collectors call (READ_ACTIONS), and X-Ray sampling when traced', () => {
    for (const { stack, template } of stacksOf()) {
      const allowed = new Set<string>([
        ...READ_ACTIONS,
        ...(stack.params.tracing ? ['xray:GetSamplingRules', 'xray:GetSamplingTargets'] : []),
      ]);
      const starReads = grantsOf(template).grants.filter((g) => READ.test(g.action) && g.resource === '*');
      expect(starReads.map((g) => g.action).filter((action) => !allowed.has(action))).toEqual([]);
      expect(starReads.length).toBeGreaterThan(0);
    }
  });

  it('grants ENI deletion only when cleanup is on', () => {
    for (const { stack, template } of stacksOf()) {
      const deletes = grantsOf(template).grants.filter((g) => g.action === 'ec2:DeleteNetworkInterface');
      expect(deletes.length > 0).toBe(stack.params.cleanup !== 'off');
    }
  });
});

describe('the policy check itself', () => {
  it('catches a wildcard action, a write on *, another bucket, and a managed policy', () => {
    const template = Template.fromJSON({
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
            Policies: [
              {
                PolicyDocument: {
                  Statement: [
                    { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::reports/*' },
                    { Effect: 'Allow', Action: 'ec2:DeleteNetworkInterface', Resource: '*' },
                    { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::someone-elses/*' },
                    { Effect: 'Allow', Action: 'ec2:DescribeVpcs', Resource: '*' },
                    { Effect: 'Deny', Action: '*', Resource: '*' },
                  ],
                },
              },
            ],
          },
        },
      },
    });
    const { grants, managedPolicyArns } = grantsOf(template);
    expect(managedPolicyArns).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess']);
    expect(wildcardWrites(grants)).toEqual([
      'Role: s3:* arn:aws:s3:::reports/*',
      'Role: ec2:DeleteNetworkInterface *',
    ]);
    expect(writesOutside(grants, [/^s3:PutObject arn:aws:s3:::reports\/\*$/])).toEqual([
      'Role: s3:* arn:aws:s3:::reports/*',
      'Role: ec2:DeleteNetworkInterface *',
      'Role: s3:PutObject arn:aws:s3:::someone-elses/*',
    ]);
  });
});
