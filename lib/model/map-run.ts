/**
 * The Step Functions fan-out's Distributed Map as data: the targets the plan hands it, and what each child
 * execution left. Written and read by the fan-out's tasks (lib/lambda/plan.ts, lib/lambda/rollup.ts).
 */

/** A target as the plan hands it to the Map: the audit function's `target` payload. */
export interface PlannedTarget {
  accountId: string;
  accountName?: string;
  region: string;
  roleArn?: string;
}

/** One child execution of the Distributed Map, as its ResultWriter stores it (Input and Output parsed). */
export interface MapResultEntry {
  /** SUCCEEDED, FAILED, TIMED_OUT or ABORTED. */
  status: string;
  input?: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
}
