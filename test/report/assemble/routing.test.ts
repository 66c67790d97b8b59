import { describe, expect, it } from 'vitest';
import { analyze } from '../../../lib/analyze/engine.js';
import { RULES } from '../../../lib/analyze/registry.js';
import type { Report } from '../../../lib/model/report.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../../lib/model/settings.js';
import type { Snapshot } from '../../../lib/model/snapshot.js';
import { buildReport } from '../../../lib/report/assemble/report.js';
import { renderHtml } from '../../../lib/report/render/html/html.js';
import { renderMarkdown } from '../../../lib/report/render/markdown/markdown.js';
import { renderText } from '../../../lib/report/render/text/text.js';
import { defaultAcl, egressRoute } from '../../fixtures/egress-builder.js';
import { networkSnapshot, networkTables, SUBNETS, VPC } from '../../fixtures/network.js';
import {
  fn,
  internetGateway,
  natGateway,
  route,
  routeTable,
  subnet,
  vpc,
  vpcAttributes,
  withMissing,
} from '../../fixtures/snapshot-builder.js';

const NOW = new Date('2026-11-24T03:00:00.000Z');

function reportOf(snapshot: Snapshot): Report {
  const analysis = analyze(snapshot, RULES, DEFAULT_ANALYSIS_SETTINGS, NOW);
  return buildReport({
    snapshot,
    analysis,
    rules: RULES,
    settings: DEFAULT_ANALYSIS_SETTINGS,
    runId: 'run-1',
    generatedAt: NOW,
  });
}

/** vpc-1 (see the network fixture) plus vpc-2, whose only subnet routes to a NAT gateway in another AZ. */
function twoVpcs(): Snapshot {
  const base = networkSnapshot();
  return networkSnapshot({
    vpcs: [...(base.vpcs ?? []), vpc({ id: 'vpc-2', cidr: '10.1.0.0/16' })],
    vpcAttributes: { [VPC]: vpcAttributes(), 'vpc-2': vpcAttributes() },
    subnets: [
      ...(base.subnets ?? []),
      subnet({ id: 'subnet-two-b', vpc: 'vpc-2', az: 'eu-west-1b' }),
      subnet({ id: 'subnet-two-pub-a', vpc: 'vpc-2', az: 'eu-west-1a' }),
    ],
    routeTables: [
      ...networkTables(),
      routeTable({
        id: 'rtb-two-public',
        vpc: 'vpc-2',
        subnets: ['subnet-two-pub-a'],
        routes: [route.toIgw('igw-2')],
      }),
      routeTable({
        id: 'rtb-two',
        vpc: 'vpc-2',
        main: true,
        subnets: ['subnet-two-b'],
        routes: [route.toNat('nat-two')],
      }),
    ],
    natGateways: [
      ...(base.natGateways ?? []),
      natGateway({ id: 'nat-two', vpc: 'vpc-2', subnet: 'subnet-two-pub-a' }),
    ],
    internetGateways: [...(base.internetGateways ?? []), internetGateway({ id: 'igw-2', vpc: 'vpc-2' })],
    networkAcls: [...(base.networkAcls ?? []), defaultAcl('vpc-2')],
    functions: [
      fn({ name: 'payments', subnets: [SUBNETS.privateA, SUBNETS.privateB], securityGroups: ['sg-1'] }),
      fn({ name: 'orders-api', subnets: [SUBNETS.privateA, SUBNETS.privateB], securityGroups: ['sg-1'] }),
      fn({ name: 'orders-api', version: '1', subnets: [SUBNETS.isolatedA], securityGroups: ['sg-1'] }),
      fn({ name: 'search-indexer', subnets: [SUBNETS.privateA, SUBNETS.privateB, SUBNETS.publicB] }),
      fn({ name: 'etl', subnets: ['subnet-two-b'], securityGroups: ['sg-1'] }),
    ],
  });
}

function routingLine(report: Report, name: string): string | undefined {
  return report.routing?.vpcs.flatMap((v) => v.functions).find((f) => f.name === name)?.summary;
}

describe('routing section', () => {
  it('says in one line how many subnets and AZs a function uses and which NAT gateways it goes through', () => {
    expect(routingLine(reportOf(twoVpcs()), 'payments')).toBe(
      'payments: 2 subnets in 2 AZs, internet via NAT gateway nat-a (eu-west-1a), NAT gateway nat-b (eu-west-1b)',
    );
  });

  it('describes each configuration of a function whose versions route differently', () => {
    expect(routingLine(reportOf(twoVpcs()), 'orders-api')).toBe(
      'orders-api: version $LATEST: 2 subnets in 2 AZs, internet via NAT gateway nat-a (eu-west-1a), ' +
        'NAT gateway nat-b (eu-west-1b); version 1: 1 subnet in 1 AZ, no route out of the VPC (endpoints: s3, sts)',
    );
  });

  it('flags mixed egress', () => {
    expect(routingLine(reportOf(twoVpcs()), 'search-indexer')).toBe(
      'search-indexer: 3 subnets in 2 AZs, MIXED: 2 internet via NAT gateway nat-a (eu-west-1a), NAT gateway nat-b ' +
        '(eu-west-1b); 1 no internet: public subnet, Lambda ENIs get no public IP',
    );
  });

  it('groups functions and routing findings by VPC', () => {
    const report = reportOf(twoVpcs());
    const vpcs = report.routing?.vpcs ?? [];
    expect(vpcs.map((v) => [v.vpcId, v.functions.map((f) => f.name)])).toEqual([
      [VPC, ['orders-api', 'payments', 'search-indexer']],
      ['vpc-2', ['etl']],
    ]);
    expect(vpcs[0]?.findingKeys).toEqual(
      expect.arrayContaining([
        'function-public-subnet:search-indexer',
        'function-mixed-egress:search-indexer',
        'function-isolated:orders-api',
      ]),
    );
    expect(vpcs[1]?.findingKeys).toEqual(['subnet-cross-az-nat:subnet-two-b']);
    // Every key points at a finding of the report.
    const keys = new Set(report.findings.map((f) => f.key));
    for (const key of vpcs.flatMap((v) => v.findingKeys)) expect(keys.has(key), key).toBe(true);
  });

  it('says egress is unknown, naming the reason, when route tables were not collected', () => {
    const report = reportOf(withMissing(twoVpcs(), 'routeTables'));
    expect(routingLine(report, 'payments')).toBe(
      'payments: 2 subnets in 2 AZs, egress unknown (route tables were not collected)',
    );
  });

  it('is absent when functions were not collected', () => {
    expect(reportOf(withMissing(twoVpcs(), 'functions')).routing).toBeUndefined();
  });

  it('renders in the terminal report (--details) grouped by VPC; the default view points to it', () => {
    const text = renderText(reportOf(twoVpcs()), { color: false, width: 160, details: true });
    expect(text).toContain("Routing: where 4 VPC functions' traffic goes, by VPC");
    expect(text).toContain(
      '  vpc-2 (1 routing finding)\n    etl: 1 subnet in 1 AZ, internet via NAT gateway nat-two (eu-west-1a)',
    );
    // The default view keeps to the failed checks and says where the routing is.
    const short = renderText(reportOf(twoVpcs()), { color: false, width: 160 });
    expect(short).not.toContain('Routing: where');
    expect(short).not.toContain('subnet-two-b » ');
    expect(short).toMatch(/routing[^\n]*: --details\./);
  });

  it("shows each subnet's path hop by hop under its function in the details view", () => {
    const text = renderText(reportOf(twoVpcs()), { color: false, width: 160, details: true });
    expect(text).toContain(
      '    etl: 1 subnet in 1 AZ, internet via NAT gateway nat-two (eu-west-1a)\n' +
        '        subnet-two-b » rtb-two 0.0.0.0/0 » nat-two (NAT gateway, subnet-two-pub-a) » rtb-two-public 0.0.0.0/0 » igw-2: internet',
    );
    expect(text).toContain('      version 1:');
    expect(text).not.toContain('--details.');
  });

  it('groups the versions that differ only in security groups into one configuration, versions as ranges', () => {
    const base = twoVpcs();
    const releases = Array.from({ length: 6 }, (_, i) =>
      fn({
        name: 'month-end',
        version: String(i + 1),
        subnets: [SUBNETS.privateA],
        securityGroups: [`sg-r${i}`],
      }),
    );
    const report = reportOf({
      ...base,
      functions: [
        fn({ name: 'month-end', subnets: [SUBNETS.privateA], securityGroups: ['sg-1'] }),
        ...releases,
      ],
    });
    const routing = report.routing?.vpcs[0]?.functions[0];
    expect(routing?.configurations.map((c) => c.versions.length)).toEqual([7]);
    expect(routing?.summary).toBe('month-end: 1 subnet in 1 AZ, internet via NAT gateway nat-a (eu-west-1a)');
  });

  it('says what each address family gets for a dual-stack function', () => {
    const base = twoVpcs();
    const dual = fn({ name: 'pusher', subnets: [SUBNETS.isolatedA], securityGroups: ['sg-1'] });
    if (dual.VpcConfig) dual.VpcConfig.Ipv6AllowedForDualStack = true;
    const report = reportOf({
      ...base,
      subnets: (base.subnets ?? []).map((s) =>
        s.SubnetId === SUBNETS.isolatedA ? { ...s, Ipv6CidrBlocks: ['2a05:d018::/64'] } : s,
      ),
      routeTables: [...networkTables({ 'rtb-isolated': [egressRoute.ipv6ToEgressOnly('eigw-1')] })],
      networkAcls: [defaultAcl(VPC, { ipv6: true })],
      functions: [dual],
    });
    expect(routingLine(report, 'pusher')).toBe(
      'pusher: 1 subnet in 1 AZ, IPv4 no route out of the VPC (endpoints: s3, sts); IPv6 internet via egress-only internet gateway eigw-1',
    );
    expect(
      report.routing?.vpcs[0]?.functions[0]?.configurations[0]?.subnets[0]?.paths.map((p) => p.family),
    ).toEqual(['ipv4', 'ipv6']);
  });

  it('renders in Markdown by VPC with the routing findings, escaping names from AWS', () => {
    const snapshot = twoVpcs();
    const hostile = {
      ...snapshot,
      functions: [fn({ name: '[x](http://evil)', subnets: [SUBNETS.publicA] })],
    };
    const markdown = renderMarkdown(reportOf(hostile));
    expect(markdown).toContain('## Routing by VPC');
    expect(markdown).toContain('### vpc-1');
    expect(markdown).toContain(
      '- **\\[x\\](http\\://evil)**: 1 subnet in 1 AZ, no internet: public subnet, Lambda ENIs get no public IP',
    );
    expect(markdown).toContain(
      '  - subnet-public-a » rtb-public 0.0.0.0/0 » igw-1: no internet (internet gateway igw-1 drops it',
    );
    expect(markdown).toMatch(/\| fail \| high \| function-public-subnet \| \\\[x\\\]\(http\\:\/\/evil\) \|/);
    expect(markdown).not.toContain('[x](http://evil)');
  });

  it('renders in the HTML page by VPC with the routing findings, escaping names from AWS', () => {
    const snapshot = twoVpcs();
    const hostile = {
      ...snapshot,
      functions: [fn({ name: '<img src=x onerror=alert(1)>', subnets: [SUBNETS.publicA] })],
    };
    const html = renderHtml(reportOf(hostile));
    expect(html).toContain('<h2 id="routing">Routing by VPC</h2>');
    expect(html).toContain('<h3>VPC <code>vpc-1</code></h3>');
    expect(html).toContain(
      '<li><strong>&lt;img src=x onerror=alert(1)&gt;</strong>: 1 subnet in 1 AZ, no internet: public subnet, Lambda ENIs get no public IP',
    );
    expect(html).toContain(
      '<details><summary>paths</summary><ul><li><code>subnet-public-a » rtb-public 0.0.0.0/0 » igw-1: no internet',
    );
    expect(html).toContain('<code>function-public-subnet</code>');
    expect(html).not.toContain('<img');
  });
});
