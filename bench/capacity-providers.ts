import type {
  SyntheticCapacityProvider,
  SyntheticFunction,
  SyntheticSecurityGroup,
  SyntheticSubnet,
} from './account-types.js';
import type { SyntheticRole } from './iam-account.js';

/**
 * Capacity providers (Lambda Managed Instances) of the synthetic account: each in two private subnets of one VPC
 * with that VPC's first security group, an operator role of its own (bench/iam-account.ts), and two functions on it
 * (`$LATEST` and version 1 each, with one of the execution roles), listed by ListFunctions like any other function.
 */

/** Functions on each provider. */
export const FUNCTIONS_PER_PROVIDER = 2;

export function capacityProvidersFor(
  count: number,
  account: { region: string; accountId: string },
  vpcs: readonly { id: string }[],
  subnets: readonly SyntheticSubnet[],
  securityGroups: readonly SyntheticSecurityGroup[],
  roles: { functions: readonly SyntheticRole[]; operators: readonly SyntheticRole[] },
): { providers: SyntheticCapacityProvider[]; functions: SyntheticFunction[] } {
  const providers: SyntheticCapacityProvider[] = [];
  const functions: SyntheticFunction[] = [];
  for (let p = 0; p < count; p += 1) {
    const vpc = vpcs[p % vpcs.length];
    const role = roles.functions[p % roles.functions.length];
    const operator = roles.operators[p];
    if (vpc === undefined || role === undefined || operator === undefined) break;
    const name = `lmi-pool-${p}`;
    const arn = `arn:aws:lambda:${account.region}:${account.accountId}:capacity-provider:${name}`;
    const provider: SyntheticCapacityProvider = {
      arn,
      name,
      subnetIds: subnets
        .filter((subnet) => subnet.vpcId === vpc.id && !subnet.public)
        .slice(0, 2)
        .map((subnet) => subnet.id),
      securityGroupIds: securityGroups
        .filter((group) => group.vpcId === vpc.id)
        .slice(0, 1)
        .map((group) => group.id),
      operatorRole: operator.arn,
      versions: [],
    };
    for (let f = 0; f < FUNCTIONS_PER_PROVIDER; f += 1) {
      const fnName = `lmi-fn-${p}-${f}`;
      for (const version of ['$LATEST', '1']) {
        functions.push({
          name: fnName,
          version,
          role: role.arn,
          memory: 4096,
          subnetIds: [],
          securityGroupIds: [],
          vpcId: '',
          capacityProvider: arn,
        });
      }
      provider.versions.push(`arn:aws:lambda:${account.region}:${account.accountId}:function:${fnName}:1`);
    }
    providers.push(provider);
  }
  return { providers, functions };
}
