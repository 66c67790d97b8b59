/**
 * The demo account's cases for the questions asked before a change (`plan`, `can-delete`, the run-out
 * forecast), added to the snapshot examples/demo-account.ts builds:
 *
 *   usage-metering                    new in the prod VPC, 1024 MB, its own subnets subnet-0d2e4f6a8c1b30a05 (eu-west-1a)
 *                                     and subnet-0d2e4f6a8c1b30b05 (eu-west-1b), each a /27 (27 usable IPs), routed to
 *                                     the NAT gateway of its AZ; daily peaks 20, 21, ..., 32 (one more a day; a dip to 8
 *                                     on 2026-11-16): 13 ENIs per subnet today, and at +1/day the legacy share passes 27
 *                                     on day 36, 2026-12-30 (subnet-eni-runs-out, within the 90-day horizon)
 *   eni-0f3b5d7e9a1c24e06             ORPHAN, available, in subnet-0a8d3e5f7b9c10b02; creator quarterly-reports and its
 *                                     role quarterly-reports-role are both gone: the only thing keeping security group
 *                                     sg-0f7a9c1e3b5d86f07 ("quarterly-reports-lambda") from being deleted, forever
 *                                     (lambda-vpc-audit can-delete --security-group sg-0f7a9c1e3b5d86f07 exits 1)
 *
 * Free IP counts and the regional ENI counts are adjusted for what is added, so the account stays consistent.
 */
import type {
  FunctionRecord,
  NetworkInterface,
  RouteTable,
  SecurityGroup,
  Snapshot,
  Subnet,
} from '../../lib/model/snapshot.js';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const VPC_PROD = 'vpc-0c4e7a1f92b3d5a60';
/** The prod VPC's private route tables to the NAT gateways in eu-west-1a and eu-west-1b. */
const PRIVATE_TABLE_A = 'rtb-0a0b0c0d0e0f01003';
const PRIVATE_TABLE_B = 'rtb-0a0b0c0d0e0f01004';
const PROD_PRIVATE_B = 'subnet-0a8d3e5f7b9c10b02';

const METERING = 'usage-metering';
const METERING_ROLE = 'usage-metering-role';
const METERING_SG = 'sg-0e6f8a0c2d4b75e06';
const METERING_SUBNETS = [
  {
    id: 'subnet-0d2e4f6a8c1b30a05',
    az: 'a',
    cidr: '10.10.72.0/27',
    firstIp: '10.10.72.4',
    table: PRIVATE_TABLE_A,
  },
  {
    id: 'subnet-0d2e4f6a8c1b30b05',
    az: 'b',
    cidr: '10.10.72.32/27',
    firstIp: '10.10.72.36',
    table: PRIVATE_TABLE_B,
  },
];
/** A /27 has 32 addresses; AWS reserves 5. */
const USABLE_IN_27 = 27;

const REPORTS_SG = 'sg-0f7a9c1e3b5d86f07';
const REPORTS_ORPHAN = 'eni-0f3b5d7e9a1c24e06';

function roleArn(name: string): string {
  return `arn:aws:iam::${ACCOUNT}:role/${name}`;
}

const ALL_EGRESS = {
  IpProtocol: '-1',
  IpRanges: [{ CidrIp: '0.0.0.0/0' }],
  Ipv6Ranges: [],
  PrefixListIds: [],
  UserIdGroupPairs: [],
};

const SECURITY_GROUPS: SecurityGroup[] = [
  { GroupId: METERING_SG, GroupName: 'usage-metering', VpcId: VPC_PROD, IpPermissionsEgress: [ALL_EGRESS] },
  {
    GroupId: REPORTS_SG,
    GroupName: 'quarterly-reports-lambda',
    VpcId: VPC_PROD,
    IpPermissionsEgress: [ALL_EGRESS],
  },
];

const METERING_RECORD: FunctionRecord = {
  FunctionName: METERING,
  FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${METERING}:$LATEST`,
  Version: '$LATEST',
  Runtime: 'nodejs22.x',
  MemorySize: 1024,
  Role: roleArn(METERING_ROLE),
  PackageType: 'Zip',
  Architectures: ['arm64'],
  LastModified: '2026-11-02T10:21:37.118+0000',
  VpcConfig: {
    SubnetIds: METERING_SUBNETS.map((s) => s.id),
    SecurityGroupIds: [METERING_SG],
    VpcId: VPC_PROD,
    Ipv6AllowedForDualStack: false,
  },
};

/** usage-metering's Hyperplane ENIs, one per subnet (one security group), created by itself. */
const METERING_ENIS: NetworkInterface[] = METERING_SUBNETS.map((s, i) => ({
  NetworkInterfaceId: `eni-0d4f6a8c0e2b4d6${i}8`,
  InterfaceType: 'lambda',
  Description: `AWS Lambda VPC ENI-${METERING}-4c1e8a7d-3b2f-4e6a-9d0c-5f7b1a3e2c${i}8`,
  Status: 'in-use',
  SubnetId: s.id,
  VpcId: VPC_PROD,
  AvailabilityZone: `${REGION}${s.az}`,
  PrivateIpAddress: s.firstIp,
  RequesterId: `AROA3M7Q2XK9RB4TNE6WD:${METERING}`,
  RequesterManaged: true,
  Groups: [{ GroupId: METERING_SG, GroupName: 'usage-metering' }],
  Attachment: {
    AttachmentId: `ela-attach-0c6e8a${i}f`,
    InstanceOwnerId: 'amazon-aws',
    Status: 'attached',
    AttachTime: '2026-11-02T10:22:41.000Z',
  },
}));

/** Its function and role were deleted together: Lambda had no role left to delete it with. */
const REPORTS_ORPHAN_ENI: NetworkInterface = {
  NetworkInterfaceId: REPORTS_ORPHAN,
  InterfaceType: 'lambda',
  Description: 'AWS Lambda VPC ENI-quarterly-reports-9e2d4b6f-1a3c-4e5f-8b7d-0c2e4a6f8b1d',
  Status: 'available',
  SubnetId: PROD_PRIVATE_B,
  VpcId: VPC_PROD,
  AvailabilityZone: `${REGION}b`,
  PrivateIpAddress: '10.10.47.250',
  RequesterId: 'AROA7KD2P9QX4MZ1WE8RT:quarterly-reports',
  RequesterManaged: true,
  Groups: [{ GroupId: REPORTS_SG, GroupName: 'quarterly-reports-lambda' }],
};

/**
 * usage-metering's daily peaks on the demo's metric days: 20 on the first, one more each day, a dip to 8 on the
 * sixth (a deploy freeze), and on the capture day the three hours before 03:00.
 */
function meteringDaily(dates: readonly string[]): { date: string; max: number }[] {
  return dates.map((date, i) => {
    if (i === dates.length - 1) return { date, max: Math.round((20 + i) * 0.35) };
    return { date, max: i === 5 ? 8 : 20 + i };
  });
}

function withRoutes(tables: readonly RouteTable[]): RouteTable[] {
  return tables.map((table) => {
    const added = METERING_SUBNETS.filter((s) => s.table === table.RouteTableId);
    if (added.length === 0) return table;
    return {
      ...table,
      Associations: [
        ...table.Associations,
        ...added.map((s) => ({
          RouteTableAssociationId: `rtbassoc-0${s.id.slice(-16)}`,
          SubnetId: s.id,
          Main: false,
        })),
      ],
    };
  });
}

function withSubnets(subnets: readonly Subnet[]): Subnet[] {
  const changed = subnets.map((s) =>
    s.SubnetId === PROD_PRIVATE_B ? { ...s, AvailableIpAddressCount: s.AvailableIpAddressCount - 1 } : s,
  );
  return [
    ...changed,
    ...METERING_SUBNETS.map((s) => ({
      SubnetId: s.id,
      VpcId: VPC_PROD,
      AvailabilityZone: `${REGION}${s.az}`,
      AvailabilityZoneId: s.az === 'a' ? 'euw1-az1' : 'euw1-az2',
      CidrBlock: s.cidr,
      AvailableIpAddressCount: USABLE_IN_27 - 1,
      MapPublicIpOnLaunch: false,
    })),
  ];
}

function required<T>(part: T | null, name: string): T {
  if (part === null) throw new Error(`the demo account has no ${name}`);
  return part;
}

/** The demo snapshot with the planning cases added. */
export function withPlanningCases(demo: Snapshot): Snapshot {
  const metrics = required(demo.metrics, 'metrics');
  const dates = required(metrics.account, 'account series').daily.map((d) => d.date);
  const daily = meteringDaily(dates);
  const counts = required(demo.networkInterfaceCounts, 'networkInterfaceCounts');
  const added = METERING_ENIS.length + 1;
  return {
    ...demo,
    functions: [...required(demo.functions, 'functions'), METERING_RECORD],
    functionDetails: {
      ...demo.functionDetails,
      [METERING]: {
        FunctionName: METERING,
        State: 'Active',
        LastUpdateStatus: 'Successful',
        Tags: { team: 'billing' },
      },
    },
    subnets: withSubnets(required(demo.subnets, 'subnets')),
    routeTables: withRoutes(required(demo.routeTables, 'routeTables')),
    securityGroups: [...required(demo.securityGroups, 'securityGroups'), ...SECURITY_GROUPS],
    networkInterfaces: [
      ...required(demo.networkInterfaces, 'networkInterfaces'),
      ...METERING_ENIS,
      REPORTS_ORPHAN_ENI,
    ],
    networkInterfaceCounts: {
      total: counts.total + added,
      byInterfaceType: { ...counts.byInterfaceType, lambda: (counts.byInterfaceType.lambda ?? 0) + added },
    },
    roles: [
      ...required(demo.roles, 'roles'),
      { RoleName: METERING_ROLE, Arn: roleArn(METERING_ROLE), RoleId: 'AROA3M7Q2XK9RB4TNE6WD' },
    ],
    metrics: {
      ...metrics,
      functions: { ...metrics.functions, [METERING]: { peak: Math.max(...daily.map((d) => d.max)), daily } },
    },
  };
}
