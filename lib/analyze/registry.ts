import type { Rule } from './rule.js';
import { capacityProviderSubnetCapacity } from './rules/capacity-provider-subnet-capacity.js';
import { eniOrphaned } from './rules/eni-orphaned.js';
import { functionBlackholeRoute } from './rules/function-blackhole-route.js';
import { functionDedicatedTenancy } from './rules/function-dedicated-tenancy.js';
import { functionIsolated } from './rules/function-isolated.js';
import { functionLambdaReportedFailure } from './rules/function-lambda-reported-failure.js';
import { functionMixedEgress } from './rules/function-mixed-egress.js';
import { functionMultiAz } from './rules/function-multi-az.js';
import { functionNetworkResourcesExist } from './rules/function-network-resources-exist.js';
import { functionNoInternetPath } from './rules/function-no-internet-path.js';
import { functionPublicSubnet } from './rules/function-public-subnet.js';
import { functionReservedConcurrencySubnets } from './rules/function-reserved-concurrency-subnets.js';
import { functionRoleEniPermissions } from './rules/function-role-eni-permissions.js';
import { functionRoleExists } from './rules/function-role-exists.js';
import { functionSecurityGroupsNoEgress } from './rules/function-security-groups-no-egress.js';
import { functionVpcDnsHostnames } from './rules/function-vpc-dns-hostnames.js';
import { functionVpcDnsSupport } from './rules/function-vpc-dns-support.js';
import { natGatewayWithoutInternetRoute } from './rules/nat-gateway-without-internet-route.js';
import { regionEniQuota } from './rules/region-eni-quota.js';
import { subnetCrossAzNat } from './rules/subnet-cross-az-nat.js';
import { subnetEniCapacity } from './rules/subnet-eni-capacity.js';
import { subnetEniRunsOut } from './rules/subnet-eni-runs-out.js';
import { subnetEniUtilisation } from './rules/subnet-eni-utilisation.js';
import { vpcLambdaEniQuota } from './rules/vpc-lambda-eni-quota.js';

/** Every rule the auditor runs, in report order. Adding a rule: its file, one line here, its test. */
export const RULES: readonly Rule[] = [
  functionMultiAz,
  functionDedicatedTenancy,
  functionNetworkResourcesExist,
  functionLambdaReportedFailure,
  functionRoleExists,
  functionRoleEniPermissions,
  eniOrphaned,
  functionPublicSubnet,
  functionMixedEgress,
  functionBlackholeRoute,
  functionNoInternetPath,
  natGatewayWithoutInternetRoute,
  subnetCrossAzNat,
  functionIsolated,
  functionVpcDnsSupport,
  functionVpcDnsHostnames,
  functionSecurityGroupsNoEgress,
  subnetEniCapacity,
  subnetEniUtilisation,
  subnetEniRunsOut,
  functionReservedConcurrencySubnets,
  capacityProviderSubnetCapacity,
  vpcLambdaEniQuota,
  regionEniQuota,
];
