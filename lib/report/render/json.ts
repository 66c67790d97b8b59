import { type Finding, SEVERITIES } from '../../model/finding.js';
import type {
  InventoryFunction,
  InventorySubnet,
  Report,
  ReportSummary,
  RuleSummary,
} from '../../model/report.js';
import type { CoverageGap } from '../../model/snapshot.js';

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
  'findingFilter',
  'findings',
  'rules',
  'inventory',
  'routing',
  'demand',
  'eniDependencies',
  'cleanup',
  'executionRoles',
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
  'severities',
  'grading',
  'resourceType',
  'risk',
  'remediation',
  'docs',
  'pass',
  'fail',
  'unknown',
  'error',
]);
const INVENTORY_KEYS = keyOrder<InventoryFunction>()([
  'name',
  'arn',
  'networking',
  'capacityProviders',
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

/** Whether the own keys of `value` already come as `ordered` would put them: the listed ones first, in order. */
function isOrdered<T extends object>(value: T, keys: readonly (keyof T)[]): boolean {
  const own = Object.keys(value);
  let next = 0;
  for (const key of keys) {
    if (!(key in value)) continue;
    if (own[next] !== key) return false;
    next += 1;
  }
  return true;
}

/**
 * `value` with `keys` first, in that order; keys the list does not know keep their place after. A copy only
 * when the order differs: the builders write keys in model order, so thousands of objects need none.
 */
function ordered<T extends object>(value: T, keys: readonly (keyof T)[]): T {
  if (isOrdered(value, keys)) return value;
  const copy: Partial<T> = {};
  for (const key of keys) if (key in value) copy[key] = value[key];
  return Object.assign(copy, value);
}

/** The function with its subnets ordered too; the same object when nothing needed reordering. */
function orderedInventory(fn: InventoryFunction): InventoryFunction {
  const subnets = fn.subnets.map((subnet) => ordered(subnet, SUBNET_KEYS));
  const unchanged = subnets.every((subnet, i) => subnet === fn.subnets[i]);
  return ordered(unchanged ? fn : { ...fn, subnets }, INVENTORY_KEYS);
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
      inventory: report.inventory.map(orderedInventory),
      coverage: report.coverage.map((gap) => ordered(gap, GAP_KEYS)),
    },
    REPORT_KEYS,
  );
}

/** The Report as pretty JSON with a trailing newline; what `--format json` prints and S3 stores. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(orderedReport(report), null, 2)}\n`;
}
