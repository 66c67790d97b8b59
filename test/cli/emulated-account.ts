/**
 * A small account for trying `can-delete` and `plan` as a new user would, against the tests' fake AWS
 * (test/faults/fake-account, the shared APIs of test/fixtures/aws-api) through AWS_ENDPOINT_URL:
 *
 *   api                 512 MB, peak 20, in two roomy private subnets (a /20 each, eu-west-1a and b) with group app
 *   subnet TINY         a /28 with 11 free IPs, routed to the NAT gateway, used by nobody yet
 *   subnet FORGOTTEN    holds a forgotten Lambda ENI: creator old-importer and its role old-importer-role are gone
 *   group UNUSED        exists, nothing uses it
 *   group SPARE         used by a detached Lambda ENI whose creator spare-job (now with group app only) still
 *                       exists and may delete it: Lambda removes it by itself, what `--wait` waits for
 */
import { LAMBDA_ENI_ACTIONS } from '../../lib/model/lambda-eni-actions.js';
import { accountFrom, type FakeAccount } from '../fixtures/aws-api/account.js';
import {
  countEnis,
  detailsOf,
  emptySnapshot,
  fn,
  functionDetail,
  internetGateway,
  lambdaEni,
  natGateway,
  role,
  roleArn,
  route,
  routeTable,
  securityGroup,
  subnet,
  vpc,
  vpcAttributes,
} from '../fixtures/snapshot-builder.js';

export const VPC = 'vpc-0e1a2b3c4d5e6f708';
export const PUBLIC_A = 'subnet-0a1b2c3d4e5f6a001';
export const ROOMY_A = 'subnet-0b1c2d3e4f5a6b002';
export const ROOMY_B = 'subnet-0b1c2d3e4f5a6c003';
export const TINY = 'subnet-0c1d2e3f4a5b6c004';
export const FORGOTTEN = 'subnet-0d1e2f3a4b5c6d005';
export const APP = 'sg-0a1b2c3d4e5f6a701';
export const UNUSED = 'sg-0b2c3d4e5f6a7b702';
export const OLD_IMPORTER = 'sg-0c3d4e5f6a7b8c703';
export const SPARE = 'sg-0d4e5f6a7b8c9d704';
export const FORGOTTEN_ENI = 'eni-0f1e2d3c4b5a69801';
export const SPARE_ENI = 'eni-0f1e2d3c4b5a69802';

const NAT = 'nat-0a1b2c3d4e5f6a801';
const ALLOWED = Object.fromEntries(LAMBDA_ENI_ACTIONS.map((action) => [action, 'allowed' as const]));
const IGW = 'igw-0a1b2c3d4e5f6a901';

/** Peak 20 on each of the 14 days before the capture. */
const steady = (peak: number) => ({
  peak,
  daily: Array.from({ length: 14 }, (_, i) => ({
    date: new Date(Date.UTC(2026, 10, 10 + i)).toISOString().slice(0, 10),
    max: peak,
  })),
});

const enis = [
  lambdaEni({ id: 'eni-0a0a0a0a0a0a0a0a1', subnet: ROOMY_A, groups: [APP], creator: 'api', vpc: VPC }),
  lambdaEni({
    id: 'eni-0a0a0a0a0a0a0a0a2',
    subnet: ROOMY_B,
    groups: [APP],
    creator: 'api',
    vpc: VPC,
    az: 'eu-west-1b',
  }),
  lambdaEni({
    id: FORGOTTEN_ENI,
    subnet: FORGOTTEN,
    groups: [OLD_IMPORTER],
    creator: 'old-importer',
    vpc: VPC,
    status: 'available',
  }),
  lambdaEni({
    id: SPARE_ENI,
    subnet: ROOMY_A,
    groups: [SPARE],
    creator: 'spare-job',
    vpc: VPC,
    status: 'available',
  }),
];

export const EMULATED = emptySnapshot({
  functions: [
    fn({ name: 'api', memory: 512, subnets: [ROOMY_A, ROOMY_B], securityGroups: [APP], vpc: VPC }),
    fn({ name: 'spare-job', memory: 128, subnets: [ROOMY_B], securityGroups: [APP], vpc: VPC }),
  ],
  functionDetails: detailsOf(functionDetail({ name: 'api' }), functionDetail({ name: 'spare-job' })),
  vpcs: [vpc({ id: VPC })],
  vpcAttributes: { [VPC]: vpcAttributes() },
  subnets: [
    subnet({ id: PUBLIC_A, vpc: VPC, az: 'eu-west-1a', cidr: '10.0.0.0/24', free: 250 }),
    subnet({ id: ROOMY_A, vpc: VPC, az: 'eu-west-1a', cidr: '10.0.16.0/20', free: 4089 }),
    subnet({ id: ROOMY_B, vpc: VPC, az: 'eu-west-1b', cidr: '10.0.32.0/20', free: 4090 }),
    subnet({ id: TINY, vpc: VPC, az: 'eu-west-1a', cidr: '10.0.64.0/28', free: 11 }),
    subnet({ id: FORGOTTEN, vpc: VPC, az: 'eu-west-1a', cidr: '10.0.100.0/24', free: 250 }),
  ],
  routeTables: [
    routeTable({ id: 'rtb-0a1b2c3d4e5f6a011', vpc: VPC, main: true }),
    routeTable({ id: 'rtb-0a1b2c3d4e5f6a012', vpc: VPC, subnets: [PUBLIC_A], routes: [route.toIgw(IGW)] }),
    routeTable({
      id: 'rtb-0a1b2c3d4e5f6a013',
      vpc: VPC,
      subnets: [ROOMY_A, ROOMY_B, TINY, FORGOTTEN],
      routes: [route.toNat(NAT)],
    }),
  ],
  internetGateways: [internetGateway({ id: IGW, vpc: VPC })],
  natGateways: [natGateway({ id: NAT, vpc: VPC, subnet: PUBLIC_A })],
  securityGroups: [
    securityGroup({ id: APP, vpc: VPC, name: 'app' }),
    securityGroup({ id: UNUSED, vpc: VPC, name: 'unused' }),
    securityGroup({ id: OLD_IMPORTER, vpc: VPC, name: 'old-importer' }),
    securityGroup({ id: SPARE, vpc: VPC, name: 'spare' }),
  ],
  networkInterfaces: enis,
  networkInterfaceCounts: countEnis(enis),
  roles: [role('api-role'), role('spare-job-role')],
  rolePermissions: {
    [roleArn('api-role')]: ALLOWED,
    [roleArn('spare-job-role')]: ALLOWED,
  },
  metrics: {
    lookbackDays: 14,
    periodSeconds: 86400,
    startTime: '2026-11-10T00:00:00.000Z',
    endTime: '2026-11-24T03:00:00.000Z',
    account: steady(20),
    functions: { api: steady(20) },
  },
});

export function emulatedAccount(): FakeAccount {
  return accountFrom(EMULATED);
}
