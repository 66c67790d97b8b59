import type { CleanupReport } from './cleanup.js';
import type { DemandModel } from './demand.js';
import type { ReportedEniDependencies } from './eni-dependencies.js';
import type { ExecutionRoleSummary } from './execution-roles.js';
import type { Finding, ResourceType, Severity } from './finding.js';
import type { FunctionNetworking } from './function-networking.js';
import type { RoutingSection } from './routing.js';
import type { AnalysisSettings } from './settings.js';
import type { CoverageGap } from './snapshot.js';

export const REPORT_VERSION = 1;

/** A rule as the report shows it: its metadata (so every format can explain it) and its counts. */
export interface RuleSummary {
  id: string;
  title: string;
  severity: Severity;
  /** Every severity its results can carry, worst first (RuleMetadata.severities). */
  severities: Severity[];
  /** How it picks among them, when it grades. */
  grading?: string;
  resourceType: ResourceType;
  risk: string;
  remediation: string;
  docs: string[];
  pass: number;
  fail: number;
  unknown: number;
  /** The rule threw: its resources are unknown. */
  error?: string;
}

export interface ReportSummary {
  /** Failed checks by severity. */
  bySeverity: Record<Severity, number>;
  failed: number;
  /** Checks that could not be made because an input was not collected or a rule failed. */
  unknown: number;
  /** Distinct function names, VPC or not. */
  functionsAudited: number;
  /** Functions with at least one VPC-enabled configuration ($LATEST or a published version), their own or a capacity provider's. */
  vpcFunctions: number;
  /** VPC-enabled configurations counted one per version. */
  vpcFunctionVersions: number;
  /** Lambda ENIs seen; null when ENIs could not be collected. */
  lambdaEnis: number | null;
  coverageGaps: number;
  ruleErrors: number;
}

export interface InventorySubnet {
  subnetId: string;
  /** Null when the subnet was not found (deleted, or subnets not collected). */
  availabilityZone: string | null;
}

export interface InventoryFunction {
  name: string;
  arn: string;
  /** How it puts network interfaces in a VPC: its own VpcConfig, or a capacity provider's subnets. */
  networking: FunctionNetworking;
  /** The capacity providers (names) its versions run on; empty for `vpc-config`. */
  capacityProviders: string[];
  memorySize: number;
  runtime: string | null;
  vpcIds: string[];
  subnets: InventorySubnet[];
  securityGroups: string[];
  role: string;
  /** GetFunction's State; null when not collected. */
  state: string | null;
  reservedConcurrency: number | null;
  /** Versions with a VPC configuration ("$LATEST", "1", ...). */
  versions: string[];
}

/** A finding that failed in the previous report, as the diff lists it. */
export interface PreviousFinding {
  key: string;
  ruleId: string;
  title: string;
  severity: Severity;
  resourceType: ResourceType;
  resourceId: string;
  functionName?: string;
  /** The message of the previous report. */
  message: string;
  firstSeen: string;
}

/** This run against the previous one (lib/report/assemble/diff.ts); `unavailable` when they could not be compared. */
export type ReportChanges =
  | {
      status: 'compared';
      /** The report compared against; null on the first run, when every finding is new. */
      previous: { runId: string; generatedAt: string } | null;
      /** Failed findings new in this run. */
      new: number;
      /** Failed findings already reported and still failing. */
      open: number;
      /** Failed last run, checked again and passed (or the resource is gone). */
      resolved: PreviousFinding[];
      /** Failed last run and absent now, but this run could not check them: not counted as resolved. */
      unconfirmed: PreviousFinding[];
    }
  | { status: 'unavailable'; reason: string };

/** `--severity` / `--min-severity`: which severities the finding lists keep, and how many they leave out. */
export interface FindingFilter {
  severities: Severity[];
  hiddenFailed: number;
  hiddenUnknown: number;
}

export interface Report {
  reportVersion: typeof REPORT_VERSION;
  tool: { name: string; version: string };
  runId: string;
  generatedAt: string;
  accountId: string;
  region: string;
  capturedAt: string;
  /** Set when the collection stopped early; the report then covers only what was collected. */
  incomplete?: { reason: string };
  /** The function names or ARN patterns the report was limited to (an on-demand run); absent: every function. */
  functionFilter?: string[];
  settings: AnalysisSettings;
  summary: ReportSummary;
  /** Set when the run was compared with the previous report. */
  changes?: ReportChanges;
  /** Set when the finding lists were limited to some severities; `summary` still counts every finding. */
  findingFilter?: FindingFilter;
  /** Failed and unknown checks, worst first. Passed checks are counted in `rules`. */
  findings: Finding[];
  rules: RuleSummary[];
  inventory: InventoryFunction[];
  /** Each VPC function's egress path and the routing findings, by VPC; absent when functions were not collected. */
  routing?: RoutingSection;
  /** ENI demand against subnet IPs and quotas (lib/analyze/demand.ts); absent when functions were not collected. */
  demand?: DemandModel;
  /** Which Lambda ENIs each security group and subnet holds, and who uses them; absent when not collected. */
  eniDependencies?: ReportedEniDependencies;
  /** What the opt-in ENI cleanup did; absent when it was not enabled. */
  cleanup?: CleanupReport;
  /** How the execution roles were checked; absent when functions or roles were not collected. */
  executionRoles?: ExecutionRoleSummary;
  coverage: CoverageGap[];
}
