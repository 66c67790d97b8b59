import {
  BatchImportFindingsCommand,
  type BatchImportFindingsCommandOutput,
  type SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { PublishError } from '../errors.js';
import type { AsffFinding } from '../model/asff.js';
import { describeError } from './describe-error.js';

/** BatchImportFindings takes at most 100 findings per call. */
export const SECURITY_HUB_BATCH_SIZE = 100;

export interface ImportResult {
  imported: number;
  failed: number;
  /** Distinct `ErrorCode: ErrorMessage` of the findings Security Hub refused. */
  errors: string[];
}

/**
 * Imports in batches of 100, one call at a time (the API allows 10 per second; a run sends a few). A call
 * that fails stops the export: the findings already imported stay, the error says how far it got.
 */
export async function importFindings(
  securityHub: SecurityHubClient,
  findings: readonly AsffFinding[],
): Promise<ImportResult> {
  const result: ImportResult = { imported: 0, failed: 0, errors: [] };
  for (let start = 0; start < findings.length; start += SECURITY_HUB_BATCH_SIZE) {
    const batch = findings.slice(start, start + SECURITY_HUB_BATCH_SIZE);
    let response: BatchImportFindingsCommandOutput;
    try {
      // Where the model's AsffFinding meets the SDK's AwsSecurityFinding: each field must fit the SDK's field of
      // that name, or the type check fails here.
      response = await securityHub.send(new BatchImportFindingsCommand({ Findings: batch }));
    } catch (error) {
      throw new PublishError(
        `Security Hub BatchImportFindings failed after ${result.imported} of ${findings.length} findings: ${describeError(error)}`,
        { cause: error },
      );
    }
    result.imported += response.SuccessCount ?? 0;
    result.failed += response.FailedCount ?? 0;
    for (const failure of response.FailedFindings ?? []) {
      const error = `${failure.ErrorCode ?? 'Error'}: ${failure.ErrorMessage ?? ''}`.trim();
      if (!result.errors.includes(error)) result.errors.push(error);
    }
  }
  return result;
}
