import type { Finding, ResourceType, Severity } from '../../model/finding.js';
import { partitionOf } from '../../model/partition.js';
import type { PreviousFinding, Report, RuleSummary } from '../../model/report.js';
import { type Located, resourceArn } from './arn.js';
import { UNSAFE_CHARACTERS, withoutUnsafeCharacters } from './escape.js';

/**
 * The findings as OCSF 1.6.0 Compliance Findings (class 2003, with the `cloud` profile): the version Security
 * Hub takes (https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-ocsf.html) and the schema
 * Security Lake stores. One finding per failed check (compliance status Fail), per check that could not be made
 * (Warning: "did not yield a result due to missing information"), and per check resolved since the previous run
 * (Pass, activity Close). Pure. https://schema.ocsf.io/1.6.0/classes/compliance_finding
 * Security Lake takes custom sources as OCSF in Apache Parquet, one event class per source
 * (https://docs.aws.amazon.com/security-lake/latest/userguide/custom-sources.html): this JSON is one class,
 * 2003, for a converter to write; Security Hub's own import for custom findings stays ASFF (asff.ts).
 */

export const OCSF_VERSION = '1.6.0';
const CLASS = { uid: 2003, name: 'Compliance Finding', categoryUid: 2, categoryName: 'Findings' } as const;
const ACTIVITY = { create: [1, 'Create'], close: [3, 'Close'] } as const;
const FINDING_TYPE = 'Software and Configuration Checks/AWS Security Best Practices';

const SEVERITY: Record<Severity, readonly [number, string]> = {
  critical: [5, 'Critical'],
  high: [4, 'High'],
  medium: [3, 'Medium'],
  low: [2, 'Low'],
  info: [1, 'Informational'],
};

/** CloudFormation resource type names, as Security Hub's OCSF findings name resources. */
const RESOURCE_TYPE: Record<ResourceType, string> = {
  function: 'AWS::Lambda::Function',
  subnet: 'AWS::EC2::Subnet',
  vpc: 'AWS::EC2::VPC',
  'security-group': 'AWS::EC2::SecurityGroup',
  'network-interface': 'AWS::EC2::NetworkInterface',
  role: 'AWS::IAM::Role',
  'nat-gateway': 'AWS::EC2::NatGateway',
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-capacityprovider.html
  'capacity-provider': 'AWS::Lambda::CapacityProvider',
  account: 'AWS::::Account',
};

/** Compliance status ids of OCSF 1.6.0's compliance object. */
const COMPLIANCE_STATUS = { pass: [1, 'Pass'], unknown: [2, 'Warning'], fail: [3, 'Fail'] } as const;
/** Finding status ids (the `finding` class). */
const FINDING_STATUS = { new: [1, 'New'], resolved: [4, 'Resolved'] } as const;

/** An OCSF event: plain JSON, its shape checked against the vendored OCSF schema in `npm test`. */
export type OcsfFinding = Record<string, unknown>;

const text = (value: string): string => value.replace(UNSAFE_CHARACTERS, '\uFFFD');
const millis = (iso: string): number => Date.parse(iso);

interface Check {
  key: string;
  ruleId: string;
  title: string;
  severity: Severity;
  message: string;
  located: Located;
  evidence?: Record<string, unknown>;
  firstSeen: string;
  compliance: readonly [number, string];
  status: readonly [number, string];
  activity: readonly [number, string];
}

function eventOf(check: Check, report: Report, rule: RuleSummary | undefined): OcsfFinding {
  const [severityId, severity] = SEVERITY[check.severity];
  const [activityId, activityName] = check.activity;
  const arn = resourceArn(check.located, report);
  return {
    activity_id: activityId,
    activity_name: activityName,
    category_uid: CLASS.categoryUid,
    category_name: CLASS.categoryName,
    class_uid: CLASS.uid,
    class_name: CLASS.name,
    type_uid: CLASS.uid * 100 + activityId,
    type_name: `${CLASS.name}: ${activityName}`,
    severity_id: severityId,
    severity,
    time: millis(report.generatedAt),
    status_id: check.status[0],
    status: check.status[1],
    message: text(check.message),
    metadata: {
      version: OCSF_VERSION,
      profiles: ['cloud'],
      product: { name: report.tool.name, vendor_name: report.tool.name, version: report.tool.version },
      uid: `${report.runId}/${check.key}`,
      original_time: report.capturedAt,
    },
    cloud: {
      provider: 'AWS',
      region: report.region,
      cloud_partition: partitionOf(report.region),
      account: { uid: report.accountId, type_id: 10, type: 'AWS Account' },
    },
    finding_info: {
      // Stable across runs, so a consumer updates the same finding.
      uid: `${report.region}/${report.accountId}/${check.key}`,
      title: text(check.title),
      desc: text(check.message),
      types: [FINDING_TYPE],
      first_seen_time: millis(check.firstSeen),
      last_seen_time: millis(report.generatedAt),
    },
    compliance: {
      control: check.ruleId,
      standards: [report.tool.name],
      status_id: check.compliance[0],
      status: check.compliance[1],
      ...(rule === undefined ? {} : { desc: rule.risk }),
    },
    resources: [
      {
        uid: arn,
        name: text(check.located.resourceId),
        type: RESOURCE_TYPE[check.located.resourceType],
        region: report.region,
        cloud_partition: partitionOf(report.region),
        ...(check.evidence === undefined ? {} : { data: withoutUnsafeCharacters(check.evidence) }),
      },
    ],
    ...(rule === undefined
      ? {}
      : {
          remediation: { desc: rule.remediation, ...(rule.docs.length > 0 ? { references: rule.docs } : {}) },
        }),
  };
}

function current(finding: Finding, report: Report): Check {
  return {
    key: finding.key,
    ruleId: finding.ruleId,
    title: finding.title,
    severity: finding.severity,
    message: finding.message,
    located: finding,
    evidence: finding.evidence,
    firstSeen: finding.firstSeen ?? report.generatedAt,
    compliance: finding.status === 'fail' ? COMPLIANCE_STATUS.fail : COMPLIANCE_STATUS.unknown,
    status: FINDING_STATUS.new,
    activity: ACTIVITY.create,
  };
}

function resolved(finding: PreviousFinding, report: Report): Check {
  return {
    key: finding.key,
    ruleId: finding.ruleId,
    title: finding.title,
    severity: finding.severity,
    message: `Resolved: checked again on ${report.generatedAt} and passed. Was: ${finding.message}`,
    located: finding,
    firstSeen: finding.firstSeen,
    compliance: COMPLIANCE_STATUS.pass,
    status: FINDING_STATUS.resolved,
    activity: ACTIVITY.close,
  };
}

/** Every failed and unknown check, and every resolved one when the run was compared with the previous report. */
export function ocsfFindings(report: Report): OcsfFinding[] {
  const rules = new Map(report.rules.map((rule) => [rule.id, rule]));
  const checks = [
    ...report.findings.map((finding) => current(finding, report)),
    ...(report.changes?.status === 'compared' ? report.changes.resolved.map((f) => resolved(f, report)) : []),
  ];
  return checks.map((check) => eventOf(check, report, rules.get(check.ruleId)));
}

/** The OCSF findings as a pretty JSON array with a trailing newline. */
export function renderOcsf(report: Report): string {
  return `${JSON.stringify(ocsfFindings(report), null, 2)}\n`;
}
