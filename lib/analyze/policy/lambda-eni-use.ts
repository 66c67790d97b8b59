import { type ArnScope, lambdaEniRequests } from '../../model/lambda-eni-actions.js';
import type { PermissionRequest } from '../../model/permission-request.js';
import type { FunctionRecord } from '../../model/snapshot-lambda.js';
import type { RoleUse } from './simulation-plan.js';

/**
 * What Lambda asks of a VPC-enabled record's execution role: its ENI calls, with that record's subnets and
 * security groups. Records share a few hundred network profiles: each profile's requests are built once.
 */
export class LambdaEniUses {
  readonly #scope: ArnScope;
  readonly #requests = new Map<string, readonly PermissionRequest[]>();
  /** The rule, the report's summary and the simulation plan each ask for every record: its use, built once. */
  readonly #useOf = new Map<FunctionRecord, RoleUse>();

  constructor(scope: ArnScope) {
    this.#scope = scope;
  }

  of(record: FunctionRecord): RoleUse {
    let use = this.#useOf.get(record);
    if (use === undefined) {
      use = this.#build(record);
      this.#useOf.set(record, use);
    }
    return use;
  }

  #build(record: FunctionRecord): RoleUse {
    const subnets = [...(record.VpcConfig?.SubnetIds ?? [])].sort();
    const groups = [...(record.VpcConfig?.SecurityGroupIds ?? [])].sort();
    const key = `${subnets.join(',')}|${groups.join(',')}`;
    let requests = this.#requests.get(key);
    if (requests === undefined) {
      requests = lambdaEniRequests(this.#scope, subnets, groups);
      this.#requests.set(key, requests);
    }
    return { roleArn: record.Role, purpose: 'execution', requests, key };
  }
}
