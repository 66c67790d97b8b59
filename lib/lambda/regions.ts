import { runFanOut } from '../fanout/pipeline.js';
import { SEVERITIES, type Severity } from '../model/finding.js';
import type { ReportSummary } from '../model/report.js';
import { fanOutRunOf, type HandlerDeps, type Invocation } from './invocation.js';
import type { AuditedResponse } from './response.js';

/**
 * A direct invoke naming several regions of the function's own account (`{ "regions": [...] }`): the fan-out
 * pipeline (lib/fanout/pipeline.ts) over them, with the same deadline for each, each report stored on its own,
 * then the roll-up stored and ONE alert sent. An organization-wide fan-out belongs to the Step Functions state
 * machine (infra/fanout-stack.ts), not to one invocation.
 */

/** The summaries of the audited regions added up; ENIs unknown when any region's are. */
function addSummaries(summaries: readonly ReportSummary[]): ReportSummary {
  const total: ReportSummary = {
    bySeverity: Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>,
    failed: 0,
    unknown: 0,
    functionsAudited: 0,
    vpcFunctions: 0,
    vpcFunctionVersions: 0,
    lambdaEnis: summaries.length === 0 ? null : 0,
    coverageGaps: 0,
    ruleErrors: 0,
  };
  for (const s of summaries) {
    for (const severity of SEVERITIES) total.bySeverity[severity] += s.bySeverity[severity];
    total.failed += s.failed;
    total.unknown += s.unknown;
    total.functionsAudited += s.functionsAudited;
    total.vpcFunctions += s.vpcFunctions;
    total.vpcFunctionVersions += s.vpcFunctionVersions;
    total.lambdaEnis =
      total.lambdaEnis === null || s.lambdaEnis === null ? null : total.lambdaEnis + s.lambdaEnis;
    total.coverageGaps += s.coverageGaps;
    total.ruleErrors += s.ruleErrors;
  }
  return total;
}

export async function auditRegions(
  invocation: Invocation,
  regions: readonly string[],
  deps: HandlerDeps,
): Promise<AuditedResponse> {
  const { request, runId } = invocation;
  const { config } = deps;
  const accountId = await invocation.discovery.callerAccount();
  const plan = { targets: regions.map((region) => ({ accountId, region })), unreachable: [] };
  const { runs, rollup, published } = await runFanOut(plan, fanOutRunOf(invocation, deps), deps.audit, {
    ...(request.publish
      ? { publish: { config: config.publish, clients: deps.publish.clients, region: config.region } }
      : {}),
  });
  const audited = runs.flatMap((target) => (target.result ? [target.result.report.summary] : []));
  return {
    ok: true,
    runId,
    trigger: request.trigger,
    accountId,
    region: config.region,
    summary: addSummaries(audited),
    rollup: {
      totals: rollup.totals,
      targets: rollup.targets,
      ...(published ? { publish: published } : {}),
    },
  };
}
