/**
 * The answer of `lambda-vpc-audit can-delete`: whether a security group, subnet or VPC can be deleted now, and
 * for every network interface that keeps it from being deleted (EC2 answers DependencyViolation while one
 * exists), whether it will go away by itself.
 */

export const DELETE_TARGET_KINDS = ['security-group', 'subnet', 'vpc'] as const;
export type DeleteTargetKind = (typeof DELETE_TARGET_KINDS)[number];

export interface DeleteTarget {
  kind: DeleteTargetKind;
  id: string;
}

export type BlockerKind =
  /** A Lambda ENI whose (subnet, security-group set) a function or published version still uses. */
  | 'in-use-by-lambda'
  /** A Lambda ENI nobody uses whose creator's role may delete it: Lambda removes it by itself. */
  | 'lambda-removes-it'
  /** A Lambda ENI nobody uses whose creator's role is gone or may not delete it: it stays until someone does. */
  | 'orphaned-forever'
  /** A Lambda ENI nobody uses for which it cannot be told whether Lambda can still delete it. */
  | 'lambda-cannot-tell'
  /** An interface of another service (an instance, a load balancer, a NAT gateway, an endpoint, ...). */
  | 'other-service';

/** Whether the interface goes away without anyone acting. */
export type Clears = 'by-itself' | 'never' | 'unknown';

export interface BlockingInterface {
  networkInterfaceId: string;
  kind: BlockerKind;
  clears: Clears;
  /** One or two sentences: why it blocks, and what makes it go. */
  reason: string;
  status: string | null;
  interfaceType: string | null;
  description: string | null;
  subnetId: string | null;
  securityGroupIds: string[];
  /** The function named in a Lambda ENI's description (its creator). */
  creator: string | null;
  /** The creator's execution role, as far as it is known, and whether it may delete network interfaces. */
  creatorRole: {
    name: string | null;
    status: 'exists' | 'deleted' | 'unknown';
    mayDelete: 'allowed' | 'denied' | 'unknown';
  } | null;
  /** Functions and published versions whose VPC configuration matches a Lambda ENI. */
  users: { functionName: string; version: string }[];
}

/** A function (its versions) whose VPC configuration still names the subnet, security group or VPC. */
export interface ConfiguredFunction {
  functionName: string;
  versions: string[];
}

export type DeleteVerdict =
  /** Nothing blocks it: it can be deleted now. */
  | 'free'
  /** Something blocks it that will not go away by itself. */
  | 'blocked'
  /** Only Lambda ENIs that Lambda removes by itself (or may) block it: wait for them. */
  | 'waiting'
  /** Whether something blocks it cannot be told. */
  | 'unknown';

export interface DeleteReadiness {
  target: DeleteTarget;
  accountId: string;
  region: string;
  /** `live`: the interfaces were read from EC2 now; `snapshot`: the snapshot's Lambda ENIs (others not recorded). */
  source: 'live' | 'snapshot';
  /** When the interfaces were read (the last re-read when waiting). */
  checkedAt: string;
  verdict: DeleteVerdict;
  blockers: BlockingInterface[];
  configuredFunctions: ConfiguredFunction[];
  /** What could not be checked, and facts worth knowing (one sentence each). */
  notes: string[];
  /** Present with `--wait`: how the waiting went. */
  wait?: {
    minutes: number;
    rereads: number;
    /** Interfaces that went away while waiting. */
    cleared: string[];
    endedBy: 'free' | 'time' | 'blocked' | 'error';
  };
}
