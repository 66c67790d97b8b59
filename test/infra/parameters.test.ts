import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE, parseDeployParameters } from '../../infra/parameters.js';
import { ConfigError } from '../../lib/errors.js';

function problemWith(context: Record<string, unknown>): string {
  try {
    parseDeployParameters(context);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error(`expected ${JSON.stringify(context)} to be refused`);
}

describe('deploy parameters', () => {
  it('defaults to a nightly audit of one region with cleanup off', () => {
    expect(parseDeployParameters({})).toEqual({
      schedule: 'cron(0 3 * * ? *)',
      regions: [],
      emails: [],
      alertThreshold: 'medium',
      alertMode: 'changes',
      retentionDays: 400,
      logRetentionDays: 90,
      cleanup: 'off',
      cleanupMinAgeHours: 24,
      cleanupVpcs: [],
      reportPrefix: 'lambda-vpc-audit',
      memoryMb: 2048,
      timeoutMinutes: 15,
      securityHub: false,
      tracing: false,
      settings: {},
    });
  });

  it('takes -c strings: comma-separated lists, numbers, booleans, percentages', () => {
    const params = parseDeployParameters({
      emails: 'ops@example.com, security@example.org,ops@example.com',
      regions: 'eu-west-1,us-east-1',
      retentionDays: '730',
      memoryMb: '3008',
      securityHub: 'true',
      tracing: 'false',
      cleanup: 'dry-run',
      cleanupMinAgeHours: '0',
      cleanupVpcs: 'vpc-0a1b2c3d4e5f60718',
      headroom: '20%',
      reportPrefix: '/audits/lambda/',
      slackWebhook: 'secretsmanager:auditor/slack',
    });
    expect(params).toMatchObject({
      emails: ['ops@example.com', 'security@example.org'],
      regions: ['eu-west-1', 'us-east-1'],
      retentionDays: 730,
      memoryMb: 3008,
      securityHub: true,
      tracing: false,
      cleanup: 'dry-run',
      cleanupMinAgeHours: 0,
      cleanupVpcs: ['vpc-0a1b2c3d4e5f60718'],
      settings: { headroom: '20%' },
      reportPrefix: 'audits/lambda',
      slackWebhook: {
        text: 'secretsmanager:auditor/slack',
        source: { kind: 'secretsmanager', id: 'auditor/slack' },
      },
    });
  });

  it('takes cdk.json values: lists, numbers and booleans', () => {
    const params = parseDeployParameters({
      emails: ['ops@example.com'],
      logRetentionDays: 30,
      tracing: true,
      minAvailabilityZones: 3,
      slackWorkspaceId: 'T07EA123LEP',
      slackChannelId: 'C0123ABCD',
    });
    expect(params).toMatchObject({
      emails: ['ops@example.com'],
      logRetentionDays: 30,
      tracing: true,
      settings: { minAvailabilityZones: '3' },
      chatbot: { workspaceId: 'T07EA123LEP', channelId: 'C0123ABCD' },
    });
  });

  it('accepts EventBridge cron and rate expressions', () => {
    for (const schedule of [DEFAULT_SCHEDULE, 'cron(30 1 ? * MON-FRI *)', 'rate(1 day)', 'rate(12 hours)']) {
      expect(parseDeployParameters({ schedule }).schedule).toBe(schedule);
    }
  });

  it('leaves CDK’s own context alone (feature flags, lookups, CLI settings)', () => {
    expect(() =>
      parseDeployParameters({
        '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
        'aws:cdk:enable-path-metadata': true,
        'cli-telemetry': false,
        'availability-zones:account=123456789012:region=eu-west-1': ['eu-west-1a'],
      }),
    ).not.toThrow();
  });

  it.each([
    [{ schedule: 'cron(0 3 * * * *)' }, 'schedule: "cron(0 3 * * * *)" is not an EventBridge schedule'],
    [{ schedule: 'rate(30 minutes)' }, 'schedule: "rate(30 minutes)" is not an EventBridge schedule'],
    [{ schedule: 'rate(1 days)' }, 'schedule: "rate(1 days)" is not an EventBridge schedule'],
    [{ alertThreshold: 'urgent' }, 'alertThreshold: "urgent" is not a severity'],
    [{ alertMode: 'sometimes' }, 'alertMode: "sometimes" is not an alert mode'],
    [{ emails: 'ops@example.com,not-an-email' }, 'emails.1: "not-an-email" is not an email address'],
    [{ regions: 'eu-west' }, 'regions.0: "eu-west" is not an AWS region name'],
    [{ retentionDays: 0 }, 'retentionDays: must be a whole number from 1 to 36500, got "0"'],
    [
      { logRetentionDays: '10' },
      'logRetentionDays: must be one of the retention periods CloudWatch Logs accepts',
    ],
    [{ cleanup: 'yes' }, 'cleanup: "yes" is not a cleanup mode (off, dry-run or apply)'],
    [{ cleanup: 'apply', cleanupVpcs: 'vpc-1' }, 'cleanupVpcs.0: "vpc-1" is not a VPC id'],
    [{ memoryMb: '64' }, 'memoryMb: must be a whole number from 128 to 10240, got "64"'],
    [{ timeoutMinutes: 20 }, 'timeoutMinutes: must be a whole number from 1 to 15, got "20"'],
    [{ lookbackDays: 500 }, 'lookbackDays: lookback days must be a whole number ≥ 1 and ≤ 455'],
    [{ headroom: 'lots' }, 'headroom: headroom must be a number'],
    [{ reportPrefix: 'a/../b' }, 'reportPrefix: "a/../b" is not a usable key prefix'],
    // In the role's `<prefix>/*` grants a `*` would reach every prefix it matches.
    [{ reportPrefix: 'team*' }, 'reportPrefix: "team*" is not a usable key prefix'],
    [{ securityHub: 'maybe' }, 'securityHub: "maybe" is not true or false'],
    [
      { slackWebhook: 'https://hooks.slack.com/services/T0/B0/x' },
      'slackWebhook: must name where the webhook URL is kept',
    ],
    [{ slackWorkspaceId: 'T07EA123LEP' }, 'slackChannelId: needed with slackWorkspaceId'],
    [
      { cleanupVpcs: 'vpc-0a1b2c3d' },
      'cleanupVpcs: only applies with cleanup dry-run or apply (cleanup is off)',
    ],
    [{ alertTreshold: 'high' }, 'unknown context key "alertTreshold"'],
  ])('refuses %j, naming the key', (context, message) => {
    const problem = problemWith(context);
    expect(problem).toContain(
      'Invalid deploy parameters (CDK context: infra/cdk.json "context" or -c key=value)',
    );
    expect(problem).toContain(message);
  });

  it('names every wrong key at once', () => {
    const problem = problemWith({ retentionDays: 'forever', cleanup: 'always', memoryMb: 1 });
    expect(problem).toContain('retentionDays:');
    expect(problem).toContain('cleanup:');
    expect(problem).toContain('memoryMb:');
  });
});
