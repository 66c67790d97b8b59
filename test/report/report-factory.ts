import { type Finding, SEVERITIES, type Severity } from '../../lib/model/finding.js';
import type { InventoryFunction, Report, RuleSummary } from '../../lib/model/report.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../lib/model/settings.js';
import type { CoverageGap } from '../../lib/model/snapshot.js';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

export function makeFinding(overrides: Partial<Finding> = {}): Finding {
  const ruleId = overrides.ruleId ?? 'function-multi-az';
  const resourceId = overrides.resourceId ?? 'orders-api';
  return {
    key: `${ruleId}:${resourceId}`,
    ruleId,
    title: 'VPC function spans too few Availability Zones',
    status: 'fail',
    severity: 'medium',
    resourceType: 'function',
    resourceId,
    resourceArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${resourceId}`,
    functionName: resourceId,
    message: `${resourceId} runs in 1 Availability Zone (eu-west-1a) for version $LATEST; at least 2 needed.`,
    evidence: { minimum: 2, availabilityZones: ['eu-west-1a'] },
    remediation: 'Configure at least one subnet in each of two or more Availability Zones.',
    ...overrides,
  };
}

export function makeInventoryFunction(overrides: Partial<InventoryFunction> = {}): InventoryFunction {
  const name = overrides.name ?? 'orders-api';
  return {
    name,
    arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
    networking: 'vpc-config',
    capacityProviders: [],
    memorySize: 512,
    runtime: 'nodejs20.x',
    vpcIds: ['vpc-0a1b2c3d4e5f60718'],
    subnets: [
      { subnetId: 'subnet-0aaaaaaaaaaaaaaa1', availabilityZone: 'eu-west-1a' },
      { subnetId: 'subnet-0bbbbbbbbbbbbbbb2', availabilityZone: null },
    ],
    securityGroups: ['sg-0123456789abcdef0'],
    role: `arn:aws:iam::${ACCOUNT}:role/${name}-role`,
    state: 'Active',
    reservedConcurrency: null,
    versions: ['$LATEST', '3'],
    ...overrides,
  };
}

export function makeCoverageGap(overrides: Partial<CoverageGap> = {}): CoverageGap {
  return {
    part: 'subnets',
    api: 'ec2:DescribeSubnets',
    errorCode: 'UnauthorizedOperation',
    message: 'You are not authorized to perform this operation.',
    ...overrides,
  };
}

/** A rule summary with its metadata filled in plausibly; the counts and anything else from `overrides`. */
export function makeRuleSummary(overrides: Partial<RuleSummary> & Pick<RuleSummary, 'id'>): RuleSummary {
  const severity = overrides.severity ?? 'medium';
  return {
    title: 'VPC function spans too few Availability Zones',
    severity,
    severities: [severity],
    resourceType: 'function',
    risk: 'Lambda runs a VPC function only in the Availability Zones of its subnets.',
    remediation: 'Configure at least one subnet in each of two or more Availability Zones.',
    docs: ['https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html'],
    pass: 0,
    fail: 0,
    unknown: 0,
    ...overrides,
  };
}

/** One rule summary per rule that has findings, with `passes` passed checks each, so totals add up. */
function ruleSummaries(findings: readonly Finding[], passes: number): RuleSummary[] {
  const rules = new Map<string, RuleSummary>();
  for (const finding of findings) {
    const rule =
      rules.get(finding.ruleId) ??
      makeRuleSummary({
        id: finding.ruleId,
        title: finding.title,
        severity: finding.severity,
        resourceType: finding.resourceType,
        remediation: finding.remediation,
        pass: passes,
      });
    rule[finding.status] += 1;
    rules.set(finding.ruleId, rule);
  }
  return [...rules.values()];
}

export interface ReportParts {
  findings?: Finding[];
  rules?: RuleSummary[];
  inventory?: InventoryFunction[];
  coverage?: CoverageGap[];
  incomplete?: { reason: string };
  lambdaEnis?: number | null;
}

/** A Report whose summary is derived from its parts, as buildReport would derive it. */
export function makeReport(parts: ReportParts = {}): Report {
  const findings = parts.findings ?? [];
  const rules = parts.rules ?? ruleSummaries(findings, 3);
  const inventory = parts.inventory ?? [makeInventoryFunction()];
  const coverage = parts.coverage ?? [];
  const failed = findings.filter((finding) => finding.status === 'fail');
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<
    Severity,
    number
  >;
  for (const finding of failed) bySeverity[finding.severity] += 1;
  return {
    reportVersion: 1,
    tool: { name: 'lambda-vpc-auditor', version: '0.1.0' },
    runId: 'run-2024-05-01-abc123',
    generatedAt: '2024-05-01T03:00:05.000Z',
    accountId: ACCOUNT,
    region: REGION,
    capturedAt: '2024-05-01T03:00:00.000Z',
    ...(parts.incomplete ? { incomplete: parts.incomplete } : {}),
    settings: { ...DEFAULT_ANALYSIS_SETTINGS },
    summary: {
      bySeverity,
      failed: failed.length,
      unknown: findings.length - failed.length,
      functionsAudited: inventory.length + 2,
      vpcFunctions: inventory.length,
      vpcFunctionVersions: inventory.reduce((sum, fn) => sum + fn.versions.length, 0),
      lambdaEnis: parts.lambdaEnis === undefined ? 4 : parts.lambdaEnis,
      coverageGaps: coverage.length,
      ruleErrors: rules.filter((rule) => rule.error !== undefined).length,
    },
    findings,
    rules,
    inventory,
    coverage,
  };
}

/** Three failed findings of three severities, listed worst first as buildReport sorts them. */
export function threeFindings(): Finding[] {
  return [
    makeFinding({
      ruleId: 'function-role-exists',
      title: 'VPC function execution role is missing',
      severity: 'critical',
      resourceId: 'payments-worker',
      resourceType: 'function',
      message: `Execution role arn:aws:iam::${ACCOUNT}:role/payments-worker-role does not exist; invocations fail.`,
      remediation: 'Recreate the role, or point the function at an existing role with the VPC access policy.',
    }),
    makeFinding({ resourceId: 'orders-api', severity: 'medium' }),
    makeFinding({
      ruleId: 'function-dedicated-tenancy',
      title: 'VPC function in a dedicated-tenancy VPC',
      severity: 'low',
      resourceId: 'reports-nightly',
      message: 'reports-nightly is attached to vpc-0a1b2c3d4e5f60718, whose instance tenancy is dedicated.',
      remediation: 'Move the function to subnets of a VPC with default tenancy.',
    }),
  ];
}
