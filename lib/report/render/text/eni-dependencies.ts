import type { EniHolder } from '../../../model/eni-dependencies.js';
import type { Report } from '../../../model/report.js';
import { plural } from '../../assemble/digest.js';
import { clean, hang, padEnd, widest, wrap } from './layout.js';
import type { Layout } from './page.js';

/** The terminal lists this many holders of orphaned ENIs; the JSON and Markdown reports have every holder. */
const HOLDER_ROWS = 30;
const NAMES_SHOWN = 3;

function names(items: readonly string[]): string {
  const more = items.length > NAMES_SHOWN ? ` and ${items.length - NAMES_SHOWN} more` : '';
  return `${items.slice(0, NAMES_SHOWN).map(clean).join(', ')}${more}`;
}

function describeHolder(holder: EniHolder): string {
  const used = holder.functions.length > 0 ? `; used by ${names(holder.functions)}` : '';
  return (
    `${plural(holder.networkInterfaceIds.length, 'Lambda ENI')}, orphaned: ` +
    `${holder.orphanedNetworkInterfaceIds.map(clean).join(', ')}${used}`
  );
}

/**
 * The terminal's "what blocks deleting this security group or subnet" section: every security group and
 * subnet that holds an orphaned Lambda ENI (the ones nobody will clean up), and how to ask about any other.
 */
export function eniDependenciesText(report: Report, { width, paint }: Layout): string[] {
  const dependencies = report.eniDependencies;
  if (dependencies === undefined || dependencies.networkInterfaces.length === 0) return [];
  const holders = [...dependencies.securityGroups, ...dependencies.subnets];
  const blocked = holders.filter((holder) => holder.orphanedNetworkInterfaceIds.length > 0);
  const lines = [
    paint('Lambda ENIs blocking deletion', 'bold'),
    ...wrap(
      `${plural(dependencies.securityGroups.length, 'security group')} and ` +
        `${plural(dependencies.subnets.length, 'subnet')} hold Lambda ENIs, so they cannot be deleted while ` +
        `those ENIs exist; ${blocked.length} hold${blocked.length === 1 ? 's' : ''} an orphaned one, which ` +
        'nothing will remove:',
      width - 2,
    ).map((line) => `  ${line}`),
  ];
  const shown = blocked.slice(0, HOLDER_ROWS);
  const idWidth = widest(shown.map((holder) => clean(holder.resourceId)));
  for (const holder of shown) {
    const head = `    ${padEnd(clean(holder.resourceId), idWidth)}  `;
    lines.push(...hang(wrap(describeHolder(holder), Math.max(20, width - head.length)), head));
  }
  if (blocked.length > shown.length)
    lines.push(paint(`    … and ${blocked.length - shown.length} more; see --format json or md.`, 'dim'));
  lines.push(
    ...wrap(
      'For any one: lambda-vpc-audit eni <eni-id> | --security-group <sg-id> | --subnet <subnet-id>.',
      width - 2,
    ).map((line) => paint(`  ${line}`, 'dim')),
  );
  return lines;
}
