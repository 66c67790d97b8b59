import type { AsffFinding, AsffResource, AsffSeverityLabel } from '../../model/asff.js';
import type { Finding, ResourceType, Severity } from '../../model/finding.js';
import { partitionOf } from '../../model/partition.js';
import type { PreviousFinding, Report } from '../../model/report.js';
import { type Located, resourceArn } from './arn.js';
import { UNSAFE_CHARACTERS } from './escape.js';

/**
 * Findings in the AWS Security Finding Format for Security Hub's BatchImportFindings. Failed findings are
 * imported ACTIVE / FAILED; resolved ones (checked again and passed) are re-imported ARCHIVED / PASSED so
 * Security Hub closes them. Unknown checks are not exported: they are neither a failure nor a pass, and a
 * finding left ACTIVE from an earlier run is the safe state when the auditor could not check. Pure.
 */

export const ASFF_SCHEMA_VERSION = '2018-10-08';
const FINDING_TYPE = 'Software and Configuration Checks/AWS Security Best Practices';
const GENERATOR_PREFIX = 'lambda-vpc-auditor';

// ASFF field limits.
const MAX_TITLE = 256;
const MAX_DESCRIPTION = 1024;
const MAX_RECOMMENDATION = 512;

const SEVERITY_LABEL: Record<Severity, AsffSeverityLabel> = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
  info: 'INFORMATIONAL',
};

/** ASFF resource type of our resource types (`Other` when ASFF has none). */
const RESOURCE_TYPE: Record<ResourceType, string> = {
  function: 'AwsLambdaFunction',
  subnet: 'AwsEc2Subnet',
  vpc: 'AwsEc2Vpc',
  'security-group': 'AwsEc2SecurityGroup',
  'network-interface': 'AwsEc2NetworkInterface',
  role: 'AwsIamRole',
  'nat-gateway': 'Other',
  'capacity-provider': 'Other',
  account: 'AwsAccount',
};

function clip(text: string, max: number): string {
  const clean = text.replace(UNSAFE_CHARACTERS, '\uFFFD');
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}

function resourceOf(finding: Located, report: Report): AsffResource {
  return {
    Type: RESOURCE_TYPE[finding.resourceType],
    Id: resourceArn(finding, report),
    Partition: partitionOf(report.region),
    Region: report.region,
  };
}

type Common = Omit<
  AsffFinding,
  'Severity' | 'Title' | 'Description' | 'Remediation' | 'Resources' | 'Compliance' | 'RecordState'
>;

function common(report: Report, key: string, ruleId: string, firstSeen: string): Common {
  const partition = partitionOf(report.region);
  return {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    // Stable across runs, so a re-import updates the same Security Hub finding.
    Id: `${report.region}/${report.accountId}/${key}`,
    ProductArn: `arn:${partition}:securityhub:${report.region}:${report.accountId}:product/${report.accountId}/default`,
    GeneratorId: `${GENERATOR_PREFIX}/${ruleId}`,
    AwsAccountId: report.accountId,
    Types: [FINDING_TYPE],
    CreatedAt: firstSeen,
    UpdatedAt: report.generatedAt,
    FirstObservedAt: firstSeen,
    LastObservedAt: report.generatedAt,
    ProductFields: { 'lambda-vpc-auditor/RuleId': ruleId, 'lambda-vpc-auditor/RunId': report.runId },
  };
}

function failed(finding: Finding, report: Report): AsffFinding {
  return {
    ...common(report, finding.key, finding.ruleId, finding.firstSeen ?? report.generatedAt),
    Severity: { Label: SEVERITY_LABEL[finding.severity] },
    Title: clip(finding.title, MAX_TITLE),
    Description: clip(finding.message, MAX_DESCRIPTION),
    Remediation: { Recommendation: { Text: clip(finding.remediation, MAX_RECOMMENDATION) } },
    Resources: [resourceOf(finding, report)],
    Compliance: { Status: 'FAILED' },
    RecordState: 'ACTIVE',
  };
}

function resolved(finding: PreviousFinding, report: Report): AsffFinding {
  return {
    ...common(report, finding.key, finding.ruleId, finding.firstSeen),
    Severity: { Label: SEVERITY_LABEL[finding.severity] },
    Title: clip(finding.title, MAX_TITLE),
    Description: clip(
      `Resolved: checked again on ${report.generatedAt} and passed. Was: ${finding.message}`,
      MAX_DESCRIPTION,
    ),
    Resources: [resourceOf(finding, report)],
    Compliance: { Status: 'PASSED' },
    RecordState: 'ARCHIVED',
  };
}

/** Every failed finding, and every resolved one when the run was compared with the previous report. */
export function renderAsff(report: Report): AsffFinding[] {
  const active = report.findings.filter((finding) => finding.status === 'fail').map((f) => failed(f, report));
  const archived =
    report.changes?.status === 'compared' ? report.changes.resolved.map((f) => resolved(f, report)) : [];
  return [...active, ...archived];
}
