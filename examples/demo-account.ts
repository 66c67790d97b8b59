/**
 * The demo account: a synthetic but realistic snapshot of "acme-payments" (account 123456789012, eu-west-1),
 * as the collectors would record it on 2026-11-24 at 03:00 UTC. `examples/demo-account.json` is this
 * function's output (write it with `npx tsx scripts/write-demo.ts`; a test keeps the two equal).
 *
 * Every shape follows the EC2/Lambda/IAM API references. Ids are fixed strings (17 hex digits; the default
 * VPC and the pre-2019 ENI have the older 8-digit ids). Lambda ENIs, free IP counts and the regional ENI
 * counts are derived below from the function configurations, so they stay consistent when the demo grows.
 *
 * VPCs
 *   prod      vpc-0c4e7a1f92b3d5a60  10.10.0.0/16  public + private subnets in eu-west-1a/b/c, IGW, NAT per AZ a/b
 *   data      vpc-0d81f3a6c2e9b7415  10.20.0.0/16  isolated: no IGW, no NAT, no default route; S3 gateway endpoint,
 *                                                  interface endpoints (secretsmanager, kms, logs, sts)
 *   hsm       vpc-0e5b92c7d1a34f806  10.30.0.0/24  InstanceTenancy 'dedicated'
 *   default   vpc-5a1b2c3d           172.31.0.0/16 the default VPC: its MAIN route table routes 0.0.0.0/0 to an IGW,
 *                                                  its subnets have no explicit association
 *   analytics vpc-0f3a9c6e2b8d71524  10.40.0.0/16  EnableDnsSupport and EnableDnsHostnames false; IGW attached, but its
 *                                                  NAT gateway sits in subnet-0a4b6c8d0e2f40a31, which uses the main table
 *                                                  (no default route): the public table rtb-0f1e2d3c4b5a04003 was never
 *                                                  associated
 *
 * Odd cases (resource -> what it exercises)
 *   fraud-scorer                      single-AZ function (subnet-0a8d3e5f7b9c10a02 only)
 *   settlement-exporter               configured subnet subnet-0d9f2c6a1e3b70c05 no longer exists
 *   kyc-document-check                configured security group sg-0f6f7a8b9cadbec06 no longer exists
 *   statement-archiver                execution role statement-archiver-role was deleted (not in roles)
 *   report-scheduler                  its role report-scheduler-role may not ec2:DeleteNetworkInterface (implicitDeny,
 *                                     from its policies): its ENIs will be orphaned when it goes; more IAM cases
 *                                     (a Condition, an SCP, scoped ARNs) in examples/demo/iam-policies.ts
 *   card-tokenizer                    in dedicated-tenancy VPC vpc-0e5b92c7d1a34f806; State Failed (reason text is
 *                                     synthetic), no Lambda ENI (Lambda cannot create one there)
 *   ops-slack-notifier                default VPC subnets subnet-6e1f2a3b, subnet-7a2b3c4d: public only through the
 *                                     main route table rtb-1f2e3d4c (0.0.0.0/0 -> igw-3c4d5e6f), so no internet
 *   image-resizer                     explicitly public subnets (rtb-0a0b0c0d0e0f01002 -> igw-0a9b8c7d6e5f40312)
 *   report-scheduler, orders-api:1,2  legacy subnets subnet-0c7e1a4b8d2f50a04/b04, route table rtb-0a0b0c0d0e0f01006
 *                                     whose default route goes to deleted NAT nat-0c3d4e5f6a7b8c9c3 (State blackhole)
 *   subnet-0a8d3e5f7b9c10c02          eu-west-1c private subnet routed (rtb-0a0b0c0d0e0f01005) to NAT
 *                                     nat-0b2c3d4e5f6a7b8b2 in eu-west-1b (cross-AZ NAT dependency)
 *   search-indexer                    two private subnets plus public subnet-0f1a2b3c4d5e60c01: mixed egress (NAT / public)
 *   clickstream-loader                analytics VPC (DNS support off); routed to nat-0d4e5f6a7b8c9d0d4, which has no way
 *                                     out (its subnet has no IGW route); subnet-0b5c7d9e1f3a50b32 (eu-west-1b) depends
 *                                     on that eu-west-1a NAT gateway (cross-AZ)
 *   subnet-0b3c9d2e4f6a80a03          /28 (7 free IPs: 3 other interfaces) used by hot payments-webhook (reserved
 *                                     concurrency 100, peak 96 and rising): its legacy ENI share (12) overflows the /28
 *   image-resizer                     bulk-upload spike to 350 concurrent: its projected legacy demand uses 85% of its
 *                                     public subnets (subnet utilisation above 80%)
 *   invoice-renderer                  3008 MB, peak 30: the guide's formula gives 59 ENIs (check by hand)
 *   subnet-0a8d3e5f7b9c10a02/b02/c02  also hold an EKS cluster's pod ENIs (security groups for pods: branch + trunk
 *                                     interfaces), which take the region above 80% of its 5,000 network interfaces
 *   month-end-close, kyc-document-check, statement-archiver, reconciliation-batch, card-tokenizer
 *                                     no ConcurrentExecutions datapoints in the 14 days (no traffic seen)
 *   orders-api                        published versions 1, 2 still in the legacy subnets; 3 and $LATEST moved
 *   webhook-fanout                    $LATEST has an empty VpcConfig (VPC removed), version 1 is still in the VPC
 *   pdf-sanitizer                     its only security group sg-0d4d5e6f7a8b9ca04 has no egress rules
 *   fx-rates-fetcher                  isolated subnets (no route out) but tagged lambda-vpc-audit:egress = internet
 *   ledger-sync, reconciliation-batch isolated subnets reaching S3/Secrets Manager through VPC endpoints (healthy)
 *   month-end-close, reconciliation-batch  State Inactive (Idle); month-end-close has reserved concurrency 0
 *   month-end-close                   126 published versions, each pinned to its release's own security group
 *                                     (sg-0… "month-end-close-r<n>") in the 3 private subnets: Lambda reclaimed their
 *                                     ENIs (Inactive), but the prod VPC would need 378 back: above 80% of the per-VPC
 *                                     Lambda ENI quota (500) with the VPC's other 25
 *   customer-profile-api              security groups listed unsorted: same ENI as orders-api's sorted set
 *   invoice-renderer                  container image (PackageType Image, no Runtime), 3008 MB
 *   eni-0a7f3c9e1d5b2f604             ORPHAN, status available, no Attachment; creator legacy-checkout and its role
 *                                     legacy-checkout-role are both gone; blocks deleting subnet-0c7e1a4b8d2f50a04
 *   eni-0b8e4d2a6c1f3e715             ORPHAN, status in-use (attached); creator nightly-batch gone; only user of
 *                                     security group sg-0e5e6f7a8b9cadb05
 *   eni-7c2d9e4f                      ORPHAN, pre-2019 description "AWS Lambda VPC ENI: <uuid>", InterfaceType
 *                                     'interface' (only the description marks it as Lambda's), RequesterManaged false
 *   eni-0c9f5e3b7d2a4c826             NOT an orphan: creator checkout-api is gone, but payments-webhook and
 *                                     payment-authorizer still use its (subnet, security group) combination
 *   igw-0b1c2d3e4f5a60713             detached internet gateway (no attachments)
 *   vpc-0e5b92c7d1a34f806             EnableDnsHostnames false
 *   payments-pool, batch-burst,     capacity providers (Lambda Managed Instances), their functions, managed-instance
 *   partner-sync                      and network-connector ENIs: examples/demo/capacity-providers.ts
 *   auth-token-issuer, email-bounce-handler, s3-event-router, lambda-vpc-auditor, cost-reporter (role under
 *   /service-role/), cognito-pre-signup   plain functions without VpcConfig
 *
 * The egress topologies (firewall, peering, private NAT, NAT instances, transit gateway, VPN, network ACL,
 * dual-stack, DNS hostnames) and every VPC's network ACLs: examples/demo/egress.ts.
 */
import type {
  FunctionDetail,
  FunctionRecord,
  IpPermission,
  NetworkInterface,
  Role,
  Route,
  RouteTable,
  SecurityGroup,
  Snapshot,
  Subnet,
} from '../lib/model/snapshot.js';
import { SNAPSHOT_SCHEMA_VERSION } from '../lib/model/snapshot.js';
import { TOOL } from '../lib/version.js';
import { capacityProviderDemo, PROVIDER_SUBNETS } from './demo/capacity-providers.js';
import { withEgressCases } from './demo/egress.js';
import { demoIam } from './demo/iam-policies.js';
import { withPlanningCases } from './demo/planning.js';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const CAPTURED_AT = '2026-11-24T03:00:00.000Z';

// --- ids ---------------------------------------------------------------------------------------------------

const VPC_PROD = 'vpc-0c4e7a1f92b3d5a60';
const VPC_DATA = 'vpc-0d81f3a6c2e9b7415';
const VPC_HSM = 'vpc-0e5b92c7d1a34f806';
const VPC_DEFAULT = 'vpc-5a1b2c3d';
const VPC_ANALYTICS = 'vpc-0f3a9c6e2b8d71524';

const PROD_PUBLIC_A = 'subnet-0f1a2b3c4d5e60a01';
const PROD_PUBLIC_B = 'subnet-0f1a2b3c4d5e60b01';
const PROD_PUBLIC_C = 'subnet-0f1a2b3c4d5e60c01';
const PROD_PRIVATE_A = 'subnet-0a8d3e5f7b9c10a02';
const PROD_PRIVATE_B = 'subnet-0a8d3e5f7b9c10b02';
const PROD_PRIVATE_C = 'subnet-0a8d3e5f7b9c10c02';
const PROD_HOT_A = 'subnet-0b3c9d2e4f6a80a03';
const PROD_LEGACY_A = 'subnet-0c7e1a4b8d2f50a04';
const PROD_LEGACY_B = 'subnet-0c7e1a4b8d2f50b04';
/** Deleted: referenced by settlement-exporter, absent from `subnets`. */
const DELETED_SUBNET = 'subnet-0d9f2c6a1e3b70c05';
const DATA_ISOLATED_A = 'subnet-0e2a6c8d4f1b30a11';
const DATA_ISOLATED_B = 'subnet-0e2a6c8d4f1b30b11';
const DATA_ISOLATED_C = 'subnet-0e2a6c8d4f1b30c11';
const HSM_A = 'subnet-0f6d4b2a9c8e10a21';
const HSM_B = 'subnet-0f6d4b2a9c8e10b21';
const DEFAULT_A = 'subnet-6e1f2a3b';
const DEFAULT_B = 'subnet-7a2b3c4d';
const DEFAULT_C = 'subnet-8b3c4d5e';
/** Meant to be public (it hosts the analytics NAT gateway) but never associated with the public route table. */
const ANALYTICS_EDGE_A = 'subnet-0a4b6c8d0e2f40a31';
const ANALYTICS_PRIVATE_A = 'subnet-0b5c7d9e1f3a50a32';
const ANALYTICS_PRIVATE_B = 'subnet-0b5c7d9e1f3a50b32';

const IGW_PROD = 'igw-0a9b8c7d6e5f40312';
const IGW_DEFAULT = 'igw-3c4d5e6f';
const IGW_DETACHED = 'igw-0b1c2d3e4f5a60713';
const IGW_ANALYTICS = 'igw-0c2d3e4f5a6b70814';

const NAT_A = 'nat-0a1b2c3d4e5f6a7a1';
const NAT_B = 'nat-0b2c3d4e5f6a7b8b2';
const NAT_DELETED = 'nat-0c3d4e5f6a7b8c9c3';
const NAT_ANALYTICS = 'nat-0d4e5f6a7b8c9d0d4';

const VPCE_S3 = 'vpce-0a1f2e3d4c5b6a701';
const VPCE_SECRETS = 'vpce-0b2e3d4c5b6a7f802';
const VPCE_KMS = 'vpce-0c3d4c5b6a7f8e903';
const VPCE_LOGS = 'vpce-0d4c5b6a7f8e9da04';
const VPCE_STS = 'vpce-0e5b6a7f8e9dacb05';
const INTERFACE_ENDPOINTS = [
  { id: VPCE_SECRETS, service: 'secretsmanager' },
  { id: VPCE_KMS, service: 'kms' },
  { id: VPCE_LOGS, service: 'logs' },
  { id: VPCE_STS, service: 'sts' },
];
/** The S3 prefix list in eu-west-1. */
const PL_S3 = 'pl-6da54004';

const SG_APP = 'sg-0a1a2b3c4d5e6f701';
const SG_DB_CLIENT = 'sg-0b2b3c4d5e6f7a802';
const SG_PAYMENTS = 'sg-0c3c4d5e6f7a8b903';
const SG_NO_EGRESS = 'sg-0d4d5e6f7a8b9ca04';
const SG_LEGACY_BATCH = 'sg-0e5e6f7a8b9cadb05';
/** Deleted: referenced by kyc-document-check, absent from `securityGroups`. */
const SG_DELETED = 'sg-0f6f7a8b9cadbec06';
const SG_LEDGER = 'sg-01a2b3c4d5e6f7a11';
const SG_ENDPOINTS = 'sg-02b3c4d5e6f7a8b12';
const SG_HSM = 'sg-03c4d5e6f7a8b9c13';
const SG_DEFAULT = 'sg-4c5d6e7f';
const SG_ANALYTICS = 'sg-04d5e6f7a8b9cad14';

const ENI_ORPHAN_AVAILABLE = 'eni-0a7f3c9e1d5b2f604';
const ENI_ORPHAN_IN_USE = 'eni-0b8e4d2a6c1f3e715';
const ENI_ORPHAN_PRE2019 = 'eni-7c2d9e4f';
const ENI_STALE_CREATOR = 'eni-0c9f5e3b7d2a4c826';

// --- deterministic helpers ----------------------------------------------------------------------------------

/** Deterministic lowercase hex (FNV-1a with a murmur3 finalizer, one round per 8 digits). */
function hex(seed: string, length: number): string {
  let out = '';
  for (let round = 0; out.length < length; round += 1) {
    let hash = 0x811c9dc5;
    for (const ch of `${seed}#${round}`) {
      hash ^= ch.charCodeAt(0);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    // murmur3 finalizer, so that neighbouring rounds do not share digits
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
    hash = (hash ^ (hash >>> 16)) >>> 0;
    out += hash.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

function uuid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function parseCidr(cidr: string): { base: number; size: number } {
  const [address = '', prefix = ''] = cidr.split('/');
  const base = address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  return { base, size: 2 ** (32 - Number(prefix)) };
}

function ipString(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

// --- IAM ---------------------------------------------------------------------------------------------------

function roleId(name: string): string {
  return `AROA${hex(`role:${name}`, 17).toUpperCase()}`;
}

function roleArn(name: string, path = '/'): string {
  return `arn:aws:iam::${ACCOUNT}:role${path}${name}`;
}

function iamRole(name: string, path = '/'): Role {
  return { RoleName: name, Arn: roleArn(name, path), RoleId: roleId(name) };
}

const COST_REPORTER_ROLE = 'cost-reporter-role-x7k2p9qd';
const DELETED_ROLE = 'statement-archiver-role';

// --- Lambda ------------------------------------------------------------------------------------------------

interface FunctionSpec {
  name: string;
  runtime: string | null;
  memory: number;
  role: string;
  rolePath?: string;
  arm?: boolean;
  lastModified: string;
  /** Undefined: no VpcConfig. `[]`: the empty VpcConfig of a function whose VPC access was removed. */
  subnets?: string[];
  securityGroups?: string[];
  vpc?: string;
  /** Published versions, each with its own VPC configuration and date when they differ. */
  versions?: { version: string; subnets?: string[]; securityGroups?: string[]; lastModified: string }[];
}

function functionRecord(
  spec: FunctionSpec,
  version: string,
  vpc: { subnets?: string[]; securityGroups?: string[] },
  lastModified: string,
): FunctionRecord {
  const record: FunctionRecord = {
    FunctionName: spec.name,
    FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${spec.name}:${version}`,
    Version: version,
    ...(spec.runtime === null ? {} : { Runtime: spec.runtime }),
    MemorySize: spec.memory,
    Role: roleArn(spec.role, spec.rolePath),
    PackageType: spec.runtime === null ? 'Image' : 'Zip',
    Architectures: [spec.arm ? 'arm64' : 'x86_64'],
    LastModified: lastModified,
  };
  if (vpc.subnets !== undefined) {
    record.VpcConfig =
      vpc.subnets.length === 0
        ? { SubnetIds: [], SecurityGroupIds: [], VpcId: '' }
        : {
            SubnetIds: vpc.subnets,
            SecurityGroupIds: vpc.securityGroups ?? [],
            VpcId: spec.vpc ?? '',
            Ipv6AllowedForDualStack: false,
          };
  }
  return record;
}

/** ListFunctions(FunctionVersion=ALL): `$LATEST` then each published version. */
function functionRecords(spec: FunctionSpec): FunctionRecord[] {
  const latest = functionRecord(
    spec,
    '$LATEST',
    { subnets: spec.subnets, securityGroups: spec.securityGroups },
    spec.lastModified,
  );
  const versions = (spec.versions ?? []).map((v) =>
    functionRecord(
      spec,
      v.version,
      { subnets: v.subnets ?? spec.subnets, securityGroups: v.securityGroups ?? spec.securityGroups },
      v.lastModified,
    ),
  );
  return [latest, ...versions];
}

const PROD_PRIVATE = [PROD_PRIVATE_A, PROD_PRIVATE_B, PROD_PRIVATE_C];

/**
 * month-end-close's weekly releases from February 2024: its pipeline gave each release a security group of its own
 * and published a version (Terraform `publish = true`); old versions were never deleted, and each still pins its
 * (subnet, security group) combinations, so each would get its own Hyperplane ENIs again.
 */
const MONTH_END_RELEASES = Array.from({ length: 126 }, (_, i) => {
  const release = String(i + 1);
  // Fridays at 17:00 UTC, give or take a minute.
  const deployed =
    Date.UTC(2024, 1, 2, 17) + i * 7 * 86_400_000 + Number.parseInt(hex(`release:${release}`, 4), 16);
  return {
    version: release,
    groupId: `sg-0${hex(`month-end-close:release:${release}`, 16)}`,
    lastModified: new Date(deployed).toISOString().replace('Z', '+0000'),
  };
});

const DATA_ISOLATED = [DATA_ISOLATED_A, DATA_ISOLATED_B, DATA_ISOLATED_C];

const FUNCTIONS: FunctionSpec[] = [
  // prod VPC
  {
    name: 'orders-api',
    runtime: 'nodejs22.x',
    memory: 1024,
    role: 'orders-api-role',
    arm: true,
    lastModified: '2026-11-18T09:12:44.301+0000',
    vpc: VPC_PROD,
    subnets: PROD_PRIVATE,
    securityGroups: [SG_APP, SG_DB_CLIENT],
    versions: [
      {
        version: '1',
        subnets: [PROD_LEGACY_A, PROD_LEGACY_B],
        securityGroups: [SG_APP, SG_DB_CLIENT],
        lastModified: '2025-04-02T15:40:10.512+0000',
      },
      {
        version: '2',
        subnets: [PROD_LEGACY_A, PROD_LEGACY_B],
        securityGroups: [SG_APP, SG_DB_CLIENT],
        lastModified: '2025-09-23T11:05:37.020+0000',
      },
      { version: '3', lastModified: '2026-11-18T09:12:44.301+0000' },
    ],
  },
  {
    name: 'customer-profile-api',
    runtime: 'nodejs22.x',
    memory: 512,
    role: 'customer-profile-api-role',
    arm: true,
    lastModified: '2026-10-30T16:22:09.118+0000',
    vpc: VPC_PROD,
    subnets: PROD_PRIVATE,
    securityGroups: [SG_DB_CLIENT, SG_APP],
  },
  {
    name: 'month-end-close',
    runtime: 'python3.13',
    memory: 1024,
    role: 'month-end-close-role',
    lastModified: '2026-07-31T22:01:55.740+0000',
    vpc: VPC_PROD,
    subnets: PROD_PRIVATE,
    securityGroups: [SG_APP, SG_DB_CLIENT],
    versions: MONTH_END_RELEASES.map(({ version, groupId, lastModified }) => ({
      version,
      securityGroups: [groupId],
      lastModified,
    })),
  },
  {
    name: 'payments-webhook',
    runtime: 'nodejs22.x',
    memory: 512,
    role: 'payments-lambda-role',
    arm: true,
    lastModified: '2026-11-20T13:47:02.664+0000',
    vpc: VPC_PROD,
    subnets: [PROD_HOT_A, PROD_PRIVATE_B, PROD_PRIVATE_C],
    securityGroups: [SG_PAYMENTS],
    versions: [
      { version: '7', lastModified: '2026-10-06T08:30:19.902+0000' },
      { version: '8', lastModified: '2026-11-20T13:47:02.664+0000' },
    ],
  },
  {
    name: 'payment-authorizer',
    runtime: 'java21',
    memory: 2048,
    role: 'payments-lambda-role',
    lastModified: '2026-11-12T10:18:33.207+0000',
    vpc: VPC_PROD,
    subnets: PROD_PRIVATE,
    securityGroups: [SG_PAYMENTS],
  },
  {
    name: 'fraud-scorer',
    runtime: 'python3.13',
    memory: 10240,
    role: 'fraud-scorer-role',
    lastModified: '2026-09-14T07:55:48.031+0000',
    vpc: VPC_PROD,
    subnets: [PROD_PRIVATE_A],
    securityGroups: [SG_PAYMENTS],
  },
  {
    name: 'refund-processor',
    runtime: 'python3.13',
    memory: 1024,
    role: 'payments-lambda-role',
    lastModified: '2026-10-21T14:09:26.455+0000',
    vpc: VPC_PROD,
    subnets: PROD_PRIVATE,
    securityGroups: [SG_PAYMENTS, SG_DB_CLIENT],
  },
  {
    name: 'invoice-renderer',
    runtime: null,
    memory: 3008,
    role: 'invoicing-lambda-role',
    lastModified: '2026-11-03T12:44:17.389+0000',
    vpc: VPC_PROD,
    subnets: PROD_PRIVATE,
    securityGroups: [SG_APP],
  },
  {
    name: 'invoice-mailer',
    runtime: 'python3.13',
    memory: 256,
    role: 'invoicing-lambda-role',
    arm: true,
    lastModified: '2026-11-03T12:46:02.915+0000',
    vpc: VPC_PROD,
    subnets: PROD_PRIVATE,
    securityGroups: [SG_APP],
  },
  {
    name: 'report-scheduler',
    runtime: 'python3.12',
    memory: 256,
    role: 'report-scheduler-role',
    lastModified: '2025-06-17T18:23:40.176+0000',
    vpc: VPC_PROD,
    subnets: [PROD_LEGACY_A, PROD_LEGACY_B],
    securityGroups: [SG_APP, SG_DB_CLIENT],
  },
  {
    name: 'image-resizer',
    runtime: 'nodejs20.x',
    memory: 1536,
    role: 'image-resizer-role',
    lastModified: '2026-08-08T09:31:12.604+0000',
    vpc: VPC_PROD,
    subnets: [PROD_PUBLIC_A, PROD_PUBLIC_B],
    securityGroups: [SG_APP],
  },
  {
    // One subnet picked from the wrong list: some invocations reach the internet, others time out.
    name: 'search-indexer',
    runtime: 'nodejs22.x',
    memory: 1024,
    role: 'search-indexer-role',
    arm: true,
    lastModified: '2026-11-19T16:40:51.228+0000',
    vpc: VPC_PROD,
    subnets: [PROD_PRIVATE_A, PROD_PRIVATE_B, PROD_PUBLIC_C],
    securityGroups: [SG_APP],
  },
  {
    name: 'pdf-sanitizer',
    runtime: 'python3.13',
    memory: 2048,
    role: 'pdf-sanitizer-role',
    lastModified: '2026-10-11T11:11:58.840+0000',
    vpc: VPC_PROD,
    subnets: [PROD_PRIVATE_A, PROD_PRIVATE_B],
    securityGroups: [SG_NO_EGRESS],
  },
  {
    name: 'settlement-exporter',
    runtime: 'java17',
    memory: 1024,
    role: 'settlement-exporter-role',
    lastModified: '2025-12-01T06:00:21.733+0000',
    vpc: VPC_PROD,
    subnets: [PROD_PRIVATE_A, DELETED_SUBNET],
    securityGroups: [SG_APP],
  },
  {
    name: 'kyc-document-check',
    runtime: 'python3.12',
    memory: 512,
    role: 'kyc-document-check-role',
    lastModified: '2026-02-19T17:36:44.092+0000',
    vpc: VPC_PROD,
    subnets: [PROD_PRIVATE_B, PROD_PRIVATE_C],
    securityGroups: [SG_APP, SG_DELETED],
  },
  {
    name: 'statement-archiver',
    runtime: 'nodejs18.x',
    memory: 512,
    role: DELETED_ROLE,
    lastModified: '2025-03-27T10:02:33.561+0000',
    vpc: VPC_PROD,
    subnets: [PROD_PRIVATE_A, PROD_PRIVATE_B],
    securityGroups: [SG_APP],
  },
  {
    name: 'webhook-fanout',
    runtime: 'nodejs22.x',
    memory: 128,
    role: 'webhook-fanout-role',
    arm: true,
    lastModified: '2026-09-29T15:15:15.150+0000',
    subnets: [],
    versions: [
      {
        version: '1',
        subnets: [PROD_PRIVATE_A, PROD_PRIVATE_B],
        securityGroups: [SG_APP],
        lastModified: '2026-01-12T10:20:30.400+0000',
      },
    ],
    vpc: VPC_PROD,
  },
  // data VPC (isolated)
  {
    name: 'ledger-sync',
    runtime: 'java21',
    memory: 2048,
    role: 'ledger-lambda-role',
    lastModified: '2026-11-10T19:48:06.377+0000',
    vpc: VPC_DATA,
    subnets: DATA_ISOLATED,
    securityGroups: [SG_LEDGER],
  },
  {
    name: 'reconciliation-batch',
    runtime: 'python3.13',
    memory: 3008,
    role: 'ledger-lambda-role',
    lastModified: '2026-06-30T23:59:01.004+0000',
    vpc: VPC_DATA,
    subnets: DATA_ISOLATED,
    securityGroups: [SG_LEDGER],
  },
  {
    name: 'fx-rates-fetcher',
    runtime: 'python3.13',
    memory: 256,
    role: 'fx-rates-fetcher-role',
    arm: true,
    lastModified: '2026-11-21T05:03:44.820+0000',
    vpc: VPC_DATA,
    subnets: [DATA_ISOLATED_A, DATA_ISOLATED_B],
    securityGroups: [SG_LEDGER],
  },
  // hsm VPC (dedicated tenancy)
  {
    name: 'card-tokenizer',
    runtime: 'java21',
    memory: 1024,
    role: 'card-tokenizer-role',
    lastModified: '2026-11-22T14:27:50.613+0000',
    vpc: VPC_HSM,
    subnets: [HSM_A, HSM_B],
    securityGroups: [SG_HSM],
  },
  // analytics VPC
  {
    name: 'clickstream-loader',
    runtime: 'python3.13',
    memory: 1769,
    role: 'clickstream-loader-role',
    lastModified: '2026-11-16T11:27:38.519+0000',
    vpc: VPC_ANALYTICS,
    subnets: [ANALYTICS_PRIVATE_A, ANALYTICS_PRIVATE_B],
    securityGroups: [SG_ANALYTICS],
  },
  // default VPC
  {
    name: 'ops-slack-notifier',
    runtime: 'nodejs22.x',
    memory: 128,
    role: 'ops-slack-notifier-role',
    lastModified: '2024-12-09T08:14:27.991+0000',
    vpc: VPC_DEFAULT,
    subnets: [DEFAULT_A, DEFAULT_B],
    securityGroups: [SG_DEFAULT],
  },
  // not in a VPC
  {
    name: 'auth-token-issuer',
    runtime: 'nodejs22.x',
    memory: 256,
    role: 'auth-token-issuer-role',
    arm: true,
    lastModified: '2026-11-05T10:00:12.345+0000',
  },
  {
    name: 'email-bounce-handler',
    runtime: 'python3.13',
    memory: 128,
    role: 'email-bounce-handler-role',
    lastModified: '2026-05-14T13:37:00.000+0000',
  },
  {
    name: 's3-event-router',
    runtime: 'provided.al2023',
    memory: 128,
    role: 's3-event-router-role',
    arm: true,
    lastModified: '2026-08-19T21:12:45.678+0000',
  },
  {
    name: 'lambda-vpc-auditor',
    runtime: 'nodejs22.x',
    memory: 512,
    role: 'lambda-vpc-auditor-role',
    arm: true,
    lastModified: '2026-11-15T09:00:00.000+0000',
  },
  {
    name: 'cost-reporter',
    runtime: 'ruby3.3',
    memory: 256,
    role: COST_REPORTER_ROLE,
    rolePath: '/service-role/',
    lastModified: '2026-03-03T03:03:03.303+0000',
  },
  {
    name: 'cognito-pre-signup',
    runtime: 'dotnet8',
    memory: 256,
    role: 'cognito-pre-signup-role',
    lastModified: '2026-04-22T16:45:30.210+0000',
  },
];

const DEFAULT_TAGS = { env: 'prod', 'cost-center': 'cc-4410', 'managed-by': 'terraform' };

/** GetFunction for every VPC-enabled function. */
const DETAILS: FunctionDetail[] = [
  detail('orders-api', { team: 'orders' }),
  detail('customer-profile-api', { team: 'customers' }),
  detail('month-end-close', { team: 'finance' }, { state: 'Inactive', reserved: 0 }),
  detail('payments-webhook', { team: 'payments' }, { reserved: 100 }),
  detail('payment-authorizer', { team: 'payments' }, { reserved: 50 }),
  detail('fraud-scorer', { team: 'risk' }),
  detail('refund-processor', { team: 'payments' }),
  detail('invoice-renderer', { team: 'invoicing' }),
  detail('invoice-mailer', { team: 'invoicing' }),
  detail('report-scheduler', { team: 'finance' }),
  detail('image-resizer', { team: 'web' }),
  detail('pdf-sanitizer', { team: 'invoicing' }),
  detail('settlement-exporter', { team: 'finance' }),
  detail('kyc-document-check', { team: 'risk' }),
  detail('statement-archiver', { team: 'finance' }),
  detail('webhook-fanout', { team: 'platform' }),
  detail('ledger-sync', { team: 'ledger' }, { reserved: 25 }),
  detail('reconciliation-batch', { team: 'ledger' }, { state: 'Inactive' }),
  detail('fx-rates-fetcher', { team: 'ledger', 'lambda-vpc-audit:egress': 'internet' }, { reserved: 5 }),
  {
    ...detail('card-tokenizer', { team: 'payments', 'data-classification': 'pci' }),
    State: 'Failed',
    StateReasonCode: 'InvalidConfiguration',
    StateReason: 'Lambda does not support dedicated-tenancy VPCs.',
  },
  detail('ops-slack-notifier', { team: 'platform', env: 'ops' }),
  detail('search-indexer', { team: 'web' }),
  detail('clickstream-loader', { team: 'analytics' }),
];

function detail(
  name: string,
  tags: Record<string, string>,
  options: { state?: 'Active' | 'Inactive'; reserved?: number } = {},
): FunctionDetail {
  const state = options.state ?? 'Active';
  return {
    FunctionName: name,
    State: state,
    ...(state === 'Inactive' ? { StateReasonCode: 'Idle' } : {}),
    LastUpdateStatus: 'Successful',
    ...(options.reserved === undefined ? {} : { ReservedConcurrentExecutions: options.reserved }),
    Tags: { ...DEFAULT_TAGS, service: name, ...tags },
  };
}

// --- EC2: subnets and the interfaces that are not Lambda's ----------------------------------------------------

interface SubnetSpec {
  id: string;
  vpc: string;
  az: 'a' | 'b' | 'c';
  cidr: string;
  public?: boolean;
  /** ENIs in the subnet that are not Lambda's, by InterfaceType (EC2, RDS, ALB, NAT gateway, endpoints). */
  others?: Record<string, number>;
}

/** This account's AZ name -> AZ id mapping. */
const AZ_IDS = { a: 'euw1-az3', b: 'euw1-az1', c: 'euw1-az2' } as const;

const SUBNETS: SubnetSpec[] = [
  {
    id: PROD_PUBLIC_A,
    vpc: VPC_PROD,
    az: 'a',
    cidr: '10.10.0.0/24',
    public: true,
    others: { natGateway: 1, interface: 2 },
  },
  {
    id: PROD_PUBLIC_B,
    vpc: VPC_PROD,
    az: 'b',
    cidr: '10.10.1.0/24',
    public: true,
    others: { natGateway: 1, interface: 1 },
  },
  { id: PROD_PUBLIC_C, vpc: VPC_PROD, az: 'c', cidr: '10.10.2.0/24', public: true, others: { interface: 1 } },
  // The EKS cluster's pods (security groups for pods) get a branch ENI each, on trunk ENIs of their nodes.
  {
    id: PROD_PRIVATE_A,
    vpc: VPC_PROD,
    az: 'a',
    cidr: '10.10.16.0/20',
    others: { interface: 14, branch: 1360, trunk: 12 },
  },
  {
    id: PROD_PRIVATE_B,
    vpc: VPC_PROD,
    az: 'b',
    cidr: '10.10.32.0/20',
    others: { interface: 11, branch: 1330, trunk: 12 },
  },
  {
    id: PROD_PRIVATE_C,
    vpc: VPC_PROD,
    az: 'c',
    cidr: '10.10.48.0/20',
    others: { interface: 9, branch: 1290, trunk: 11 },
  },
  { id: PROD_HOT_A, vpc: VPC_PROD, az: 'a', cidr: '10.10.64.0/28', others: { interface: 3 } },
  { id: PROD_LEGACY_A, vpc: VPC_PROD, az: 'a', cidr: '10.10.100.0/24', others: { interface: 2 } },
  { id: PROD_LEGACY_B, vpc: VPC_PROD, az: 'b', cidr: '10.10.101.0/24', others: { interface: 1 } },
  {
    id: DATA_ISOLATED_A,
    vpc: VPC_DATA,
    az: 'a',
    cidr: '10.20.0.0/22',
    others: { vpc_endpoint: 4, interface: 2 },
  },
  {
    id: DATA_ISOLATED_B,
    vpc: VPC_DATA,
    az: 'b',
    cidr: '10.20.4.0/22',
    others: { vpc_endpoint: 4, interface: 2 },
  },
  {
    id: DATA_ISOLATED_C,
    vpc: VPC_DATA,
    az: 'c',
    cidr: '10.20.8.0/22',
    others: { vpc_endpoint: 4, interface: 1 },
  },
  { id: HSM_A, vpc: VPC_HSM, az: 'a', cidr: '10.30.0.0/26', others: { interface: 1 } },
  { id: HSM_B, vpc: VPC_HSM, az: 'b', cidr: '10.30.0.64/26', others: { interface: 1 } },
  { id: DEFAULT_B, vpc: VPC_DEFAULT, az: 'b', cidr: '172.31.0.0/20', public: true },
  { id: DEFAULT_C, vpc: VPC_DEFAULT, az: 'c', cidr: '172.31.16.0/20', public: true },
  {
    id: DEFAULT_A,
    vpc: VPC_DEFAULT,
    az: 'a',
    cidr: '172.31.32.0/20',
    public: true,
    others: { interface: 1 },
  },
  { id: ANALYTICS_EDGE_A, vpc: VPC_ANALYTICS, az: 'a', cidr: '10.40.0.0/24', others: { natGateway: 1 } },
  { id: ANALYTICS_PRIVATE_A, vpc: VPC_ANALYTICS, az: 'a', cidr: '10.40.16.0/20', others: { interface: 3 } },
  { id: ANALYTICS_PRIVATE_B, vpc: VPC_ANALYTICS, az: 'b', cidr: '10.40.32.0/20', others: { interface: 2 } },
  ...PROVIDER_SUBNETS.map((spec) => ({ ...spec, vpc: VPC_PROD })),
];

const VPC_CIDRS: Record<string, string> = {
  [VPC_PROD]: '10.10.0.0/16',
  [VPC_DATA]: '10.20.0.0/16',
  [VPC_HSM]: '10.30.0.0/24',
  [VPC_DEFAULT]: '172.31.0.0/16',
  [VPC_ANALYTICS]: '10.40.0.0/16',
};

// --- routes ------------------------------------------------------------------------------------------------

function localRoute(vpcId: string): Route {
  return {
    DestinationCidrBlock: VPC_CIDRS[vpcId] ?? '',
    GatewayId: 'local',
    Origin: 'CreateRouteTable',
    State: 'active',
  };
}

function routeTable(
  id: string,
  vpcId: string,
  main: boolean,
  subnets: string[],
  routes: Route[],
): RouteTable {
  return {
    RouteTableId: id,
    VpcId: vpcId,
    Associations: [
      ...(main ? [{ RouteTableAssociationId: `rtbassoc-0${hex(`${id}:main`, 16)}`, Main: true }] : []),
      ...subnets.map((subnetId) => ({
        RouteTableAssociationId: `rtbassoc-0${hex(`${id}:${subnetId}`, 16)}`,
        SubnetId: subnetId,
        Main: false,
      })),
    ],
    Routes: [localRoute(vpcId), ...routes],
  };
}

const defaultVia = (target: Partial<Route>, state = 'active'): Route => ({
  DestinationCidrBlock: '0.0.0.0/0',
  ...target,
  Origin: 'CreateRoute',
  State: state,
});

const ROUTE_TABLES: RouteTable[] = [
  routeTable('rtb-0a0b0c0d0e0f01001', VPC_PROD, true, [], []),
  routeTable(
    'rtb-0a0b0c0d0e0f01002',
    VPC_PROD,
    false,
    [PROD_PUBLIC_A, PROD_PUBLIC_B, PROD_PUBLIC_C],
    [defaultVia({ GatewayId: IGW_PROD })],
  ),
  routeTable(
    'rtb-0a0b0c0d0e0f01003',
    VPC_PROD,
    false,
    [PROD_PRIVATE_A, PROD_HOT_A],
    [defaultVia({ NatGatewayId: NAT_A })],
  ),
  routeTable(
    'rtb-0a0b0c0d0e0f01004',
    VPC_PROD,
    false,
    [PROD_PRIVATE_B],
    [defaultVia({ NatGatewayId: NAT_B })],
  ),
  // eu-west-1c has no NAT gateway of its own: its private subnet depends on eu-west-1b's.
  routeTable(
    'rtb-0a0b0c0d0e0f01005',
    VPC_PROD,
    false,
    [PROD_PRIVATE_C],
    [defaultVia({ NatGatewayId: NAT_B })],
  ),
  // The legacy subnets still point at the NAT gateway that was deleted with eu-west-1c's old egress.
  routeTable(
    'rtb-0a0b0c0d0e0f01006',
    VPC_PROD,
    false,
    [PROD_LEGACY_A, PROD_LEGACY_B],
    [defaultVia({ NatGatewayId: NAT_DELETED }, 'blackhole')],
  ),
  routeTable('rtb-0d0e0f0a0b0c02001', VPC_DATA, true, [], []),
  routeTable('rtb-0d0e0f0a0b0c02002', VPC_DATA, false, DATA_ISOLATED, [
    { DestinationPrefixListId: PL_S3, GatewayId: VPCE_S3, Origin: 'CreateRoute', State: 'active' },
  ]),
  routeTable('rtb-0e1f2a3b4c5d03001', VPC_HSM, true, [], []),
  routeTable('rtb-1f2e3d4c', VPC_DEFAULT, true, [], [defaultVia({ GatewayId: IGW_DEFAULT })]),
  // The analytics NAT gateway's subnet has no association, so the main table (no default route) applies to it...
  routeTable('rtb-0f1e2d3c4b5a04001', VPC_ANALYTICS, true, [], []),
  routeTable(
    'rtb-0f1e2d3c4b5a04002',
    VPC_ANALYTICS,
    false,
    [ANALYTICS_PRIVATE_A, ANALYTICS_PRIVATE_B],
    [defaultVia({ NatGatewayId: NAT_ANALYTICS })],
  ),
  // ...while the public table meant for it was never associated with any subnet.
  routeTable('rtb-0f1e2d3c4b5a04003', VPC_ANALYTICS, false, [], [defaultVia({ GatewayId: IGW_ANALYTICS })]),
];

// --- security groups -----------------------------------------------------------------------------------------

const ALL_EGRESS: IpPermission = {
  IpProtocol: '-1',
  IpRanges: [{ CidrIp: '0.0.0.0/0' }],
  Ipv6Ranges: [],
  PrefixListIds: [],
  UserIdGroupPairs: [],
};

function sg(id: string, name: string, vpcId: string, egress: IpPermission[] = [ALL_EGRESS]): SecurityGroup {
  return { GroupId: id, GroupName: name, VpcId: vpcId, IpPermissionsEgress: egress };
}

const SECURITY_GROUPS: SecurityGroup[] = [
  sg(SG_APP, 'lambda-app', VPC_PROD),
  sg(SG_DB_CLIENT, 'lambda-db-client', VPC_PROD),
  sg(SG_PAYMENTS, 'lambda-payments', VPC_PROD),
  sg(SG_NO_EGRESS, 'lambda-pdf-sandbox', VPC_PROD, []),
  sg(SG_LEGACY_BATCH, 'legacy-batch', VPC_PROD),
  sg(SG_LEDGER, 'lambda-ledger', VPC_DATA, [
    {
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      IpRanges: [{ CidrIp: '10.20.0.0/16' }],
      Ipv6Ranges: [],
      PrefixListIds: [{ PrefixListId: PL_S3 }],
      UserIdGroupPairs: [],
    },
    {
      IpProtocol: 'tcp',
      FromPort: 5432,
      ToPort: 5432,
      IpRanges: [{ CidrIp: '10.20.0.0/16' }],
      Ipv6Ranges: [],
      PrefixListIds: [],
      UserIdGroupPairs: [],
    },
  ]),
  sg(SG_ENDPOINTS, 'vpc-endpoints', VPC_DATA),
  sg(SG_HSM, 'lambda-hsm', VPC_HSM),
  sg(SG_DEFAULT, 'default', VPC_DEFAULT),
  sg(SG_ANALYTICS, 'lambda-analytics', VPC_ANALYTICS),
  ...MONTH_END_RELEASES.map(({ version, groupId }) => sg(groupId, `month-end-close-r${version}`, VPC_PROD)),
];

// --- Lambda ENIs ---------------------------------------------------------------------------------------------

/** Hyperplane ENIs whose creator is not the first user of the combination (the creator may be gone). */
const CREATOR_OVERRIDES: Record<string, { id: string; creator: string }> = {
  [`${PROD_PRIVATE_C}|${SG_PAYMENTS}`]: { id: ENI_STALE_CREATOR, creator: 'checkout-api' },
};

interface EniSpec {
  id: string;
  subnetId: string;
  groupIds: string[];
  description: string;
  status: 'in-use' | 'available';
  interfaceType: string;
  requesterId: string;
  requesterManaged: boolean;
  attachTime?: string;
}

function attachTime(seed: string): string {
  const h = Number.parseInt(hex(`attach-time:${seed}`, 8), 16);
  const month = String(1 + (h % 10)).padStart(2, '0');
  const day = String(1 + (Math.floor(h / 10) % 28)).padStart(2, '0');
  const hour = String(Math.floor(h / 280) % 24).padStart(2, '0');
  const minute = String(Math.floor(h / 6720) % 60).padStart(2, '0');
  const second = String(Math.floor(h / 403200) % 60).padStart(2, '0');
  return `2026-${month}-${day}T${hour}:${minute}:${second}.000Z`;
}

/**
 * One Hyperplane ENI per (subnet, sorted security-group set) in use, except where Lambda could not have one:
 * the subnet or a security group is gone (AWS refuses to delete them while an ENI uses them), the VPC has
 * dedicated tenancy, or every user is Inactive (Lambda reclaimed the ENI).
 */
function hyperplaneEnis(records: FunctionRecord[], details: Record<string, FunctionDetail>): EniSpec[] {
  const subnetVpc = new Map(SUBNETS.map((s) => [s.id, s.vpc]));
  const groups = new Set(SECURITY_GROUPS.map((g) => g.GroupId));
  const combos = new Map<string, { subnetId: string; groupIds: string[]; users: Set<string> }>();
  for (const record of records) {
    const config = record.VpcConfig;
    if (!config || config.SubnetIds.length === 0) continue;
    const groupIds = [...new Set(config.SecurityGroupIds)].sort();
    for (const subnetId of config.SubnetIds) {
      const key = `${subnetId}|${groupIds.join(',')}`;
      const combo = combos.get(key) ?? { subnetId, groupIds, users: new Set<string>() };
      combo.users.add(record.FunctionName);
      combos.set(key, combo);
    }
  }
  const enis: EniSpec[] = [];
  for (const [key, combo] of combos) {
    const vpcId = subnetVpc.get(combo.subnetId);
    if (vpcId === undefined || vpcId === VPC_HSM) continue;
    if (!combo.groupIds.every((g) => groups.has(g))) continue;
    const users = [...combo.users].sort();
    if (users.every((name) => details[name]?.State === 'Inactive')) continue;
    const override = CREATOR_OVERRIDES[key];
    const creator = override?.creator ?? users[0] ?? 'unknown';
    const creatorRole = FUNCTIONS.find((f) => f.name === creator)?.role ?? `${creator}-role`;
    enis.push({
      id: override?.id ?? `eni-0${hex(`eni:${key}`, 16)}`,
      subnetId: combo.subnetId,
      groupIds: combo.groupIds,
      description: `AWS Lambda VPC ENI-${creator}-${uuid(`eni-uuid:${key}`)}`,
      status: 'in-use',
      interfaceType: 'lambda',
      requesterId: `${roleId(creatorRole)}:${creator}`,
      requesterManaged: true,
      attachTime: attachTime(key),
    });
  }
  return enis;
}

/** ENIs no function uses any more. */
const ORPHAN_ENIS: EniSpec[] = [
  {
    // Its function legacy-checkout and that function's role legacy-checkout-role were deleted together:
    // Lambda could not clean up, and the ENI blocks deleting the legacy subnet.
    id: ENI_ORPHAN_AVAILABLE,
    subnetId: PROD_LEGACY_A,
    groupIds: [SG_APP],
    description: `AWS Lambda VPC ENI-legacy-checkout-${uuid('orphan:legacy-checkout')}`,
    status: 'available',
    interfaceType: 'lambda',
    requesterId: `${roleId('legacy-checkout-role')}:legacy-checkout`,
    requesterManaged: true,
  },
  {
    id: ENI_ORPHAN_IN_USE,
    subnetId: PROD_PRIVATE_A,
    groupIds: [SG_LEGACY_BATCH],
    description: `AWS Lambda VPC ENI-nightly-batch-${uuid('orphan:nightly-batch')}`,
    status: 'in-use',
    interfaceType: 'lambda',
    requesterId: `${roleId('nightly-batch-role')}:nightly-batch`,
    requesterManaged: true,
    attachTime: '2025-02-11T02:14:09.000Z',
  },
  {
    // Created before Hyperplane (2019): description without the function name, not requester-managed.
    id: ENI_ORPHAN_PRE2019,
    subnetId: PROD_LEGACY_B,
    groupIds: [SG_LEGACY_BATCH],
    description: `AWS Lambda VPC ENI: ${uuid('orphan:pre-2019')}`,
    status: 'available',
    interfaceType: 'interface',
    requesterId: `${roleId('nightly-batch-role')}:${uuid('orphan:pre-2019:session')}`,
    requesterManaged: false,
  },
];

// --- CloudWatch: daily peaks of ConcurrentExecutions --------------------------------------------------------------

/** The last 14 UTC days, today (the capture day, 3 hours in) included, as the collector asks for them. */
const METRIC_DAYS = Array.from({ length: 14 }, (_, i) =>
  new Date(Date.UTC(2026, 10, 11 + i)).toISOString().slice(0, 10),
);

type TrafficShape = 'steady' | 'rising' | 'spike';

/** Peak concurrency over the 14 days; null: no datapoints at all (idle, failing or unable to run). */
const PEAKS: Record<string, { peak: number | null; shape?: TrafficShape }> = {
  'orders-api': { peak: 180 },
  'customer-profile-api': { peak: 64 },
  'month-end-close': { peak: null },
  'payments-webhook': { peak: 96, shape: 'rising' },
  'payment-authorizer': { peak: 41 },
  'fraud-scorer': { peak: 12 },
  'refund-processor': { peak: 8 },
  'invoice-renderer': { peak: 30 },
  'invoice-mailer': { peak: 14 },
  'report-scheduler': { peak: 3 },
  'image-resizer': { peak: 350, shape: 'spike' },
  'pdf-sanitizer': { peak: 4 },
  'settlement-exporter': { peak: 2 },
  'kyc-document-check': { peak: null },
  'statement-archiver': { peak: null },
  'webhook-fanout': { peak: 22 },
  'ledger-sync': { peak: 25 },
  'reconciliation-batch': { peak: null },
  'fx-rates-fetcher': { peak: 5 },
  'card-tokenizer': { peak: null },
  'ops-slack-notifier': { peak: 2 },
};

/** A function not listed above gets a small steady peak derived from its name, so the demo stays complete. */
function peakOf(name: string): { peak: number | null; shape?: TrafficShape } {
  return PEAKS[name] ?? { peak: 1 + (Number.parseInt(hex(`peak:${name}`, 4), 16) % 9) };
}

/** Day i's share of the peak: the peak day is exactly 1; the last day is 3 hours of a night. */
function dayFactor(name: string, shape: TrafficShape, i: number, peakDay: number): number {
  if (i === peakDay) return 1;
  const jitter = Number.parseInt(hex(`day:${name}:${i}`, 4), 16) / 0xffff;
  const night = i === METRIC_DAYS.length - 1 ? 0.35 : 1;
  if (shape === 'rising') return night * (0.5 + (0.4 * i) / peakDay + 0.05 * jitter);
  if (shape === 'spike') return night * (0.08 + 0.1 * jitter);
  return night * (0.55 + 0.4 * jitter);
}

function dailyPeaks(name: string): { date: string; max: number }[] {
  const { peak, shape = 'steady' } = peakOf(name);
  if (peak === null) return [];
  // The peak falls on a full day: the day before the capture for a rising series, else one picked by name.
  const peakDay = shape === 'rising' ? 12 : Number.parseInt(hex(`peak-day:${name}`, 4), 16) % 13;
  return METRIC_DAYS.map((date, i) => ({
    date,
    max: Math.max(1, Math.round(peak * dayFactor(name, shape, i, peakDay))),
  }));
}

function seriesOf(daily: { date: string; max: number }[]) {
  return { peak: daily.length === 0 ? null : Math.max(...daily.map((d) => d.max)), daily };
}

/** Per VPC function (dimension FunctionName) and the account series, which also counts the plain functions. */
function concurrencyMetrics(records: FunctionRecord[]): NonNullable<Snapshot['metrics']> {
  const vpcNames = [
    ...new Set(records.filter((r) => (r.VpcConfig?.SubnetIds.length ?? 0) > 0).map((r) => r.FunctionName)),
  ].sort();
  const functions = Object.fromEntries(vpcNames.map((name) => [name, seriesOf(dailyPeaks(name))]));
  const account = METRIC_DAYS.map((date, i) => {
    const vpcTotal = vpcNames.reduce((sum, name) => sum + (functions[name]?.daily[i]?.max ?? 0), 0);
    // Peaks of different functions rarely coincide; the plain functions add a steady 35.
    return { date, max: Math.round(vpcTotal * 0.7) + 35 };
  });
  return {
    lookbackDays: 14,
    periodSeconds: 86400,
    startTime: '2026-11-11T00:00:00.000Z',
    endTime: CAPTURED_AT,
    account: seriesOf(account),
    functions,
  };
}

// --- assembling --------------------------------------------------------------------------------------------

export function buildDemoAccount(): Snapshot {
  const providers = capacityProviderDemo({
    account: ACCOUNT,
    region: REGION,
    prodVpc: VPC_PROD,
    prodPrivate: [PROD_PRIVATE_A, PROD_PRIVATE_B, PROD_PRIVATE_C],
    dataSubnets: [DATA_ISOLATED_A, DATA_ISOLATED_B],
    dataSecurityGroup: SG_LEDGER,
    roleArn: (name) => roleArn(name),
  });
  const functions = [...FUNCTIONS.flatMap(functionRecords), ...providers.functions];
  const functionDetails = Object.fromEntries(
    [...DETAILS, ...providers.functionDetails].map((d) => [d.FunctionName, d]),
  );
  // Lambda-operated ENIs (managed instances, network connectors) hold addresses and count in the region too.
  const operated = providers.lambdaOperatedNetworkInterfaces;
  const operatedIn = (subnetId: string) => operated.filter((eni) => eni.SubnetId === subnetId).length;
  const eniSpecs = [...hyperplaneEnis(functions, functionDetails), ...ORPHAN_ENIS];

  // Private IPs: Lambda ENIs take addresses after the subnet's other interfaces.
  const subnetById = new Map(SUBNETS.map((s) => [s.id, s]));
  const groupName = new Map(SECURITY_GROUPS.map((g) => [g.GroupId, g.GroupName]));
  const lambdaInSubnet = new Map<string, number>();
  const networkInterfaces: NetworkInterface[] = eniSpecs.map((spec) => {
    const subnet = subnetById.get(spec.subnetId);
    if (!subnet) throw new Error(`demo ENI ${spec.id} is in unknown subnet ${spec.subnetId}`);
    const taken = lambdaInSubnet.get(spec.subnetId) ?? 0;
    lambdaInSubnet.set(spec.subnetId, taken + 1);
    const others = Object.values(subnet.others ?? {}).reduce((a, b) => a + b, 0);
    const { base } = parseCidr(subnet.cidr);
    return {
      NetworkInterfaceId: spec.id,
      InterfaceType: spec.interfaceType,
      Description: spec.description,
      Status: spec.status,
      SubnetId: spec.subnetId,
      VpcId: subnet.vpc,
      AvailabilityZone: `${REGION}${subnet.az}`,
      // The first four addresses are reserved; other interfaces come first.
      PrivateIpAddress: ipString(base + 4 + others + taken),
      RequesterId: spec.requesterId,
      RequesterManaged: spec.requesterManaged,
      Groups: spec.groupIds.map((id) => ({ GroupId: id, GroupName: groupName.get(id) ?? id })),
      ...(spec.status === 'in-use'
        ? {
            Attachment: {
              AttachmentId: `ela-attach-${hex(`attach:${spec.id}`, 8)}`,
              InstanceOwnerId: 'amazon-aws',
              Status: 'attached',
              AttachTime: spec.attachTime ?? attachTime(spec.id),
            },
          }
        : {}),
    };
  });

  const subnets: Subnet[] = SUBNETS.map((s) => {
    const others = Object.values(s.others ?? {}).reduce((a, b) => a + b, 0);
    return {
      SubnetId: s.id,
      VpcId: s.vpc,
      AvailabilityZone: `${REGION}${s.az}`,
      AvailabilityZoneId: AZ_IDS[s.az],
      CidrBlock: s.cidr,
      AvailableIpAddressCount:
        parseCidr(s.cidr).size - 5 - others - (lambdaInSubnet.get(s.id) ?? 0) - operatedIn(s.id),
      MapPublicIpOnLaunch: s.public ?? false,
    };
  });

  const byInterfaceType: Record<string, number> = {};
  const count = (type: string, n: number): void => {
    byInterfaceType[type] = (byInterfaceType[type] ?? 0) + n;
  };
  for (const eni of [...networkInterfaces, ...operated]) count(eni.InterfaceType ?? 'interface', 1);
  for (const s of SUBNETS) for (const [type, n] of Object.entries(s.others ?? {})) count(type, n);
  const total = Object.values(byInterfaceType).reduce((a, b) => a + b, 0);

  const reserved = DETAILS.reduce((sum, d) => sum + (d.ReservedConcurrentExecutions ?? 0), 0);

  const roleNames = [...new Set([...FUNCTIONS.map((f) => f.role), ...providers.roleNames])]
    .filter((name) => name !== DELETED_ROLE)
    .sort();
  const roles: Role[] = [
    ...roleNames.map((name) =>
      name === COST_REPORTER_ROLE ? iamRole(name, '/service-role/') : iamRole(name),
    ),
    iamRole('AWSServiceRoleForSupport', '/aws-service-role/support.amazonaws.com/'),
    iamRole('OrganizationAccountAccessRole'),
  ];

  // The egress cases first, then the planning cases (they add to the regional ENI counts), then the roles' policies.
  const demo = withPlanningCases(
    withEgressCases({
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      meta: {
        accountId: ACCOUNT,
        region: REGION,
        capturedAt: CAPTURED_AT,
        tool: { name: TOOL.name, version: TOOL.version },
      },
      coverage: [],
      functions,
      functionDetails,
      accountSettings: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 1000 - reserved },
      vpcs: [
        {
          VpcId: VPC_PROD,
          CidrBlock: VPC_CIDRS[VPC_PROD],
          InstanceTenancy: 'default',
          IsDefault: false,
          OwnerId: ACCOUNT,
        },
        {
          VpcId: VPC_DATA,
          CidrBlock: VPC_CIDRS[VPC_DATA],
          InstanceTenancy: 'default',
          IsDefault: false,
          OwnerId: ACCOUNT,
        },
        {
          VpcId: VPC_HSM,
          CidrBlock: VPC_CIDRS[VPC_HSM],
          InstanceTenancy: 'dedicated',
          IsDefault: false,
          OwnerId: ACCOUNT,
        },
        {
          VpcId: VPC_DEFAULT,
          CidrBlock: VPC_CIDRS[VPC_DEFAULT],
          InstanceTenancy: 'default',
          IsDefault: true,
          OwnerId: ACCOUNT,
        },
        {
          VpcId: VPC_ANALYTICS,
          CidrBlock: VPC_CIDRS[VPC_ANALYTICS],
          InstanceTenancy: 'default',
          IsDefault: false,
          OwnerId: ACCOUNT,
        },
      ],
      vpcAttributes: {
        [VPC_PROD]: { EnableDnsSupport: true, EnableDnsHostnames: true },
        [VPC_DATA]: { EnableDnsSupport: true, EnableDnsHostnames: true },
        [VPC_HSM]: { EnableDnsSupport: true, EnableDnsHostnames: false },
        [VPC_DEFAULT]: { EnableDnsSupport: true, EnableDnsHostnames: true },
        [VPC_ANALYTICS]: { EnableDnsSupport: false, EnableDnsHostnames: false },
      },
      subnets,
      routeTables: ROUTE_TABLES,
      internetGateways: [
        { InternetGatewayId: IGW_PROD, Attachments: [{ VpcId: VPC_PROD, State: 'available' }] },
        { InternetGatewayId: IGW_DEFAULT, Attachments: [{ VpcId: VPC_DEFAULT, State: 'available' }] },
        { InternetGatewayId: IGW_DETACHED, Attachments: [] },
        { InternetGatewayId: IGW_ANALYTICS, Attachments: [{ VpcId: VPC_ANALYTICS, State: 'available' }] },
      ],
      natGateways: [
        {
          NatGatewayId: NAT_A,
          VpcId: VPC_PROD,
          SubnetId: PROD_PUBLIC_A,
          State: 'available',
          ConnectivityType: 'public',
        },
        {
          NatGatewayId: NAT_B,
          VpcId: VPC_PROD,
          SubnetId: PROD_PUBLIC_B,
          State: 'available',
          ConnectivityType: 'public',
        },
        {
          NatGatewayId: NAT_DELETED,
          VpcId: VPC_PROD,
          SubnetId: PROD_PUBLIC_C,
          State: 'deleted',
          ConnectivityType: 'public',
        },
        {
          NatGatewayId: NAT_ANALYTICS,
          VpcId: VPC_ANALYTICS,
          SubnetId: ANALYTICS_EDGE_A,
          State: 'available',
          ConnectivityType: 'public',
        },
      ],
      securityGroups: [...SECURITY_GROUPS, ...providers.securityGroups],
      networkInterfaces,
      networkInterfaceCounts: { total, byInterfaceType },
      vpcEndpoints: [
        {
          VpcEndpointId: VPCE_S3,
          VpcId: VPC_DATA,
          ServiceName: `com.amazonaws.${REGION}.s3`,
          VpcEndpointType: 'Gateway',
          State: 'available',
        },
        ...INTERFACE_ENDPOINTS.map(({ id, service }) => ({
          VpcEndpointId: id,
          VpcId: VPC_DATA,
          ServiceName: `com.amazonaws.${REGION}.${service}`,
          VpcEndpointType: 'Interface',
          State: 'available',
        })),
      ],
      roles,
      // The execution and operator roles' policies and simulations: filled in below, once every function is in.
      rolePolicies: null,
      rolePermissions: null,
      metrics: concurrencyMetrics(functions),
      quotas: { lambdaEnisPerVpc: 500, networkInterfacesPerRegion: 5000 },
      capacityProviders: providers.capacityProviders,
      capacityProviderVersions: providers.capacityProviderVersions,
      lambdaOperatedNetworkInterfaces: operated,
    }),
  );
  return {
    ...demo,
    ...demoIam(
      { accountId: ACCOUNT, region: REGION },
      demo.functions ?? [],
      demo.roles ?? [],
      demo.capacityProviders ?? [],
    ),
  };
}
