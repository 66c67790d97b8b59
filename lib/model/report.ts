import type { AnalysisSettings } from '../analyze/settings.js';
import type { Finding, ResourceType, Severity } from './finding.js';
import type { CoverageGap } from './snapshot.js';

export const REPORT_VERSION = 1;

export interface RuleSummary {
  id: string;
  title: string;
  severity: Severity;
  resourceType: ResourceType;
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
  /** Functions with at least one VPC-enabled configuration ($LATEST or a published version). */
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
  settings: AnalysisSettings;
  summary: ReportSummary;
  /** Failed and unknown checks, worst first. Passed checks are counted in `rules`. */
  findings: Finding[];
  rules: RuleSummary[];
  inventory: InventoryFunction[];
  coverage: CoverageGap[];
}
