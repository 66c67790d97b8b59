import type { Finding } from '../../../model/finding.js';
import type { Report } from '../../../model/report.js';
import type { FunctionRouting, RoutingVpc } from '../../../model/routing.js';
import { versionList } from '../../assemble/routing-summary.js';
import { escapeMarkdown as md } from '../escape.js';
import { table } from './table.js';

const INTRO =
  'Lambda network interfaces never get a public IP: a VPC function reaches the internet only through a NAT ' +
  'gateway or instance. Each line says where a function sends traffic bound outside its VPC; under it, the path ' +
  'from each of its subnets, hop by hop as AWS routes it.';

/** The function's line, then each subnet's path (per configuration when it has several). */
function functionLines(fn: FunctionRouting): string[] {
  // The summary starts with the function's name; the name is set in bold.
  const lines = [`- **${md(fn.name)}**${md(fn.summary.slice(fn.name.length))}`];
  const several = fn.configurations.length > 1;
  for (const configuration of fn.configurations) {
    const indent = several ? '    ' : '  ';
    if (several) lines.push(`  - versions ${md(versionList(configuration.versions))}`);
    for (const subnet of configuration.subnets)
      for (const path of subnet.paths)
        lines.push(`${indent}- ${path.family === 'ipv6' ? 'IPv6: ' : ''}${md(path.line)}`);
  }
  return lines;
}

function findingRows(vpc: RoutingVpc, findingByKey: ReadonlyMap<string, Finding>): string[] {
  const findings = vpc.findingKeys.flatMap((key) => findingByKey.get(key) ?? []);
  if (findings.length === 0) return ['No routing finding.'];
  return table(
    ['Status', 'Severity', 'Rule', 'Resource', 'Message'],
    findings.map((f) => [f.status, f.severity, md(f.ruleId), md(f.resourceId), md(f.message)]),
  );
}

/** The routing section of the Markdown report: each function's egress line and the routing findings, by VPC. */
export function routingMarkdown(report: Report): string[] {
  const vpcs = report.routing?.vpcs ?? [];
  if (vpcs.length === 0) return [];
  const findingByKey = new Map(report.findings.map((f) => [f.key, f]));
  const lines = ['## Routing by VPC', '', INTRO];
  for (const vpc of vpcs) {
    lines.push(
      '',
      `### ${vpc.vpcId === null ? 'VPC unknown (subnets not found)' : md(vpc.vpcId)}`,
      '',
      ...vpc.functions.flatMap(functionLines),
      '',
      ...findingRows(vpc, findingByKey),
    );
  }
  return lines;
}
