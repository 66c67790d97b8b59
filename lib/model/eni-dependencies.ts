/**
 * Which Lambda ENIs each security group and subnet holds, and who uses them: the answer to "why can't I delete
 * this security group (DependencyViolation)?". Derived from a snapshot; part of the Report.
 */

/** One Lambda ENI and the functions whose (subnet, security-group set) matches it. */
export interface LambdaEniUse {
  networkInterfaceId: string;
  status: string | null;
  subnetId: string | null;
  securityGroupIds: string[];
  /** The function named in its description: who created it, not necessarily who uses it. */
  creator: string | null;
  /** Functions and published versions whose VPC configuration matches it. */
  users: { functionName: string; version: string }[];
  /**
   * No function or version uses it; null when it cannot be told (no subnet or security group on the ENI, or it
   * belongs to another account).
   */
  orphaned: boolean | null;
}

/** A security group or subnet that Lambda ENIs keep from being deleted. */
export interface EniHolder {
  resourceId: string;
  networkInterfaceIds: string[];
  /** Distinct names of the functions using those ENIs. */
  functions: string[];
  orphanedNetworkInterfaceIds: string[];
}

export interface EniDependencies {
  networkInterfaces: LambdaEniUse[];
  securityGroups: EniHolder[];
  subnets: EniHolder[];
}

/**
 * An ENI as the report carries it: how many configurations use it, not the list. The list repeats for every ENI
 * of a combination and grows with the account (tens of MB for thousands of functions sharing subnets); the
 * `eni` command shows it in full for one resource.
 */
export type ReportedLambdaEni = Omit<LambdaEniUse, 'users'> & { userCount: number };

export interface ReportedEniDependencies {
  networkInterfaces: ReportedLambdaEni[];
  securityGroups: EniHolder[];
  subnets: EniHolder[];
}
