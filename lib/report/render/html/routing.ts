import type { Finding } from '../../../model/finding.js';
import type { Report } from '../../../model/report.js';
import type { FunctionRouting, RoutingVpc } from '../../../model/routing.js';
import { versionList } from '../../assemble/routing-summary.js';
import { h } from './parts.js';

/** The function's line, and its subnets' paths hop by hop behind a disclosure. */
function functionItem(fn: FunctionRouting): string {
  const several = fn.configurations.length > 1;
  const paths = fn.configurations
    .map((configuration) => {
      const items = configuration.subnets
        .flatMap((subnet) => subnet.paths)
        .map((path) => `<li><code>${path.family === 'ipv6' ? 'IPv6: ' : ''}${h(path.line)}</code></li>`)
        .join('');
      return several ? `<li>versions ${h(versionList(configuration.versions))}<ul>${items}</ul></li>` : items;
    })
    .join('');
  // The summary starts with the function's name; the name is set in bold.
  return (
    `<li><strong>${h(fn.name)}</strong>${h(fn.summary.slice(fn.name.length))}` +
    `<details><summary>paths</summary><ul>${paths}</ul></details></li>`
  );
}

/** The VPC's routing findings are rows of the findings table (filterable by VPC): here, only how many fail. */
function findingCount(vpc: RoutingVpc, findingByKey: ReadonlyMap<string, Finding>): string {
  const failed = vpc.findingKeys.filter((key) => findingByKey.get(key)?.status === 'fail').length;
  if (failed === 0) return '<p>No failed routing check.</p>';
  return `<p>${failed} failed routing check${failed === 1 ? '' : 's'}: in the findings table, filtered by this VPC.</p>`;
}

/** The routing section of the HTML report: each function's egress line and its paths, by VPC. */
export function routingHtml(report: Report): string {
  const vpcs = report.routing?.vpcs ?? [];
  if (vpcs.length === 0) return '';
  const findingByKey = new Map(report.findings.map((f) => [f.key, f]));
  const parts = [
    '<h2 id="routing">Routing by VPC</h2>',
    '<p>Lambda network interfaces never get a public IP: a VPC function reaches the internet only through a NAT ' +
      'gateway or instance. Each line says where a function sends traffic bound outside its VPC; its paths show ' +
      'the way from each subnet, hop by hop as AWS routes it.</p>',
  ];
  for (const vpc of vpcs) {
    parts.push(
      `<h3>${vpc.vpcId === null ? 'VPC unknown (subnets not found)' : `VPC <code>${h(vpc.vpcId)}</code>`}</h3>`,
      `<ul>${vpc.functions.map(functionItem).join('')}</ul>`,
      findingCount(vpc, findingByKey),
    );
  }
  return parts.join('\n');
}
