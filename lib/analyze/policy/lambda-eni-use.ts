import { type ArnScope, lambdaEniRequests } from '../../model/lambda-eni-actions.js';
import type { FunctionRecord } from '../../model/snapshot-lambda.js';
import type { RoleUse } from './simulation-plan.js';

/** What Lambda asks of a VPC-enabled record's execution role: its ENI calls, with that record's subnets and groups. */
export function lambdaEniUse(scope: ArnScope, record: FunctionRecord): RoleUse {
  const subnets = [...(record.VpcConfig?.SubnetIds ?? [])].sort();
  const groups = [...(record.VpcConfig?.SecurityGroupIds ?? [])].sort();
  return {
    roleArn: record.Role,
    requests: lambdaEniRequests(scope, subnets, groups),
    key: `${subnets.join(',')}|${groups.join(',')}`,
  };
}
