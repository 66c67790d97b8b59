import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CfnElement } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_NAME } from '../../infra/auditor-app.js';
import { HANDLER_BUNDLE_DIR, HANDLER_FILE } from '../../infra/bundle.js';
import { flattenReference, nagAcknowledgements } from '../../infra/nag.js';
import { parseDeployParameters } from '../../infra/parameters.js';
import { deployPolicyDocument } from '../../infra/policy-document.js';
import { AuditorStack } from '../../infra/stack.js';
import { READ_ACTIONS } from '../../lib/collect/collect.js';
import { loadEnvConfig } from '../../lib/lambda/env-config.js';
import { newApp, resourcesOf, type Synthesized, synthesize } from './synth.js';

/** Every option on, two regions: the widest policy and every optional resource. */
const FULL_CONTEXT = {
  regions: 'eu-west-1,us-east-1',
  emails: ['ops@example.com', 'security@example.org'],
  schedule: 'cron(30 1 ? * MON-FRI *)',
  alertThreshold: 'high',
  alertMode: 'always',
  cleanup: 'apply',
  cleanupMinAgeHours: '48',
  cleanupVpcs: 'vpc-0a1b2c3d,vpc-1234567890abcdef0',
  retentionDays: 90,
  logRetentionDays: '30',
  reportPrefix: '/audits/lambda/',
  lookbackDays: '28',
  memoryMb: 3008,
  timeoutMinutes: 10,
  slackWebhook: 'ssm:/auditor/slack-webhook',
  slackWorkspaceId: 'T07EA123LEP',
  slackChannelId: 'C0123ABCD',
  securityHub: 'true',
  tracing: true,
  headroom: '25%',
  minAvailabilityZones: 3,
  internetTagKey: 'egress',
};

const byDefault = synthesize();
const full = synthesize(FULL_CONTEXT);
afterAll(() => {
  byDefault.dispose();
  full.dispose();
});

function only(synth: Synthesized): { stack: AuditorStack; template: Template } {
  const [stack] = synth.stacks;
  const [template] = synth.templates;
  if (!stack || !template) throw new Error('no stack synthesized');
  return { stack, template };
}

/** The logical id CloudFormation knows a construct by. */
function idOf(stack: AuditorStack, construct: IConstruct | undefined): string {
  const resource = construct?.node.defaultChild;
  if (!(resource instanceof CfnElement))
    throw new Error(`${construct?.node.path} has no CloudFormation resource`);
  return stack.getLogicalId(resource);
}

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** Every statement the audit function's role holds: inline, attached and managed. */
function roleStatements(stack: AuditorStack, template: Template): Statement[] {
  const roleId = idOf(stack, stack.audit.role);
  const role = template.findResources('AWS::IAM::Role')[roleId] as {
    Properties: { Policies?: { PolicyDocument: { Statement: Statement[] } }[]; ManagedPolicyArns?: unknown };
  };
  expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  const attached = resourcesOf(template, 'AWS::IAM::Policy').filter(([, p]) =>
    JSON.stringify(p.Roles ?? []).includes(roleId),
  );
  expect(attached).toEqual([]);
  return (role.Properties.Policies ?? []).flatMap((p) => p.PolicyDocument.Statement);
}

/** `action resource` for every allowed pair, resources as cdk-nag names them (`<Logical.Arn>`). */
function grants(stack: AuditorStack, template: Template): string[] {
  return roleStatements(stack, template).flatMap((s) => {
    expect(s.Effect).toBe('Allow');
    const actions = Array.isArray(s.Action) ? s.Action : [s.Action];
    const resources = Array.isArray(s.Resource) ? s.Resource : [s.Resource];
    return actions.flatMap((a) => resources.map((r) => `${a} ${flattenReference(r)}`));
  });
}

/** The audit function's properties. */
function functionOf(template: Template): Record<string, unknown> {
  const [found] = resourcesOf(template, 'AWS::Lambda::Function');
  if (!found) throw new Error('no function');
  return found[1];
}

/** The environment Lambda would see: references replaced by what CloudFormation would put there. */
function deployedEnvironment(
  stack: AuditorStack,
  template: Template,
  region: string,
): Record<string, string> {
  const variables = (functionOf(template).Environment as { Variables: Record<string, unknown> }).Variables;
  const bucketId = idOf(stack, stack.reports.bucket);
  const topicId = idOf(stack, stack.alerts.topic);
  const references: Record<string, string> = {
    [bucketId]: 'lambdavpcauditor-reportbucketreports-1a2b3c4d5e6f',
    [topicId]: `arn:aws:sns:${region}:123456789012:LambdaVpcAuditor-AlertsTopic-AbCdEf123456`,
  };
  return {
    AWS_REGION: region,
    ...Object.fromEntries(
      Object.entries(variables).map(([name, value]) => {
        if (typeof value === 'string') return [name, value];
        const ref = (value as { Ref?: string }).Ref ?? '';
        const resolved = references[ref];
        if (resolved === undefined) throw new Error(`${name} refers to ${JSON.stringify(value)}`);
        return [name, resolved];
      }),
    ),
  };
}

describe('the default stack', () => {
  const { stack, template } = only(byDefault);

  it('is one stack for the region the CLI deploys to', () => {
    expect(byDefault.stacks.map((s) => s.stackName)).toEqual([STACK_NAME]);
  });

  it('runs the bundle on the current Node.js runtime, arm64, one at a time, up to 15 minutes', () => {
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'lambda-vpc-auditor',
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 2048,
      Timeout: 900,
      ReservedConcurrentExecutions: 1,
      DeadLetterConfig: {
        TargetArn: { 'Fn::GetAtt': [idOf(stack, stack.audit.deadLetterQueue), 'Arn'] },
      },
      LoggingConfig: { LogGroup: { Ref: idOf(stack, stack.audit.logGroup) } },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 6 * 3600,
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('deploys the bundle built from handlers/, byte for byte', () => {
    const key = String((functionOf(template).Code as { S3Key: string }).S3Key);
    const staged = join(byDefault.outdir, `asset.${key.replace(/\.zip$/, '')}`);
    const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(digest(join(staged, HANDLER_FILE))).toBe(digest(resolve(HANDLER_BUNDLE_DIR, HANDLER_FILE)));
    expect(existsSync(join(staged, `${HANDLER_FILE}.map`))).toBe(true);
  });

  it('invokes it nightly at 03:00 UTC with the scheduled event itself', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 3 * * ? *)',
      State: 'ENABLED',
      Targets: [
        Match.objectEquals({
          Arn: { 'Fn::GetAtt': [idOf(stack, stack.audit.function), 'Arn'] },
          Id: 'Target0',
        }),
      ],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
    });
  });

  it('keeps reports private, encrypted, TLS only, versioned, expiring after 400 days, access-logged', () => {
    const logsId = idOf(stack, stack.reports.accessLogs);
    const reportsId = idOf(stack, stack.reports.bucket);
    const privateEncrypted = {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    };
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        ...privateEncrypted,
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: { DestinationBucketName: { Ref: logsId }, LogFilePrefix: 'reports/' },
        LifecycleConfiguration: {
          Rules: Match.arrayWith([Match.objectLike({ ExpirationInDays: 400, Status: 'Enabled' })]),
        },
      }),
    });
    template.hasResourceProperties('AWS::S3::Bucket', privateEncrypted);
    for (const bucket of [reportsId, logsId]) {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucket },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('encrypts the alert topic with a rotated customer managed key the alarms may use', () => {
    const keyId = idOf(stack, stack.alerts.key);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: {
              ArnLike: {
                'aws:SourceArn': {
                  'Fn::Join': [
                    '',
                    [
                      'arn:',
                      { Ref: 'AWS::Partition' },
                      ':cloudwatch:',
                      { Ref: 'AWS::Region' },
                      ':',
                      { Ref: 'AWS::AccountId' },
                      ':alarm:LambdaVpcAuditor-*',
                    ],
                  ],
                },
              },
            },
          }),
        ],
      },
    });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    template.resourceCountIs('AWS::Chatbot::SlackChannelConfiguration', 0);
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });

  it('alarms to the topic on errors, failed runs, incomplete audits and orphaned ENIs', () => {
    const topic = { Ref: idOf(stack, stack.alerts.topic) };
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').map(([, a]) => a);
    expect(alarms.map((a) => a.AlarmName)).toEqual([
      'LambdaVpcAuditor-function-errors',
      'LambdaVpcAuditor-failed-runs',
      'LambdaVpcAuditor-incomplete-audit',
      'LambdaVpcAuditor-orphaned-enis',
    ]);
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({ AlarmActions: [topic], Threshold: 1, EvaluationPeriods: 1 });
      expect(alarm.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
    }
    expect(alarms[0]).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Statistic: 'Sum' });
    for (const [alarm, metric] of [
      [alarms[2], 'IncompleteRuns'],
      [alarms[3], 'OrphanedEnis'],
    ] as const) {
      expect(alarm).toMatchObject({
        Namespace: 'LambdaVpcAuditor',
        MetricName: metric,
        Dimensions: [{ Name: 'service', Value: 'lambda-vpc-auditor' }],
        Statistic: 'Maximum',
        TreatMissingData: 'ignore',
      });
    }
  });

  it('grants reads on *, and writes only to its reports, topic, key, logs and failed-runs queue', () => {
    const bucket = `<${idOf(stack, stack.reports.bucket)}.Arn>`;
    const logGroup = `<${idOf(stack, stack.audit.logGroup)}>`;
    expect(grants(stack, template)).toEqual([
      ...READ_ACTIONS.map((action) => `${action} *`),
      `s3:GetObject ${bucket}/lambda-vpc-audit/*`,
      `s3:PutObject ${bucket}/lambda-vpc-audit/*`,
      `s3:ListBucket ${bucket}`,
      `sns:Publish <${idOf(stack, stack.alerts.topic)}>`,
      `kms:Decrypt <${idOf(stack, stack.alerts.key)}.Arn>`,
      `kms:GenerateDataKey <${idOf(stack, stack.alerts.key)}.Arn>`,
      `logs:CreateLogStream arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:${logGroup}:*`,
      `logs:PutLogEvents arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:${logGroup}:*`,
      `sqs:SendMessage <${idOf(stack, stack.audit.deadLetterQueue)}.Arn>`,
    ]);
    expect(grants(stack, template).filter((g) => g.startsWith('ec2:') && !/^ec2:Describe/.test(g))).toEqual(
      [],
    );
    const list = roleStatements(stack, template).find((s) => s.Sid === 'ListReports');
    expect(list?.Condition).toEqual({ StringLike: { 's3:prefix': ['lambda-vpc-audit/*'] } });
  });

  it('holds exactly the policy the README documents (infra/print-policy.ts)', () => {
    const documented = deployPolicyDocument(stack.params).Statement.map((s) => [s.Sid, s.Action]);
    const deployed = roleStatements(stack, template).map((s) => [s.Sid, [s.Action].flat()]);
    expect(deployed).toEqual(documented);
  });

  it('gives the function an environment the handler accepts, pointing at the stack’s bucket and topic', () => {
    const config = loadEnvConfig(deployedEnvironment(stack, template, 'eu-west-1'));
    expect(config.publish).toEqual({
      alert: { threshold: 'medium', mode: 'changes' },
      securityHub: false,
      store: { bucket: 'lambdavpcauditor-reportbucketreports-1a2b3c4d5e6f', prefix: 'lambda-vpc-audit' },
      topicArn: 'arn:aws:sns:eu-west-1:123456789012:LambdaVpcAuditor-AlertsTopic-AbCdEf123456',
    });
    expect(config.cleanup).toBeUndefined();
    expect(config.lookbackDays).toBeUndefined();
  });
});

describe('the stacks with every option on', () => {
  it('are one per region, named after it', () => {
    expect(full.stacks.map((s) => [s.stackName, s.region])).toEqual([
      [`${STACK_NAME}-eu-west-1`, 'eu-west-1'],
      [`${STACK_NAME}-us-east-1`, 'us-east-1'],
    ]);
  });

  const [stack] = full.stacks;
  const [template] = full.templates;
  if (!stack || !template) throw new Error('no stack synthesized');

  it('apply the schedule, sizes, retention and tracing given', () => {
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(30 1 ? * MON-FRI *)' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      MemorySize: 3008,
      Timeout: 600,
      TracingConfig: { Mode: 'Active' },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ ExpirationInDays: 90 })]) },
    });
  });

  it('subscribe the emails and a notifications-only Slack channel', () => {
    const topic = { Ref: idOf(stack, stack.alerts.topic) };
    for (const email of FULL_CONTEXT.emails) {
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: email,
        TopicArn: topic,
      });
    }
    const guardrail = idOf(stack, stack.alerts.chatbotGuardrail);
    template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      SlackWorkspaceId: 'T07EA123LEP',
      SlackChannelId: 'C0123ABCD',
      SnsTopicArns: [topic],
      GuardrailPolicies: [{ Ref: guardrail }],
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] },
    });
  });

  it('may delete ENIs of this account and region in the listed VPCs, and read the webhook parameter', () => {
    const given = grants(stack, template);
    expect(given).toEqual(
      expect.arrayContaining([
        'ec2:DeleteNetworkInterface arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:network-interface/*',
        'ssm:GetParameter arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter/auditor/slack-webhook',
        'securityhub:BatchImportFindings arn:<AWS::Partition>:securityhub:<AWS::Region>:<AWS::AccountId>:product/<AWS::AccountId>/default',
        'xray:PutTraceSegments *',
      ]),
    );
    const ec2Writes = given.filter((g) => g.startsWith('ec2:') && !/^ec2:Describe/.test(g));
    expect(ec2Writes).toHaveLength(1);
    const cleanup = roleStatements(stack, template).find((s) => s.Sid === 'DeleteOrphanedLambdaEnis');
    expect(
      ((cleanup?.Condition?.ArnEquals?.['ec2:Vpc'] ?? []) as unknown[]).map((arn) => flattenReference(arn)),
    ).toEqual([
      'arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:vpc/vpc-0a1b2c3d',
      'arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:vpc/vpc-1234567890abcdef0',
    ]);
  });

  it('give every region’s function an environment the handler accepts, with every setting carried', () => {
    const regions = ['eu-west-1', 'us-east-1'];
    full.stacks.forEach((s, i) => {
      const region = regions[i] ?? '';
      const t = full.templates[i];
      if (!t) throw new Error('no template');
      const config = loadEnvConfig(deployedEnvironment(s, t, region));
      expect(config).toMatchObject({
        region,
        lookbackDays: 28,
        cleanup: { mode: 'apply', minOrphanAgeHours: 48 },
        settings: { headroom: 0.25, minAvailabilityZones: 3, internetTagKey: 'egress' },
        publish: {
          alert: { threshold: 'high', mode: 'always' },
          securityHub: true,
          slackWebhook: { kind: 'ssm', name: '/auditor/slack-webhook' },
          store: { prefix: 'audits/lambda' },
        },
      });
    });
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  it.each([
    ['default', byDefault],
    ['every option on', full],
  ])('finds nothing unacknowledged in the %s app', (_name, synth) => {
    const report = new AwsSolutionsChecks().validateScope(synth.app);
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`)).toEqual(
      [],
    );
    expect(report.success).toBe(true);
  });

  it.each([
    ['default', {}],
    ['every option on', FULL_CONTEXT],
  ])('acknowledges exactly the findings the %s stack raises, each with a reason', (_name, context) => {
    const params = parseDeployParameters(context);
    const { app, outdir } = newApp(context);
    try {
      const stack = new AuditorStack(app, STACK_NAME, { params });
      const raised = new AwsSolutionsChecks()
        .validateScope(app)
        .violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} @ ${r.constructPath}`))
        .sort();
      const acknowledged = nagAcknowledgements(stack)
        .map((a) => `${a.id} @ ${a.construct.node.path}/Resource`)
        .sort();
      expect(acknowledged).toEqual(raised);
      for (const a of nagAcknowledgements(stack)) {
        expect(a.id).toMatch(/^AwsSolutions-IAM5\[Resource::/);
        expect(a.reason.length).toBeGreaterThan(150);
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('accepts wildcards only for the account reads, the report prefix, the log group and ENI cleanup', () => {
    const ids = nagAcknowledgements(only(byDefault).stack).map((a) => a.id);
    expect(ids).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
      expect.stringMatching(
        /^AwsSolutions-IAM5\[Resource::<ReportBucketReports[0-9A-F]+\.Arn>\/lambda-vpc-audit\/\*\]$/,
      ),
      expect.stringMatching(/:log-group:<AuditLogs[0-9A-F]+>:\*\]$/),
    ]);
    const [fullStack] = full.stacks;
    if (!fullStack) throw new Error('no stack');
    expect(nagAcknowledgements(fullStack).map((a) => a.id)).toContain(
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:network-interface/*]',
    );
  });
});
