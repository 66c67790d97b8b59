import type { Partition } from './partition.js';

/**
 * A finding in the AWS Security Finding Format (ASFF), as Security Hub's BatchImportFindings takes it: the
 * fields the auditor sets, named and typed as the ASFF schema names them, so the renderer needs no SDK package.
 * lib/publish/securityhub.ts hands these to the SDK, where the type checker holds the two shapes together.
 */

export type AsffSeverityLabel = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export interface AsffResource {
  Type: string;
  Id: string;
  Partition: Partition;
  Region: string;
}

export interface AsffFinding {
  SchemaVersion: string;
  /** Stable across runs, so a re-import updates the same Security Hub finding. */
  Id: string;
  ProductArn: string;
  GeneratorId: string;
  AwsAccountId: string;
  Types: string[];
  CreatedAt: string;
  UpdatedAt: string;
  FirstObservedAt: string;
  LastObservedAt: string;
  ProductFields: Record<string, string>;
  Severity: { Label: AsffSeverityLabel };
  Title: string;
  Description: string;
  /** Failed findings only: a resolved one has nothing left to do. */
  Remediation?: { Recommendation: { Text: string } };
  Resources: AsffResource[];
  Compliance: { Status: 'FAILED' | 'PASSED' };
  RecordState: 'ACTIVE' | 'ARCHIVED';
}
