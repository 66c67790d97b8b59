/**
 * How the report's execution-role checks were made (lib/analyze/role-eni-summary.ts): which roles were decided
 * from their policies, which needed a simulation and why, and what neither shows.
 */
export type SimulationWhy =
  /** Their policies leave an action open (a Condition, a resource pattern that covers only some resources). */
  | 'undecidable'
  /** One role per managed-policy set, for the service control policies no IAM read shows. */
  | 'sample'
  /** AWS Organizations denied something to another role of its managed-policy set. */
  | 'organizations';

export interface ExecutionRoleSummary {
  /** `policies`: read with GetAccountAuthorizationDetails; `simulations`: not read, every role simulated. */
  source: 'policies' | 'simulations';
  /** Existing execution roles of VPC-enabled functions and versions. */
  roles: number;
  decidedFromPolicies: number;
  decidedBySimulation: number;
  /** Neither decided (a simulation that was needed failed): their functions are unknown. */
  undecided: number;
  /** The roles that were simulated, and why (with `source` policies). */
  simulated: { role: string; why: SimulationWhy }[];
}
