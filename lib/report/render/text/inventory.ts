import type { InventoryFunction, Report } from '../../../model/report.js';
import { networkingText } from '../../assemble/digest.js';
import { type Column, clean, flow, hang, table } from './layout.js';
import type { Layout } from './page.js';

/** The VPC functions of the terminal report: a table, each function's subnets on the line below it. */

/** The terminal inventory is an overview; the full list is in the JSON and Markdown reports. */
const INVENTORY_ROWS = 50;

function subnetItems(fn: InventoryFunction | undefined): string[] {
  return (fn?.subnets ?? []).map(
    (subnet) => `${clean(subnet.subnetId)} (${clean(subnet.availabilityZone ?? 'AZ unknown')})`,
  );
}

const INVENTORY_COLUMNS: readonly Column[] = [
  { header: 'NAME', max: 32, shrink: true },
  { header: 'MEMORY', align: 'right' },
  { header: 'RUNTIME', max: 14, shrink: true },
  { header: 'VPC', max: 21, truncate: 'middle', shrink: true },
  { header: 'STATE', max: 10 },
];

/** One row per function, its subnets on a line below: a 24-character subnet id plus AZ does not fit a column. */
function inventoryTable(functions: readonly InventoryFunction[], width: number): string[] {
  const rows = functions.map((fn) => [
    clean(fn.name),
    `${fn.memorySize} MB`,
    clean(fn.runtime ?? '-'),
    fn.vpcIds.length === 0 ? '-' : clean(fn.vpcIds.join(', ')),
    clean(fn.state ?? 'n/a'),
  ]);
  // Table rows are one line each, so body line i is function i.
  const [head = '', ...body] = table(INVENTORY_COLUMNS, rows, width);
  return [
    head,
    ...body.flatMap((line, i) => {
      const fn = functions[i];
      // A function on a capacity provider reaches the provider's subnets, and says so.
      const subnetsLabel =
        fn === undefined || fn.networking === 'vpc-config'
          ? '    subnets: '
          : `    ${clean(networkingText(fn))}, subnets: `;
      const subnets = subnetItems(fn);
      if (subnets.length === 0) return [line, `${subnetsLabel}none`];
      return [line, ...hang(flow(subnets, width - subnetsLabel.length, ', '), subnetsLabel)];
    }),
  ];
}

export function inventory(report: Report, { width, paint }: Layout): string[] {
  const shown = report.inventory.slice(0, INVENTORY_ROWS);
  const lines = [paint(`VPC functions: ${report.inventory.length}`, 'bold')];
  if (shown.length === 0) return [...lines, '  None found.'];
  const [head = '', ...body] = inventoryTable(shown, width - 2);
  lines.push(`  ${paint(head, 'dim')}`, ...body.map((line) => `  ${line}`));
  const hidden = report.inventory.length - shown.length;
  if (hidden > 0)
    lines.push(paint(`  … and ${hidden} more; the JSON and Markdown reports list them all.`, 'dim'));
  return lines;
}
