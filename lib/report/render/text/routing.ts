import type { Report } from '../../../model/report.js';
import type { FunctionRouting } from '../../../model/routing.js';
import { plural } from '../../assemble/digest.js';
import { clean, hang, wrap } from './layout.js';
import type { Layout } from './page.js';
import type { Style } from './style.js';

/** The terminal shows this many functions; the JSON and Markdown reports have every one. */
const ROUTING_ROWS = 50;
const INDENT = '    ';

/** Red for a path that cannot work, yellow when it could not be told, plain otherwise. */
function styleOf(fn: FunctionRouting): readonly Style[] {
  const classes = new Set(fn.configurations.flatMap((c) => c.subnets.map((s) => s.egress)));
  if (classes.has('public') || classes.has('blackhole') || classes.size > 1) return ['red'];
  if (classes.has('unknown')) return ['yellow'];
  return [];
}

/** The routing section of the terminal report: one line per VPC function, grouped by VPC. */
export function routingText(report: Report, { width, paint }: Layout): string[] {
  const vpcs = report.routing?.vpcs ?? [];
  if (vpcs.length === 0) return [];
  const total = new Set(vpcs.flatMap((v) => v.functions.map((f) => f.name))).size;
  const lines = [paint(`Routing: where ${plural(total, 'VPC function')}' traffic goes, by VPC`, 'bold')];
  let shown = 0;
  for (const vpc of vpcs) {
    if (shown >= ROUTING_ROWS) break;
    const findings = vpc.findingKeys.length;
    lines.push(
      `  ${paint(vpc.vpcId === null ? 'VPC unknown' : clean(vpc.vpcId), 'bold')}` +
        (findings > 0 ? paint(` (${plural(findings, 'routing finding')})`, 'dim') : ''),
    );
    for (const fn of vpc.functions.slice(0, ROUTING_ROWS - shown)) {
      const style = styleOf(fn);
      const wrapped = hang(wrap(clean(fn.summary), width - INDENT.length - 2), INDENT);
      lines.push(
        ...wrapped.map(
          (line, i) => (i === 0 ? '' : '  ') + (style.length > 0 ? paint(line, ...style) : line),
        ),
      );
      shown += 1;
    }
  }
  const placements = vpcs.reduce((sum, v) => sum + v.functions.length, 0);
  if (placements > shown) {
    lines.push(
      paint(`  … and ${placements - shown} more; the JSON and Markdown reports list them all.`, 'dim'),
    );
  }
  return lines;
}
