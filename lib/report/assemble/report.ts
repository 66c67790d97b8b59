import { type ProviderFunction, providerName } from '../../analyze/capacity-providers.js';
import { demandFor } from '../../analyze/demand.js';
import type { Analysis } from '../../analyze/engine.js';
import { eniDependencies } from '../../analyze/eni-dependencies.js';
import { executionRoleSummary } from '../../analyze/role-eni-summary.js';
import type { Rule } from '../../analyze/rule.js';
import { functionVpcIds, type SnapshotIndex, type VpcFunction } from '../../analyze/snapshot-index.js';
import type { CleanupReport } from '../../model/cleanup.js';
import type { EniDependencies, ReportedEniDependencies } from '../../model/eni-dependencies.js';
import { type Finding, SEVERITIES, SEVERITY_RANK, type Severity } from '../../model/finding.js';
import { type InventoryFunction, REPORT_VERSION, type Report, type RuleSummary } from '../../model/report.js';
import type { AnalysisSettings } from '../../model/settings.js';
import type { Snapshot } from '../../model/snapshot.js';
import { compareText } from '../../model/text-order.js';
import { TOOL } from '../../version.js';
import { buildRouting } from './routing.js';

export interface ReportInput {
  snapshot: Snapshot;
  analysis: Analysis;
  rules: readonly Rule[];
  settings: AnalysisSettings;
  runId: string;
  generatedAt: Date;
  cleanup?: CleanupReport;
}

function inventoryOf(fn: VpcFunction | ProviderFunction, index: SnapshotIndex): InventoryFunction {
  const providers = 'capacityProviderArns' in fn ? fn.capacityProviderArns : null;
  return {
    name: fn.name,
    arn: fn.arn,
    networking: providers === null ? 'vpc-config' : 'capacity-provider',
    capacityProviders: (providers ?? []).map(providerName),
    memorySize: fn.memorySize,
    runtime: (fn.latest ?? fn.records[0])?.Runtime ?? null,
    vpcIds: functionVpcIds(fn, index),
    subnets: fn.subnetIds.map((subnetId) => ({
      subnetId,
      availabilityZone: index.subnetById.get(subnetId)?.AvailabilityZone ?? null,
    })),
    securityGroups: fn.securityGroupIds,
    role: fn.role,
    state: fn.detail?.State ?? null,
    reservedConcurrency: fn.detail?.ReservedConcurrentExecutions ?? null,
    versions: fn.records.map((r) => r.Version),
  };
}

function compareFindings(a: Finding, b: Finding): number {
  if (a.status !== b.status) return a.status === 'fail' ? -1 : 1;
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.resourceId, b.resourceId)
  );
}

/** The report keeps a count of each ENI's users, not the list (see ReportedLambdaEni). */
function reportedEniDependencies(dependencies: EniDependencies): ReportedEniDependencies {
  return {
    ...dependencies,
    networkInterfaces: dependencies.networkInterfaces.map(({ users, ...eni }) => ({
      ...eni,
      userCount: users.length,
    })),
  };
}

/** Turns rule outcomes into the versioned Report. Pure. */
export function buildReport(input: ReportInput): Report {
  const { snapshot, analysis, rules, settings } = input;
  const { index } = analysis;
  const dependencies = eniDependencies(snapshot, index);
  const executionRoles = executionRoleSummary(snapshot);
  const ruleById = new Map(rules.map((rule) => [rule.id, rule]));
  const findings: Finding[] = [];
  const ruleSummaries: RuleSummary[] = [];

  for (const outcome of analysis.outcomes) {
    const rule = ruleById.get(outcome.ruleId);
    if (!rule) continue;
    const summary: RuleSummary = {
      id: rule.id,
      title: rule.title,
      severity: rule.severity,
      severities: [...rule.severities],
      ...(rule.grading === undefined ? {} : { grading: rule.grading }),
      resourceType: rule.resourceType,
      risk: rule.risk,
      remediation: rule.remediation,
      docs: [...rule.docs],
      pass: 0,
      fail: 0,
      unknown: 0,
      ...(outcome.error ? { error: outcome.error } : {}),
    };
    for (const result of outcome.results) {
      summary[result.status] += 1;
      if (result.status === 'pass') continue;
      findings.push({
        key: `${rule.id}:${result.resourceId}`,
        ruleId: rule.id,
        title: rule.title,
        status: result.status,
        severity: result.severity ?? rule.severity,
        resourceType: result.resourceType,
        resourceId: result.resourceId,
        ...(result.resourceArn ? { resourceArn: result.resourceArn } : {}),
        ...(result.functionName ? { functionName: result.functionName } : {}),
        message: result.message,
        evidence: result.evidence,
        remediation: rule.remediation,
      });
    }
    ruleSummaries.push(summary);
  }
  findings.sort(compareFindings);

  const failed = findings.filter((f) => f.status === 'fail');
  // In a VPC by their own configuration or through a capacity provider, by name.
  const networked = [...index.vpcFunctions, ...index.providerFunctions].sort((a, b) =>
    compareText(a.name, b.name),
  );
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of failed) bySeverity[finding.severity] += 1;

  return {
    reportVersion: REPORT_VERSION,
    tool: { ...TOOL },
    runId: input.runId,
    generatedAt: input.generatedAt.toISOString(),
    accountId: snapshot.meta.accountId,
    region: snapshot.meta.region,
    capturedAt: snapshot.meta.capturedAt,
    ...(snapshot.meta.incomplete ? { incomplete: snapshot.meta.incomplete } : {}),
    settings,
    summary: {
      bySeverity,
      failed: failed.length,
      unknown: findings.length - failed.length,
      functionsAudited: index.functionNames.length,
      vpcFunctions: new Set([...networked].map((fn) => fn.name)).size,
      vpcFunctionVersions: networked.reduce((sum, fn) => sum + fn.records.length, 0),
      lambdaEnis: snapshot.networkInterfaces?.length ?? null,
      coverageGaps: snapshot.coverage.length,
      ruleErrors: ruleSummaries.filter((r) => r.error).length,
    },
    findings,
    rules: ruleSummaries,
    inventory: networked.map((fn) => inventoryOf(fn, index)),
    ...(snapshot.functions === null ? {} : { routing: buildRouting(index, findings, rules) }),
    // The same memoised model the demand rules judged, so the tables and the findings agree.
    ...(snapshot.functions === null ? {} : { demand: demandFor(snapshot, settings).model }),
    ...(dependencies ? { eniDependencies: reportedEniDependencies(dependencies) } : {}),
    ...(input.cleanup ? { cleanup: input.cleanup } : {}),
    ...(executionRoles ? { executionRoles } : {}),
    coverage: snapshot.coverage,
  };
}
