import type { SyntheticAccount, SyntheticFunction, SyntheticSecurityGroup } from '../account-types.js';
import type { SyntheticRole } from '../iam-account.js';
import type { Reply } from './wire.js';

/** One request as the simulated services see it, whatever the protocol. */
export type ServiceRequest = {
  method: string;
  path: string;
  query: Record<string, string | undefined>;
  /** The JSON protocols' operation (`X-Amz-Target`), without the service prefix. */
  target: string | undefined;
  body: string;
};

/**
 * An operation a service recognised: its API name (for counting and throttling), whether it is an EC2
 * "unfiltered and unpaginated" call, and how to answer it. The answer is computed only if the call is not
 * throttled.
 */
export type Routed = { api: string; unbounded?: boolean; answer: () => Reply };

/** The account with the lookups the services need, built once. */
export type SimAccount = {
  account: SyntheticAccount;
  /** `$LATEST` records only (ListFunctions without `FunctionVersion=ALL`, GetFunction by name). */
  latest: SyntheticFunction[];
  functionByName: Map<string, SyntheticFunction>;
  securityGroupById: Map<string, SyntheticSecurityGroup>;
  vpcIds: Set<string>;
  roleByArn: Map<string, SyntheticRole>;
};

export function simAccount(account: SyntheticAccount): SimAccount {
  const latest = account.functions.filter((fn) => fn.version === '$LATEST');
  return {
    account,
    latest,
    functionByName: new Map(latest.map((fn) => [fn.name, fn])),
    securityGroupById: new Map(account.securityGroups.map((group) => [group.id, group])),
    vpcIds: new Set(account.vpcs.map((vpc) => vpc.id)),
    roleByArn: new Map(account.roles.map((role) => [role.arn, role])),
  };
}

export type Service = (request: ServiceRequest, sim: SimAccount) => Routed;
