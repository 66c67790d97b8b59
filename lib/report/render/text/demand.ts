import { describeQuota } from '../../../model/demand.js';
import type { Report } from '../../../model/report.js';
import {
  hyperplaneSentence,
  legacyModelSentence,
  percentText,
  providerDemandSentence,
  regionSentence,
  sparkline,
  subnetsAtRisk,
  windowSentence,
} from '../demand-format.js';
import { type Column, clean, table, wrap } from './layout.js';
import type { Layout } from './page.js';
import type { Paint } from './style.js';

/** Subnets in the terminal table; the Markdown and JSON reports have every one. */
const SUBNET_ROWS = 5;

const SUBNET_COLUMNS: readonly Column[] = [
  // The subnet id stays whole: the CIDR gives way on a narrow terminal (the AZ is in the Markdown report).
  { header: 'SUBNET', max: 24, truncate: 'middle' },
  { header: 'CIDR', max: 18, shrink: true },
  { header: 'IPS', align: 'right' },
  { header: 'DEMAND', align: 'right' },
  { header: 'USE', align: 'right' },
];

const VPC_COLUMNS: readonly Column[] = [
  { header: 'VPC', max: 24, truncate: 'middle' },
  { header: 'NOW', align: 'right' },
  { header: 'NEW', align: 'right' },
  { header: 'TOTAL', align: 'right' },
  { header: 'QUOTA', align: 'right' },
];

/** A table indented under its heading, its header line dimmed. */
function indented(lines: readonly string[], paint: Paint): string[] {
  const [head = '', ...body] = lines;
  return [`    ${paint(head, 'dim')}`, ...body.map((line) => `    ${line}`)];
}

/** Prose wrapped to the terminal, two spaces in, optionally styled. */
function paragraph(text: string, width: number, style: (line: string) => string = (line) => line): string[] {
  return wrap(clean(text), width - 2).map((line) => style(`  ${line}`));
}

/** The terminal's demand section: the model, the top subnets at risk, Hyperplane ENIs per VPC, the region. */
export function demandText(report: Report, { width, paint }: Layout): string[] {
  const model = report.demand;
  if (model === undefined) return [];
  const p = model.parameters;
  const lines = [paint('ENI demand', 'bold')];
  lines.push(...paragraph(windowSentence(p), width), ...paragraph(legacyModelSentence(p), width));

  const { region } = model;
  if (region.accountPeak !== null) {
    const limit =
      p.accountConcurrencyLimit === null ? '' : ` of the account limit ${p.accountConcurrencyLimit}`;
    const days = region.accountDaily;
    lines.push(
      '',
      `  Account concurrency, highest of each day: peak ${region.accountPeak}${limit}`,
      `    ${days[0]?.date ?? ''} ${sparkline(days.map((d) => d.max))} ${days.at(-1)?.date ?? ''}`,
    );
  }

  lines.push(
    '',
    ...paragraph(
      "Two models, two questions. Legacy sizing (the guide's formula) asks whether each subnet has the IPs " +
        'for peak concurrency; Hyperplane (how Lambda allocates today) counts the ENIs Lambda really creates, ' +
        'one per subnet and security-group set, against the quotas. A subnet can pass one and fail the other.',
      width,
    ),
  );
  const threshold = p.subnetUtilisationThreshold;
  const atRisk = subnetsAtRisk(model)
    .filter((s) => s.utilisation === null || s.utilisation >= threshold)
    .slice(0, SUBNET_ROWS);
  lines.push(
    '',
    ...paragraph(
      `Legacy sizing: subnets at or above ${percentText(threshold)} of their IPs (DEMAND in ENIs at projected ` +
        'peak against IPS, the free IPs plus Lambda ENIs in use)',
      width,
    ),
  );
  if (atRisk.length === 0) {
    lines.push(
      p.window === null ? '    Unknown: no concurrency metrics.' : '    None: every subnet is below it.',
    );
  } else {
    const rows = atRisk.map((s) => [
      clean(s.subnetId),
      clean(s.cidrBlock ?? '-'),
      `${s.capacity}${s.lambdaEnisInUse === null ? '+' : ''}`,
      `${s.legacyDemand}${s.unknownDemandFunctions.length > 0 ? '+' : ''}`,
      percentText(s.utilisation),
    ]);
    lines.push(...indented(table(SUBNET_COLUMNS, rows, width - 4), paint));
    if (atRisk.some((s) => s.lambdaEnisInUse === null || s.unknownDemandFunctions.length > 0)) {
      lines.push(paint('    +: at least this much; part of the data was not collected.', 'dim'));
    }
  }

  const vpcHeading = `Hyperplane ENIs per VPC: NOW present, NEW still to create, TOTAL against the quota ${describeQuota(p.lambdaEnisPerVpc)}`;
  lines.push('', ...paragraph(vpcHeading, width), ...paragraph(hyperplaneSentence(), width));
  if (model.vpcs.length === 0) {
    lines.push('    None.');
  } else {
    const rows = model.vpcs.map((v) => [
      clean(v.vpcId),
      String(v.hyperplane.existingEnis ?? '?'),
      String(v.hyperplane.missingEnis ?? '?'),
      String(v.hyperplane.projectedEnis ?? '?'),
      v.hyperplane.projectedEnis === null ? 'unknown' : percentText(v.hyperplane.utilisation),
    ]);
    lines.push(...indented(table(VPC_COLUMNS, rows, width - 4), paint));
  }

  lines.push('', ...paragraph(`Region: ${regionSentence(model)}.`, width));
  if (model.capacityProviders.length > 0) {
    lines.push(
      '',
      ...paragraph('Capacity providers at full scale (each instance needs a private address)', width),
    );
    for (const d of model.capacityProviders)
      lines.push(...paragraph(`  ${providerDemandSentence(d)}`, width));
  }
  return lines;
}
