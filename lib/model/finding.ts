import type { SnapshotPart } from './snapshot.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is worse; used to sort and to compare against `--fail-on` and alert thresholds. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

export const RESOURCE_TYPES = [
  'function',
  'subnet',
  'vpc',
  'security-group',
  'network-interface',
  'role',
  'nat-gateway',
  'capacity-provider',
  'account',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** pass: checked and fine. fail: checked and wrong. unknown: an input it needs was not collected. */
export type CheckStatus = 'pass' | 'fail' | 'unknown';

/** What a rule says about one resource. */
export interface RuleResult {
  status: CheckStatus;
  resourceType: ResourceType;
  resourceId: string;
  resourceArn?: string;
  functionName?: string;
  /** Overrides the rule's default severity (e.g. graded by how far short a subnet is). */
  severity?: Severity;
  message: string;
  evidence: Record<string, unknown>;
}

/** A fail or unknown result, as it appears in a report. */
export interface Finding {
  /** Stable across runs: `<ruleId>:<resourceId>`; what the diff of two reports matches on. */
  key: string;
  ruleId: string;
  title: string;
  status: Exclude<CheckStatus, 'pass'>;
  severity: Severity;
  resourceType: ResourceType;
  resourceId: string;
  resourceArn?: string;
  functionName?: string;
  message: string;
  evidence: Record<string, unknown>;
  remediation: string;
  /** When this finding was first reported failing (ISO); set when compared with a previous report. */
  firstSeen?: string;
  /** Set when the run was compared with a previous report (lib/report/assemble/diff.ts). */
  change?: FindingChange;
}

/** `new`: not reported last run (or reported only as unknown); `open`: reported last run and still there. */
export type FindingChange = 'new' | 'open';

/** The README's rule tables, in README order; the report groups the routing rules' findings by VPC. */
export const RULE_SECTIONS = ['configuration', 'orphans-and-roles', 'demand', 'routing'] as const;
export type RuleSection = (typeof RULE_SECTIONS)[number];

export interface RuleMetadata {
  /** Equals the rule's file name. */
  id: string;
  title: string;
  /** The severity of a result that sets none (an ungraded failure, an unknown). */
  severity: Severity;
  /** Every severity its results can carry, worst first: `severity` and each grade. */
  severities: readonly Severity[];
  /** How it picks among `severities`, when it grades: "by shortfall", "critical at 100%". */
  grading?: string;
  section: RuleSection;
  /** What a failure is, in one line of Markdown: the README's rule tables show it. */
  finds: string;
  resourceType: ResourceType;
  /**
   * What the rule judges of capacity providers (Lambda Managed Instances) besides its own resource type: each
   * provider once, as a `capacity-provider` result naming the functions on it (`providers`), or each function
   * on a provider as a `function` result (`functions`), or each subnet a provider launches in beside the functions'
   * (`subnets`). The engine marks those unknown too when an input is missing.
   */
  capacityProviders?: 'providers' | 'functions' | 'subnets';
  /** Snapshot parts the rule reads; when one is missing, every resource it would check is unknown. */
  requires: readonly SnapshotPart[];
  risk: string;
  remediation: string;
  docs: readonly string[];
}
