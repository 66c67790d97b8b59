import type { RuleResult } from '../model/finding.js';
import type { VpcFunction } from './snapshot-index.js';

/** What a function-level check concluded: its result without the resource fields. */
export type FunctionVerdict = Pick<RuleResult, 'status' | 'severity' | 'message' | 'evidence'>;

/**
 * The function's result. One object literal rather than `{ ...resource, status, ... }`, which V8 builds several
 * times slower: every function rule makes one result per VPC function, tens of thousands in a large account.
 */
export function functionResult(fn: VpcFunction, verdict: FunctionVerdict): RuleResult {
  const result: RuleResult = {
    resourceType: 'function',
    resourceId: fn.name,
    resourceArn: fn.arn,
    functionName: fn.name,
    status: verdict.status,
    message: verdict.message,
    evidence: verdict.evidence,
  };
  if (verdict.severity !== undefined) result.severity = verdict.severity;
  return result;
}
