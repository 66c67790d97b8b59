/** What the opt-in cleanup of orphaned Lambda ENIs did, as recorded in the Report. */

/** `dry-run` plans and asks EC2 (DryRun) whether it would be allowed; `apply` deletes. */
export type CleanupMode = 'dry-run' | 'apply';

export type CleanupOutcome = 'deleted' | 'would-delete' | 'skipped' | 'failed';

export interface CleanupAction {
  networkInterfaceId: string;
  outcome: CleanupOutcome;
  /** Why it was skipped or failed, or what was checked before it was (or would have been) deleted. */
  reason: string;
  /** The EC2 error code of a failed call. */
  errorCode?: string;
  subnetId: string | null;
  securityGroupIds: string[];
  creator: string | null;
  /** When the ENI was first reported orphaned, and how many hours ago (null when unknown). */
  firstSeen: string | null;
  orphanedHours: number | null;
  /** When EC2 answered, for the actions that called it. */
  at?: string;
}

export type CleanupPermissionStatus = 'allowed' | 'denied' | 'unknown' | 'not-checked';

export interface CleanupReport {
  mode: CleanupMode;
  minOrphanAgeHours: number;
  /** EC2's DryRun answer for ec2:DeleteNetworkInterface; `not-checked` when there was nothing to delete. */
  permission: { status: CleanupPermissionStatus; detail: string };
  summary: { candidates: number; deleted: number; wouldDelete: number; skipped: number; failed: number };
  /** One per orphaned ENI considered, in ENI id order. */
  actions: CleanupAction[];
  notes: string[];
}
