/**
 * The demo account's Lambda compute beyond a function's own VpcConfig (Lambda API 2025-11-30 and the Lambda Core
 * network connectors), shaped as the collectors record it:
 *
 *   payments-pool          capacity provider in the prod VPC's three private subnets (a NAT gateway on each path;
 *                          eu-west-1c's is the cross-AZ one the prod functions share, so subnet-cross-az-nat names
 *                          it too), m7g.xlarge/2xlarge, MaxVCpuCount 96: 24 instances at full scale, 8 addresses per
 *                          subnet (healthy); ledger-projector:1,2 and fraud-features:3 run on it
 *   batch-burst            capacity provider in two small /27 subnets (17 other interfaces each), c7g.large/xlarge,
 *                          MaxVCpuCount 256: 128 instances at full scale, 64 addresses per subnet against ~10 (it
 *                          cannot grow to its maximum); statement-renderer:4,5 run on it, and Lambda reports
 *                          version 5 Failed with SubnetOutOfIPAddresses
 *                          (its subnets use the prod VPC's main route table: no default route, only the VPC)
 *   partner-sync           capacity provider in the platform VPC's peered subnets (examples/demo/egress-network.ts):
 *                          their default route goes to a peering connection, so its instances have no internet;
 *                          partner-ledger-sync:1 runs on it
 *   managed-instance ENIs  three per provider (Lambda launches three instances for AZ resiliency), operated by
 *                          scaler.lambda.amazonaws.com
 *   nc-0a1b2c3d4e5f60718   a network connector's two ENIs in the data VPC (InterfaceType lambda, tagged
 *                          aws:lambda:networkConnectorId): Lambda's, but no function's, and never orphans
 */
import type {
  CapacityProvider,
  CapacityProviderVersions,
  FunctionDetail,
  FunctionRecord,
  LambdaOperatedNetworkInterface,
  SecurityGroup,
} from '../../lib/model/snapshot.js';
import { PEERED, VPC_PLATFORM } from './egress-network.js';

/** What the demo account hands this module: its ids, so both files name the same resources. */
export interface ProviderDemoAccount {
  account: string;
  region: string;
  prodVpc: string;
  /** The prod VPC's private subnets in eu-west-1a, b, c. */
  prodPrivate: readonly [string, string, string];
  /** Two data-VPC subnets and a security group there, for the network connector. */
  dataSubnets: readonly [string, string];
  dataSecurityGroup: string;
  roleArn: (name: string) => string;
}

/** Two /27 subnets of the prod VPC, nearly full of other interfaces: batch-burst's. */
export const PROVIDER_SUBNETS = [
  { id: 'subnet-0c4d6e8f0a2b40a41', az: 'a', cidr: '10.10.80.0/27', others: { interface: 17 } },
  { id: 'subnet-0c4d6e8f0a2b40b41', az: 'b', cidr: '10.10.80.32/27', others: { interface: 17 } },
] as const;

const SG_PAYMENTS_POOL = 'sg-05e6f7a8b9cadbe15';
const SG_BATCH_BURST = 'sg-06f7a8b9cadbecf16';
const SG_PARTNER_SYNC = 'sg-07a8b9cadbecfd017';
const NETWORK_CONNECTOR = 'nc-0a1b2c3d4e5f60718';
const MANAGED_INSTANCE_OPERATOR = 'scaler.lambda.amazonaws.com';

interface ProviderSpec {
  name: string;
  vpc: string;
  subnets: readonly string[];
  securityGroup: string;
  allowed: string[];
  maxVCpuCount: number;
  /** Function -> its published versions on the provider. */
  functions: Record<string, string[]>;
  /** The subnets of its three running instances. */
  instances: readonly string[];
}

function specs(demo: ProviderDemoAccount): ProviderSpec[] {
  const [batchA, batchB] = PROVIDER_SUBNETS;
  const [peeredA, peeredB] = PEERED;
  return [
    {
      name: 'payments-pool',
      vpc: demo.prodVpc,
      subnets: demo.prodPrivate,
      securityGroup: SG_PAYMENTS_POOL,
      allowed: ['m7g.xlarge', 'm7g.2xlarge'],
      maxVCpuCount: 96,
      functions: { 'ledger-projector': ['1', '2'], 'fraud-features': ['3'] },
      instances: demo.prodPrivate,
    },
    {
      name: 'batch-burst',
      vpc: demo.prodVpc,
      subnets: [batchA.id, batchB.id],
      securityGroup: SG_BATCH_BURST,
      allowed: ['c7g.large', 'c7g.xlarge'],
      maxVCpuCount: 256,
      functions: { 'statement-renderer': ['4', '5'] },
      instances: [batchA.id, batchA.id, batchB.id],
    },
    {
      name: 'partner-sync',
      vpc: VPC_PLATFORM,
      subnets: [peeredA.id, peeredB.id],
      securityGroup: SG_PARTNER_SYNC,
      allowed: ['m7g.large'],
      maxVCpuCount: 16,
      functions: { 'partner-ledger-sync': ['1'] },
      instances: [peeredA.id, peeredB.id, peeredA.id],
    },
  ];
}

function hex(seed: string, length: number): string {
  let hash = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < length; round += 1) {
    for (const ch of `${seed}#${round}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += hash.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

export interface ProviderDemo {
  functions: FunctionRecord[];
  functionDetails: FunctionDetail[];
  capacityProviders: CapacityProvider[];
  capacityProviderVersions: CapacityProviderVersions;
  lambdaOperatedNetworkInterfaces: LambdaOperatedNetworkInterface[];
  securityGroups: SecurityGroup[];
  /**
   * The functions' execution roles and the providers' operator roles (all exist; their policies and simulations
   * are the IAM module's, examples/demo/iam-policies.ts).
   */
  roleNames: string[];
}

export function capacityProviderDemo(demo: ProviderDemoAccount): ProviderDemo {
  const providerArn = (name: string) =>
    `arn:aws:lambda:${demo.region}:${demo.account}:capacity-provider:${name}`;
  const functionArn = (name: string, version: string) =>
    `arn:aws:lambda:${demo.region}:${demo.account}:function:${name}:${version}`;
  const all = specs(demo);

  const record = (spec: ProviderSpec, name: string, version: string): FunctionRecord => ({
    FunctionName: name,
    FunctionArn: functionArn(name, version),
    Version: version,
    Runtime: 'java21',
    MemorySize: 4096,
    Role: demo.roleArn(`${name}-role`),
    PackageType: 'Zip',
    Architectures: ['arm64'],
    LastModified: '2026-11-10T09:00:00.000+0000',
    // Lambda reports "no VPC" in a version's own VpcConfig: the provider's subnets carry its traffic.
    VpcConfig: { SubnetIds: [], SecurityGroupIds: [], VpcId: '' },
    CapacityProviderConfig: {
      LambdaManagedInstancesCapacityProviderConfig: { CapacityProviderArn: providerArn(spec.name) },
    },
  });
  const functions = all.flatMap((spec) =>
    Object.entries(spec.functions).flatMap(([name, versions]) =>
      ['$LATEST', ...versions].map((version) => record(spec, name, version)),
    ),
  );

  const versions: CapacityProviderVersions = Object.fromEntries(
    all.map((spec) => [
      providerArn(spec.name),
      Object.entries(spec.functions).flatMap(([name, published]) =>
        published.map((version) =>
          name === 'statement-renderer' && version === '5'
            ? {
                FunctionArn: functionArn(name, version),
                State: 'Failed',
                StateReasonCode: 'SubnetOutOfIPAddresses',
                StateReason:
                  'Lambda was unable to launch instances for the capacity provider: the subnets have no free IP addresses.',
                LastUpdateStatus: 'Failed',
                LastUpdateStatusReasonCode: 'SubnetOutOfIPAddresses',
                LastUpdateStatusReason: 'The subnets have no free IP addresses.',
              }
            : { FunctionArn: functionArn(name, version), State: 'Active' },
        ),
      ),
    ]),
  );

  const instanceEnis = all.flatMap((spec) =>
    spec.instances.map((subnetId, i): LambdaOperatedNetworkInterface => {
      const id = hex(`${spec.name}:instance:${i}`, 17);
      return {
        NetworkInterfaceId: `eni-0${id.slice(1)}`,
        Kind: 'managed-instance',
        InterfaceType: 'interface',
        Status: 'in-use',
        SubnetId: subnetId,
        VpcId: spec.vpc,
        PrivateIpAddressCount: 1,
        Groups: [{ GroupId: spec.securityGroup }],
        OperatorPrincipal: MANAGED_INSTANCE_OPERATOR,
        InstanceId: `i-0${hex(`${spec.name}:i:${i}`, 16)}`,
      };
    }),
  );
  const connectorEnis = demo.dataSubnets.map(
    (subnetId, i): LambdaOperatedNetworkInterface => ({
      NetworkInterfaceId: `eni-0${hex(`connector:${i}`, 16)}`,
      Kind: 'network-connector',
      InterfaceType: 'lambda',
      Status: 'in-use',
      SubnetId: subnetId,
      PrivateIpAddressCount: 1,
      Groups: [{ GroupId: demo.dataSecurityGroup }],
      NetworkConnector: NETWORK_CONNECTOR,
    }),
  );

  const operators = all.map((spec) => `${spec.name}-operator`);
  const names = [...new Set(functions.map((f) => f.FunctionName))];
  // Instances reach the internet through the subnets' routes; their security groups allow all egress.
  const allEgress = {
    IpProtocol: '-1',
    IpRanges: [{ CidrIp: '0.0.0.0/0' }],
    Ipv6Ranges: [],
    PrefixListIds: [],
    UserIdGroupPairs: [],
  };
  return {
    functions,
    functionDetails: names.map((name) => ({
      FunctionName: name,
      State: 'Active',
      LastUpdateStatus: 'Successful',
      Tags: { team: 'platform', compute: 'lambda-managed-instances' },
    })),
    capacityProviders: all.map((spec) => ({
      CapacityProviderArn: providerArn(spec.name),
      State: 'Active',
      VpcConfig: { SubnetIds: [...spec.subnets], SecurityGroupIds: [spec.securityGroup] },
      PermissionsConfig: { CapacityProviderOperatorRoleArn: demo.roleArn(`${spec.name}-operator`) },
      InstanceRequirements: { Architectures: ['arm64'], AllowedInstanceTypes: spec.allowed },
      CapacityProviderScalingConfig: { MaxVCpuCount: spec.maxVCpuCount, ScalingMode: 'Auto' },
      LastModified: '2026-11-02T14:00:00.000+0000',
    })),
    capacityProviderVersions: versions,
    lambdaOperatedNetworkInterfaces: [...instanceEnis, ...connectorEnis],
    securityGroups: all.map((spec) => ({
      GroupId: spec.securityGroup,
      GroupName: `lmi-${spec.name}`,
      VpcId: spec.vpc,
      IpPermissionsEgress: [allEgress],
    })),
    roleNames: [...names.map((name) => `${name}-role`), ...operators],
  };
}
