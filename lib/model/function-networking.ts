import type { FunctionRecord } from './snapshot-lambda.js';

/**
 * The two ways a function version puts network interfaces in a VPC: its own VpcConfig (Hyperplane ENIs in its
 * subnets), or a capacity provider (Lambda Managed Instances: instances in the provider's subnets, whose network
 * interfaces carry the version's traffic; its own VpcConfig then decides nothing).
 * https://docs.aws.amazon.com/lambda/latest/api/API_LambdaManagedInstancesCapacityProviderConfig.html
 */
export type FunctionNetworking = 'vpc-config' | 'capacity-provider';

/** The capacity provider a version runs on, or undefined for one that runs on Lambda's own fleet. */
export function capacityProviderArnOf(record: FunctionRecord): string | undefined {
  return record.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig.CapacityProviderArn;
}

/** In a VPC through its own configuration: it has subnets (`SubnetIds: []` means "not in a VPC") and no provider. */
export function hasOwnVpcConfig(record: FunctionRecord): boolean {
  return (record.VpcConfig?.SubnetIds.length ?? 0) > 0 && capacityProviderArnOf(record) === undefined;
}
