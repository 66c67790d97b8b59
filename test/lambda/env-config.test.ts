import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../lib/errors.js';
import { cleanupOptionsFromEnv, loadEnvConfig } from '../../lib/lambda/env-config.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../lib/model/settings.js';
import { DEFAULT_MIN_ORPHAN_AGE_HOURS } from '../../lib/settings/cleanup.js';

describe('loadEnvConfig', () => {
  it('applies the defaults for what is not set (empty counts as not set)', () => {
    expect(loadEnvConfig({ AWS_REGION: 'eu-west-1', REPORT_BUCKET: 'audit-reports', TOPIC_ARN: '' })).toEqual(
      {
        region: 'eu-west-1',
        settings: DEFAULT_ANALYSIS_SETTINGS,
        publish: {
          alert: { threshold: 'medium', mode: 'changes' },
          securityHub: false,
          store: { bucket: 'audit-reports', prefix: 'lambda-vpc-audit' },
        },
        timeReserveMs: 60_000,
      },
    );
  });

  it('reads every setting', () => {
    const config = loadEnvConfig({
      AWS_REGION: 'eu-central-1',
      REPORT_BUCKET: 'audit-reports',
      REPORT_PREFIX: '/team/audit/',
      REPORT_KMS_KEY_ID: 'alias/audit',
      TOPIC_ARN: 'arn:aws:sns:eu-central-1:123456789012:alerts',
      ALERT_THRESHOLD: 'high',
      ALERT_MODE: 'always',
      SLACK_WEBHOOK_PARAMETER: 'secretsmanager:audit/slack',
      SECURITY_HUB_EXPORT: 'true',
      LOOKBACK_DAYS: '30',
      TIME_RESERVE_SECONDS: '90',
      MIN_AZS: '3',
      HEADROOM: '50%',
      LEGACY_DIVISOR_GB: '3',
      SUBNET_UTILISATION_THRESHOLD: '0.7',
      QUOTA_UTILISATION_THRESHOLD: '90%',
      INTERNET_TAG_KEY: 'needs-internet',
      FORECAST_HORIZON_DAYS: '60',
      FORECAST_MIN_DAYS: '28',
      ENI_CLEANUP: 'dry-run',
      ENI_CLEANUP_MIN_AGE_HOURS: '48',
    });
    expect(config).toEqual({
      region: 'eu-central-1',
      settings: {
        minAvailabilityZones: 3,
        headroom: 0.5,
        legacyDivisorGb: 3,
        subnetUtilisationThreshold: 0.7,
        quotaUtilisationThreshold: 0.9,
        internetTagKey: 'needs-internet',
        forecastHorizonDays: 60,
        forecastMinDays: 28,
      },
      lookbackDays: 30,
      publish: {
        alert: { threshold: 'high', mode: 'always' },
        securityHub: true,
        store: { bucket: 'audit-reports', prefix: 'team/audit', kmsKeyId: 'alias/audit' },
        topicArn: 'arn:aws:sns:eu-central-1:123456789012:alerts',
        slackWebhook: { kind: 'secretsmanager', id: 'audit/slack' },
      },
      timeReserveMs: 90_000,
      cleanup: { mode: 'dry-run', minOrphanAgeHours: 48 },
    });
  });

  it('fails with one line per wrong variable, naming it', () => {
    expect(() =>
      loadEnvConfig({
        AWS_REGION: 'eu-west-1',
        REPORT_BUCKET: 'Audit_Reports',
        TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:alerts.fifo',
        ALERT_THRESHOLD: 'severe',
        SLACK_WEBHOOK_PARAMETER: 'https://hooks.slack.com/services/T/B/x',
        SECURITY_HUB_EXPORT: 'maybe',
        HEADROOM: 'lots',
        MIN_AZS: '0',
        ENI_CLEANUP: 'yes',
      }),
    ).toThrow(
      [
        'Invalid environment configuration:',
        '  REPORT_BUCKET: "Audit_Reports" is not an S3 bucket name',
        '  TOPIC_ARN: "arn:aws:sns:eu-west-1:123456789012:alerts.fifo" is a FIFO topic; use a standard topic for alerts',
        '  ALERT_THRESHOLD: "severe" is not a severity (one of critical, high, medium, low, info)',
        '  SLACK_WEBHOOK_PARAMETER: must name where the webhook URL is kept: an SSM SecureString (ssm:/name, /name or its ARN) or a Secrets Manager secret (secretsmanager:<name> or its ARN); never the URL itself',
        '  SECURITY_HUB_EXPORT: "maybe" is not true or false',
        '  MIN_AZS: minimum Availability Zones must be a whole number ≥ 1, got "0"',
        '  HEADROOM: headroom must be a number ≥ 0 and ≤ 10 (a fraction such as 0.2, or a percentage such as 20%), got "lots"',
        '  ENI_CLEANUP: "yes" is not a cleanup mode (off, dry-run or apply)',
      ].join('\n'),
    );
    expect(() => loadEnvConfig({})).toThrow(
      'Invalid environment configuration:\n  AWS_REGION: is not set: it names the region to audit (Lambda sets it)',
    );
  });
});

describe('cleanupOptionsFromEnv', () => {
  it('is off unless ENI_CLEANUP says dry-run or apply', () => {
    expect(cleanupOptionsFromEnv({})).toBeUndefined();
    expect(cleanupOptionsFromEnv({ ENI_CLEANUP: 'off' })).toBeUndefined();
    expect(cleanupOptionsFromEnv({ ENI_CLEANUP: 'dry-run' })).toEqual({
      mode: 'dry-run',
      minOrphanAgeHours: DEFAULT_MIN_ORPHAN_AGE_HOURS,
    });
    expect(cleanupOptionsFromEnv({ ENI_CLEANUP: 'apply', ENI_CLEANUP_MIN_AGE_HOURS: '72' })).toEqual({
      mode: 'apply',
      minOrphanAgeHours: 72,
    });
  });

  it('refuses a mode or an age it does not know', () => {
    expect(() => cleanupOptionsFromEnv({ ENI_CLEANUP: 'yes' })).toThrow(ConfigError);
    expect(() => cleanupOptionsFromEnv({ ENI_CLEANUP: 'yes' })).toThrow('"yes" is not a cleanup mode');
    expect(() => cleanupOptionsFromEnv({ ENI_CLEANUP: 'apply', ENI_CLEANUP_MIN_AGE_HOURS: '1.5' })).toThrow(
      'whole number of hours',
    );
  });
});
