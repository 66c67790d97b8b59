import type { EniHolder } from '../../../model/eni-dependencies.js';
import type { Report } from '../../../model/report.js';
import { escapeMarkdown as md } from '../escape.js';
import { table } from './table.js';

/** Rows per table; the JSON report has every one. */
const MAX_ROWS = 200;

const INTRO =
  'A security group or subnet cannot be deleted while a network interface uses it (DependencyViolation). ' +
  'Lambda removes its ENIs itself once no function or version uses their subnet and security groups, ' +
  'unless the execution role (or its ec2:DeleteNetworkInterface permission) is gone: orphaned ENIs stay.';

function holderTable(title: string, holders: readonly EniHolder[]): string[] {
  if (holders.length === 0) return [];
  const shown = holders.slice(0, MAX_ROWS);
  const rows = shown.map((holder) => [
    md(holder.resourceId),
    holder.networkInterfaceIds.map(md).join('<br>'),
    holder.functions.length === 0 ? '-' : holder.functions.map(md).join(', '),
    holder.orphanedNetworkInterfaceIds.length === 0
      ? '-'
      : holder.orphanedNetworkInterfaceIds.map(md).join('<br>'),
  ]);
  const hidden = holders.length - shown.length;
  return [
    '',
    `### ${title} (${holders.length})`,
    '',
    ...table(['Resource', 'Lambda ENIs', 'Used by', 'Orphaned ENIs'], rows),
    ...(hidden > 0 ? ['', `… and ${hidden} more in the JSON report.`] : []),
  ];
}

/** Which security groups and subnets Lambda ENIs hold, and who uses those ENIs. */
export function eniDependenciesMarkdown(report: Report): string[] {
  const dependencies = report.eniDependencies;
  if (dependencies === undefined || dependencies.networkInterfaces.length === 0) return [];
  return [
    '## Lambda ENIs blocking deletion',
    '',
    INTRO,
    ...holderTable('Security groups', dependencies.securityGroups),
    ...holderTable('Subnets', dependencies.subnets),
  ];
}
