import { describe, expect, it } from 'vitest';
import { applyBaseline } from '../../../lib/report/assemble/diff.js';
import { ASFF_SCHEMA_VERSION, renderAsff } from '../../../lib/report/render/asff.js';
import { makeFinding, makeReport, makeRuleSummary, threeFindings } from '../report-factory.js';

const REQUIRED = [
  'SchemaVersion',
  'Id',
  'ProductArn',
  'GeneratorId',
  'AwsAccountId',
  'Types',
  'CreatedAt',
  'UpdatedAt',
  'Severity',
  'Title',
  'Description',
  'Resources',
] as const;

describe('renderAsff', () => {
  it('gives every failed finding the required ASFF fields, with a stable id and the account default product', () => {
    const report = applyBaseline(
      makeReport({
        findings: [
          ...threeFindings(),
          makeFinding({ resourceId: 'x', status: 'unknown', message: 'Cannot check: needs subnets.' }),
        ],
      }),
      { kind: 'none' },
    );
    const findings = renderAsff(report);

    expect(findings).toHaveLength(3);
    for (const finding of findings) {
      for (const field of REQUIRED) expect(finding[field], field).toBeDefined();
      expect(finding.SchemaVersion).toBe(ASFF_SCHEMA_VERSION);
      expect(finding.ProductArn).toBe(
        'arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default',
      );
      expect(finding.Compliance?.Status).toBe('FAILED');
      expect(finding.RecordState).toBe('ACTIVE');
    }
    expect(findings[0]).toMatchObject({
      Id: 'eu-west-1/123456789012/function-role-exists:payments-worker',
      GeneratorId: 'lambda-vpc-auditor/function-role-exists',
      Severity: { Label: 'CRITICAL' },
      Resources: [
        {
          Type: 'AwsLambdaFunction',
          Id: 'arn:aws:lambda:eu-west-1:123456789012:function:payments-worker',
          Partition: 'aws',
          Region: 'eu-west-1',
        },
      ],
      Remediation: { Recommendation: { Text: expect.stringContaining('Recreate the role') } },
    });
    expect(findings[2]?.Severity?.Label).toBe('LOW');
  });

  it('builds ARNs for resources without one, in the right partition, and clips long text to the ASFF limits', () => {
    const report = {
      ...makeReport({
        findings: [
          makeFinding({
            resourceType: 'subnet',
            resourceId: 'subnet-0abc',
            resourceArn: undefined,
            message: 'x'.repeat(5_000),
          }),
        ],
      }),
      region: 'cn-north-1',
    };
    const [finding] = renderAsff(report);
    expect(finding?.Resources?.[0]).toEqual({
      Type: 'AwsEc2Subnet',
      Id: 'arn:aws-cn:ec2:cn-north-1:123456789012:subnet/subnet-0abc',
      Partition: 'aws-cn',
      Region: 'cn-north-1',
    });
    expect(finding?.Description?.length).toBe(1024);
  });

  it('archives what was resolved since the previous report', () => {
    const previous = {
      ...makeReport({ findings: [makeFinding({ resourceId: 'gone-fn' })] }),
      runId: 'previous',
      generatedAt: '2024-04-30T03:00:05.000Z',
    };
    // The rule ran this time and found nothing: the check passed.
    const rules = [
      makeRuleSummary({
        id: 'function-multi-az',
        title: 'VPC function spans too few Availability Zones',
        severity: 'medium',
        resourceType: 'function',
        pass: 3,
        fail: 0,
        unknown: 0,
      }),
    ];
    const report = applyBaseline(makeReport({ findings: [], rules }), { kind: 'report', report: previous });
    expect(renderAsff(report)).toEqual([
      expect.objectContaining({
        Id: 'eu-west-1/123456789012/function-multi-az:gone-fn',
        Compliance: { Status: 'PASSED' },
        RecordState: 'ARCHIVED',
        CreatedAt: '2024-04-30T03:00:05.000Z',
      }),
    ]);
  });
});
