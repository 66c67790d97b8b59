import type { Severity } from './finding.js';

/**
 * The roll-up of a multi-target audit (`--regions`, `--org`, the Step Functions fan-out): one line per target
 * account and region, the totals across them, and the worst findings of all. Built from per-target outcomes
 * (lib/report/assemble/rollup.ts), which are small enough to travel through a Step Functions Map. Pure data.
 */

export const ROLLUP_VERSION = 1;

/**
 * audited: a report was made (perhaps incomplete, perhaps with coverage gaps). failed: the target could not be
 * audited at all (region not enabled, STS unreachable, the audit function failed). not-assumable: the member
 * role could not be assumed; a coverage gap of the roll-up, never a pass.
 */
export type TargetStatus = 'audited' | 'failed' | 'not-assumable';

/** Which account and region a line is about. No region: the account's regions could not even be listed. */
export interface TargetRef {
  accountId: string;
  accountName?: string;
  region?: string;
}

/** A failed check of one target, as the roll-up lists it. */
export interface RollupFinding {
  accountId: string;
  region: string;
  key: string;
  ruleId: string;
  title: string;
  severity: Severity;
  resourceId: string;
  functionName?: string;
  message: string;
}

export interface TargetCounts {
  /** Failed checks by severity. */
  bySeverity: Record<Severity, number>;
  failed: number;
  unknown: number;
  coverageGaps: number;
  vpcFunctions: number;
}

export interface TargetError {
  /** AWS's error code (AccessDenied, InvalidClientTokenId...) or the error's name. */
  code: string;
  message: string;
}

export type AuditedTarget = TargetRef & {
  status: Extract<TargetStatus, 'audited'>;
  region: string;
  runId: string;
  counts: TargetCounts;
  /** Why the report is incomplete (the time budget ran out); absent when it is complete. */
  incomplete?: string;
  /** Where the target's own report is: an S3 URI or a file path. */
  location?: string;
};

export type UnauditedTarget = TargetRef & { status: Exclude<TargetStatus, 'audited'>; error: TargetError };

export type RollupTarget = AuditedTarget | UnauditedTarget;

/** What one target's audit hands to the roll-up: its line, its worst failed checks, and its alert decision. */
export type TargetOutcome =
  | (AuditedTarget & {
      /** The target's worst failed checks, worst first, at most WORST_FINDINGS_PER_TARGET. */
      worst: RollupFinding[];
      /** Why this target alone would have alerted (new failed checks...); absent or empty: nothing to say. */
      alertReasons?: string[];
    })
  | UnauditedTarget;

export interface RollupTotals {
  targets: number;
  accounts: number;
  audited: number;
  failed: number;
  notAssumable: number;
  /** Audited targets whose report is incomplete. */
  incomplete: number;
  /** Audited targets with at least one coverage gap. */
  withCoverageGaps: number;
  /** Failed checks across audited targets, by severity. */
  bySeverity: Record<Severity, number>;
  failedChecks: number;
  unknownChecks: number;
}

export interface Rollup {
  rollupVersion: typeof ROLLUP_VERSION;
  tool: { name: string; version: string };
  runId: string;
  generatedAt: string;
  totals: RollupTotals;
  /** Targets that need attention first (failed, not assumable, incomplete, failed checks), then by account and region. */
  targets: RollupTarget[];
  /** The worst failed checks across all targets, worst first. */
  worstFindings: RollupFinding[];
  /** Failed checks not listed in `worstFindings`. */
  moreFailedChecks: number;
}
