import type { Report } from '../../../model/report.js';
import type { FunctionRouting } from '../../../model/routing.js';
import { plural } from '../../assemble/digest.js';
import { versionList } from '../../assemble/routing-summary.js';
import { clean, hang, wrap } from './layout.js';
import type { Layout } from './page.js';
import type { Style } from './style.js';

/** The terminal shows this many functions; the JSON and Markdown reports have every one. */
const ROUTING_ROWS = 50;
const INDENT = '    ';
const PATH_INDENT = '        ';

/** Red for a path that cannot work or subnets that end differently, yellow when it could not be told, plain otherwise. */
function styleOf(fn: FunctionRouting): readonly Style[] {
  const verdicts = new Set(
    fn.configurations.flatMap((c) => c.subnets.flatMap((s) => s.paths.map((p) => p.verdict))),
  );
  const mixed = fn.configurations.some((c) =>
    (['ipv4', 'ipv6'] as const).some(
      (family) =>
        new Set(c.subnets.flatMap((s) => s.paths.filter((p) => p.family === family).map((p) => p.verdict)))
          .size > 1,
    ),
  );
  if (verdicts.has('no-internet') || mixed) return ['red'];
  if (verdicts.has('unknown')) return ['yellow'];
  return [];
}

/** Each subnet's path, hop by hop, under the function: the details view. */
function pathLines(fn: FunctionRouting, width: number): string[] {
  const several = fn.configurations.length > 1;
  return fn.configurations.flatMap((configuration) => [
    ...(several
      ? [
          `${INDENT}  version${configuration.versions.length === 1 ? '' : 's'} ${clean(versionList(configuration.versions))}:`,
        ]
      : []),
    ...configuration.subnets.flatMap((subnet) =>
      subnet.paths.flatMap((path) =>
        hang(
          wrap(`${path.family === 'ipv6' ? '[IPv6] ' : ''}${clean(path.line)}`, width - PATH_INDENT.length),
          PATH_INDENT,
        ).map((line, i) => (i === 0 ? line : `  ${line}`)),
      ),
    ),
  ]);
}

/**
 * The routing section of the terminal report: one line per VPC function, grouped by VPC; with `details`, each
 * subnet's path hop by hop under it.
 */
export function routingText(report: Report, { width, paint, details }: Layout): string[] {
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
      if (details) lines.push(...pathLines(fn, width).map((line) => paint(line, 'dim')));
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
