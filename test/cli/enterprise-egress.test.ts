/**
 * Issue 14's acceptance, tried as a new user would: the CLI as users run it (the package's bin, the esbuild bundle,
 * a child process) against an account with enterprise egress topologies, served by the tests' fake AWS on
 * 127.0.0.1 through AWS_ENDPOINT_URL with the real SDK clients (no emulator can be installed here; this fake is
 * ours). Every function without a real internet path must be found with the hop that stops it; healthy paths through
 * a transit gateway, a virtual private gateway or a firewall endpoint then a NAT gateway raise no failure; a VPC with
 * DNS hostnames off but no interface endpoint raises no finding.
 */

import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../lib/model/finding.js';
import type { Report } from '../../lib/model/report.js';
import type { Snapshot } from '../../lib/model/snapshot.js';
import { type FakeAccountServer, startFakeAccountServer } from '../faults/fake-account/server.js';
import { accountFrom } from '../fixtures/aws-api/account.js';
import { ENTERPRISE_FUNCTIONS, enterpriseAccount } from '../fixtures/enterprise-account.js';
import { cliAgainst } from './cli-child.js';

let server: FakeAccountServer;

/** The CLI in a child process against this file's fake AWS. */
const cli = (...args: string[]) => cliAgainst(server.url, args);

let report: Report;
let details: string;
let snapshot: Snapshot;

beforeAll(async () => {
  if (!existsSync('dist/cli.mjs')) throw new Error('dist/cli.mjs is missing: run `npm run build` first.');
  server = await startFakeAccountServer();
  server.scenario('default', { account: accountFrom(enterpriseAccount()) });
  const dir = await mkdtemp(join(tmpdir(), 'lva-enterprise-'));
  const [json, text, written] = await Promise.all([
    cli('--region', 'eu-west-1', '--format', 'json'),
    cli('--region', 'eu-west-1', '--details', '--fail-on', 'high'),
    cli('snapshot', '--region', 'eu-west-1', '--out', join(dir, 'snapshot.json')),
  ]);
  expect(json.code, json.stderr).toBe(0);
  report = JSON.parse(json.stdout) as Report;
  // The terminal wraps long lines (100 columns without a TTY): read the paths as one line each.
  details = text.stdout.replace(/\n {8,}/g, ' ');
  expect(text.code, text.stderr).toBe(1);
  expect(written.code, written.stderr).toBe(0);
  snapshot = JSON.parse(await readFile(join(dir, 'snapshot.json'), 'utf8')) as Snapshot;
}, 120_000);

afterAll(async () => {
  await server.close();
});

const findingsOf = (name: string): Finding[] => report.findings.filter((f) => f.resourceId === name);
const failures = (name: string) => findingsOf(name).filter((f) => f.status === 'fail');

describe('an account with enterprise egress topologies, through the real CLI and collectors', () => {
  it('collects the egress parts through the SDK: ACLs, attachments, peering, the NAT instances and their ENIs', () => {
    expect(snapshot.schemaVersion).toBe(2);
    expect(snapshot.coverage.filter((gap) => gap.part !== 'metrics' && gap.part !== 'quotas')).toEqual([]);
    expect(snapshot.networkAcls?.map((acl) => acl.NetworkAclId).sort()).toContain('acl-locked');
    expect(snapshot.transitGatewayAttachments?.map((a) => a.TransitGatewayAttachmentId)).toEqual([
      'tgw-attach-hub',
    ]);
    expect(snapshot.vpcPeeringConnections?.map((p) => [p.VpcPeeringConnectionId, p.Status?.Code])).toEqual([
      ['pcx-shared', 'active'],
    ]);
    expect(snapshot.routeTargetInstances?.map((i) => [i.InstanceId, i.State]).sort()).toEqual([
      ['i-nat-ok', 'running'],
      ['i-nat-stopped', 'stopped'],
    ]);
    expect(
      snapshot.routeTargetInterfaces?.map((e) => [e.NetworkInterfaceId, e.SourceDestCheck]).sort(),
    ).toEqual([
      ['eni-nat-ok', false],
      ['eni-nat-stopped', false],
    ]);
    expect(snapshot.vpcEndpoints?.find((e) => e.VpcEndpointId === 'vpce-fw-a')?.SubnetIds).toEqual([
      'subnet-firewall-a',
    ]);
  });

  it('finds every function without a real internet path, with the hop that stops it', () => {
    const stopped = (name: string, ruleId: string) =>
      failures(name).find((f) => f.ruleId === ruleId)?.message ?? `${name}: no ${ruleId} failure`;
    expect(stopped('peered-reporter', 'function-no-internet-path')).toContain(
      'VPC peering connection pcx-shared',
    );
    expect(stopped('firewall-only', 'function-no-internet-path')).toContain(
      'after Network Firewall endpoint vpce-fw-direct: internet gateway igw-app drops it',
    );
    expect(stopped('stopped-nat-user', 'function-no-internet-path')).toContain(
      'instance i-nat-stopped is stopped',
    );
    expect(stopped('private-nat-user', 'function-no-internet-path')).toContain(
      'after private NAT gateway nat-private-app: internet gateway igw-app drops it',
    );
    expect(stopped('acl-locked', 'function-no-internet-path')).toContain(
      'acl-locked denies outbound TCP 443 (rule 100)',
    );
    expect(stopped('ipv4-only-pinger', 'function-isolated')).toContain('it does not send IPv6');
    expect(failures('ipv4-only-pinger').find((f) => f.ruleId === 'function-isolated')?.severity).toBe('high');
  });

  it('raises no failure for healthy paths through a transit gateway, a VPN gateway, a firewall then a NAT, a NAT instance, or IPv6', () => {
    for (const name of [
      'spoke-api',
      'onprem-sync',
      'overlap-bridge',
      'inspected-api',
      'nat-instance-user',
      'dual-stack-pusher',
    ])
      expect(
        failures(name).map((f) => f.ruleId),
        name,
      ).toEqual([]);
    // Beyond the transit gateway and the VPN the internet is not this account's to see: said so, at info.
    for (const name of ['spoke-api', 'onprem-sync', 'overlap-bridge']) {
      const [finding] = findingsOf(name);
      expect(finding, name).toMatchObject({
        ruleId: 'function-no-internet-path',
        status: 'unknown',
        severity: 'info',
      });
    }
    expect(findingsOf('spoke-api')[0]?.message).toBe(
      'spoke-api: leaves through transit gateway tgw-hub; internet beyond it not verifiable here.',
    );
    expect(findingsOf('inspected-api')).toEqual([]);
  });

  it('raises no DNS finding for a VPC with DNS hostnames off but no interface endpoint', () => {
    expect(report.findings.filter((f) => f.ruleId === 'function-vpc-dns-hostnames')).toEqual([]);
    expect(findingsOf('quiet-worker').map((f) => [f.ruleId, f.severity])).toEqual([
      ['function-isolated', 'info'],
    ]);
  });

  it('shows each path hop by hop in the text details view, every function of the account', () => {
    expect(details).toContain(
      'subnet-inspected-a » rtb-inspected-a 0.0.0.0/0 » vpce-fw-a (Network Firewall endpoint, subnet-firewall-a) » ' +
        'rtb-firewall-a 0.0.0.0/0 » nat-app-a (NAT gateway, subnet-app-public-a) » rtb-app-public-a 0.0.0.0/0 » ' +
        'igw-app: internet',
    );
    expect(details).toContain('[IPv6] subnet-dual-stack-a » rtb-dual-stack ::/0 » eigw-app: internet');
    for (const name of ENTERPRISE_FUNCTIONS) expect(details).toContain(`\n    ${name}: `);
  });
});
