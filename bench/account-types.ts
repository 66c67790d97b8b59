import type { SyntheticPolicy, SyntheticRole } from './iam-account.js';

/**
 * The synthetic account's shape: plain types only, so that the generators (account.ts, account-egress.ts,
 * capacity-providers.ts) and the simulated AWS share them without importing one another.
 */

export type AccountSize = {
  /** Functions (`$LATEST` records). */
  functions: number;
  /** Of which in a VPC. */
  vpcFunctions: number;
  /** Published versions of VPC functions (extra ListFunctions records; GetFunction stays once per name). */
  publishedVersions: number;
  /** Every ENI of the region, Lambda's included. */
  networkInterfaces: number;
  subnets: number;
  routeTables: number;
  vpcs: number;
  securityGroups: number;
  /** Every IAM role of the account. */
  roles: number;
  /** Distinct execution roles of the VPC functions (one per function, as CDK and SAM make them, by default). */
  executionRoles: number;
  vpcEndpoints: number;
  /** Capacity providers, each with two functions on it (beyond `functions`). */
  capacityProviders: number;
};

export type SyntheticFunction = {
  name: string;
  version: string;
  role: string;
  memory: number;
  subnetIds: string[];
  securityGroupIds: string[];
  vpcId: string;
  reserved?: number;
  /** The capacity provider the version runs on (then it has no subnets of its own). */
  capacityProvider?: string;
};
export type SyntheticSubnet = {
  id: string;
  vpcId: string;
  az: string;
  cidr: string;
  available: number;
  public: boolean;
};
export type SyntheticRoute = {
  destination: string;
  gatewayId?: string;
  natGatewayId?: string;
  transitGatewayId?: string;
  vpcPeeringConnectionId?: string;
  instanceId?: string;
  networkInterfaceId?: string;
  state: string;
};
export type SyntheticRouteTable = {
  id: string;
  vpcId: string;
  main: boolean;
  subnetIds: string[];
  routes: SyntheticRoute[];
};
export type SyntheticNatGateway = { id: string; vpcId: string; subnetId: string; state: string };
export type SyntheticSecurityGroup = { id: string; vpcId: string; name: string; openEgress: boolean };
export type SyntheticEni = {
  id: string;
  interfaceType: string;
  description: string;
  status: 'in-use' | 'available';
  subnetId: string;
  vpcId: string;
  az: string;
  ip: string;
  groupIds: string[];
  requesterManaged: boolean;
  /** A NAT instance's ENI: source/destination check off, an Elastic IP, the instance it is attached to. */
  natInstance?: { instanceId: string; publicIp: string };
};

export type SyntheticAccount = {
  size: AccountSize;
  /** ListFunctions order: each function's `$LATEST`, then its published versions. */
  functions: SyntheticFunction[];
  vpcs: { id: string; cidr: string }[];
  subnets: SyntheticSubnet[];
  routeTables: SyntheticRouteTable[];
  internetGateways: { id: string; vpcId: string }[];
  natGateways: SyntheticNatGateway[];
  securityGroups: SyntheticSecurityGroup[];
  networkInterfaces: SyntheticEni[];
  vpcEndpoints: { id: string; vpcId: string; service: string }[];
  roles: SyntheticRole[];
  capacityProviders: SyntheticCapacityProvider[];
  /** The account's customer managed policies (GetAccountAuthorizationDetails lists them with the roles). */
  localPolicies: SyntheticPolicy[];
} & SyntheticEgress;

export type SyntheticEgress = {
  natInstances: { id: string; eniId: string; subnetId: string; vpcId: string; publicIp: string }[];
  peerings: { id: string; vpcId: string }[];
  transitGatewayAttachments: { id: string; tgwId: string; vpcId: string; subnetIds: string[] }[];
  /** One default ACL per VPC (allow all). */
  networkAcls: { id: string; vpcId: string }[];
};

export type SyntheticCapacityProvider = {
  arn: string;
  name: string;
  subnetIds: string[];
  securityGroupIds: string[];
  operatorRole: string;
  /** The qualified ARNs of the function versions on it. */
  versions: string[];
};
