import { type Finding, SEVERITIES } from '../model/finding.js';
import type {
  InventoryFunction,
  InventorySubnet,
  Report,
  ReportSummary,
  RuleSummary,
} from '../model/report.js';
import type { CoverageGap } from '../model/snapshot.js';

/**
 * Key order of each model object, as declared in lib/model. JSON follows insertion order, so a Report built
 * elsewhere (a test, a replayed file) would otherwise serialise differently and make report diffs noisy.
 * `Complete` fails to compile when the model gains a key that is not listed here.
 */
type Complete<T, Keys extends readonly (keyof T)[]> =
  Exclude<keyof T, Keys[number]> extends never ? Keys : never;

function keyOrder<T>() {
  return <const Keys extends readonly (keyof T)[]>(keys: Complete<T, Keys>): readonly (keyof T)[] => keys;
}

const REPORT_KEYS = keyOrder<Report>()([
  'reportVersion',
  'tool',
  'runId',
  'generatedAt',
  'accountId',
  'region',
  'capturedAt',
  'incomplete',
  'functionFilter',
  'settings',
  'summary',
  'changes',
  'findings',
  'rules',
  'inventory',
  'routing',
  'demand',
  'eniDependencies',
  'cleanup',
  'coverage',
]);
const SUMMARY_KEYS = keyOrder<ReportSummary>()([
  'bySeverity',
  'failed',
  'unknown',
  'functionsAudited',
  'vpcFunctions',
  'vpcFunctionVersions',
  'lambdaEnis',
  'coverageGaps',
  'ruleErrors',
]);
const FINDING_KEYS = keyOrder<Finding>()([
  'key',
  'ruleId',
  'title',
  'status',
  'severity',
  'resourceType',
  'resourceId',
  'resourceArn',
  'functionName',
  'message',
  'evidence',
  'remediation',
  'firstSeen',
  'change',
]);
const RULE_KEYS = keyOrder<RuleSummary>()([
  'id',
  'title',
  'severity',
  'resourceType',
  'pass',
  'fail',
  'unknown',
  'error',
]);
const INVENTORY_KEYS = keyOrder<InventoryFunction>()([
  'name',
  'arn',
  'memorySize',
  'runtime',
  'vpcIds',
  'subnets',
  'securityGroups',
  'role',
  'state',
  'reservedConcurrency',
  'versions',
]);
const SUBNET_KEYS = keyOrder<InventorySubnet>()(['subnetId', 'availabilityZone']);
const GAP_KEYS = keyOrder<CoverageGap>()(['part', 'api', 'errorCode', 'message', 'resource']);

/** A copy of `value` with `keys` first, in that order; keys the list does not know keep their place after. */
function ordered<T extends object>(value: T, keys: readonly (keyof T)[]): T {
  const copy: Partial<T> = {};
  for (const key of keys) if (key in value) copy[key] = value[key];
  return Object.assign(copy, value);
}

function orderedReport(report: Report): Report {
  return ordered(
    {
      ...report,
      summary: ordered(
        { ...report.summary, bySeverity: ordered(report.summary.bySeverity, SEVERITIES) },
        SUMMARY_KEYS,
      ),
      findings: report.findings.map((finding) => ordered(finding, FINDING_KEYS)),
      rules: report.rules.map((rule) => ordered(rule, RULE_KEYS)),
      inventory: report.inventory.map((fn) =>
        ordered({ ...fn, subnets: fn.subnets.map((subnet) => ordered(subnet, SUBNET_KEYS)) }, INVENTORY_KEYS),
      ),
      coverage: report.coverage.map((gap) => ordered(gap, GAP_KEYS)),
    },
    REPORT_KEYS,
  );
}

/** The Report as pretty JSON with a trailing newline; what `--format json` prints and S3 stores. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(orderedReport(report), null, 2)}\n`;
}
