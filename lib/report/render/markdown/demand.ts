import { type DemandModel, describeQuota, type FunctionDemand } from '../../../model/demand.js';
import type { Report } from '../../../model/report.js';
import { plural } from '../../assemble/digest.js';
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
import { escapeMarkdown as md } from '../escape.js';
import { table } from './table.js';

const dash = (value: number | null): string => (value === null ? '-' : String(value));

function peakCell(fn: FunctionDemand): string {
  if (fn.peakSource === 'not-collected') return 'not collected';
  if (fn.peakSource === 'no-traffic') return 'no traffic';
  return String(fn.observedPeak);
}

function projectedCell(fn: FunctionDemand): string {
  if (fn.projectedPeak === null) return '-';
  if (fn.cap === null) return String(fn.projectedPeak);
  const by = fn.cap.by === 'reserved-concurrency' ? 'reserved' : 'unreserved pool';
  return `${fn.projectedPeak} (capped: ${by}; ${fn.projectedUncapped} uncapped)`;
}

function functionsTable(model: DemandModel): string[] {
  const rows = model.functions.map((fn) => [
    md(fn.functionName),
    String(fn.memorySize),
    peakCell(fn),
    fn.reservedConcurrencyKnown ? dash(fn.reservedConcurrency) : 'not collected',
    projectedCell(fn),
    dash(fn.legacyEnisAtObservedPeak),
    dash(fn.legacyEnis),
    `${fn.subnetIds.length}${fn.missingSubnetIds.length > 0 ? ` (+${fn.missingSubnetIds.length} not found)` : ''}`,
    dash(fn.enisPerSubnet),
    sparkline(fn.daily.map((d) => d.max)),
  ]);
  return table(
    [
      'Function',
      'Memory (MB)',
      'Observed peak',
      'Reserved',
      'Projected peak',
      'ENIs at observed peak',
      'ENIs projected',
      'Subnets',
      'ENIs per subnet',
      'Daily peaks',
    ],
    rows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  );
}

function subnetsTable(model: DemandModel): string[] {
  const ordered = [...subnetsAtRisk(model), ...model.subnets.filter((s) => s.legacyDemand === 0)];
  const rows = ordered.map((s) => [
    md(s.subnetId),
    md(s.vpcId),
    md(s.availabilityZone),
    s.cidrBlock === null ? '-' : md(s.cidrBlock),
    String(s.freeIps),
    s.lambdaEnisInUse === null ? 'not collected' : String(s.lambdaEnisInUse),
    String(s.legacyDemand) +
      (s.unknownDemandFunctions.length > 0 ? ` + unknown (${md(s.unknownDemandFunctions.join(', '))})` : ''),
    percentText(s.utilisation),
    dash(s.hyperplane.missingEnis),
  ]);
  return table(
    [
      'Subnet',
      'VPC',
      'AZ',
      'CIDR',
      'Free IPs',
      'Lambda ENIs in use',
      'Legacy demand',
      'Use',
      'Hyperplane ENIs to create',
    ],
    rows,
    ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right'],
  );
}

function vpcsTable(model: DemandModel): string[] {
  const rows = model.vpcs.map((v) => [
    md(v.vpcId),
    String(v.hyperplane.combinations),
    dash(v.hyperplane.existingEnis),
    dash(v.hyperplane.missingEnis),
    dash(v.hyperplane.projectedEnis),
    v.hyperplane.projectedEnis === null ? 'unknown' : percentText(v.hyperplane.utilisation),
    String(v.legacyDemand),
  ]);
  return table(
    [
      'VPC',
      'Combinations',
      'Lambda ENIs present',
      'To create',
      'Projected',
      'Of quota',
      'Legacy demand (ENIs)',
    ],
    rows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
}

function regionLines(model: DemandModel): string[] {
  const { region, parameters: p } = model;
  const account =
    region.accountPeak === null
      ? 'not collected'
      : `${region.accountPeak}${p.accountConcurrencyLimit === null ? '' : ` of the account limit ${p.accountConcurrencyLimit}`} ${sparkline(region.accountDaily.map((d) => d.max))}`;
  return [
    `- Account peak concurrency (all functions): ${md(account)}`,
    `- Region: ${md(regionSentence(model))}`,
    `- Legacy ENIs of all VPC functions: ${region.legacyEnis}` +
      (region.unknownDemandFunctions > 0
        ? ` (plus ${plural(region.unknownDemandFunctions, 'function')} whose concurrency was not collected)`
        : ''),
  ];
}

/** The Markdown demand section: the model and its parameters, then per function, per subnet, per VPC and region. */
export function demandMarkdown(report: Report): string[] {
  const model = report.demand;
  if (model === undefined) return [];
  const p = model.parameters;
  return [
    '## ENI demand',
    '',
    md(windowSentence(p)),
    '',
    md(legacyModelSentence(p)),
    '',
    md(hyperplaneSentence()),
    '',
    `Per-VPC quota: ${md(describeQuota(p.lambdaEnisPerVpc))}. Thresholds: subnet ${percentText(p.subnetUtilisationThreshold)}, ` +
      `quotas ${percentText(p.quotaUtilisationThreshold)}.`,
    '',
    '### Per function',
    '',
    ...functionsTable(model),
    '',
    '### Per subnet',
    '',
    ...subnetsTable(model),
    '',
    '### Per VPC (Hyperplane ENIs)',
    '',
    ...vpcsTable(model),
    '',
    '### Region',
    '',
    ...regionLines(model),
    ...(model.capacityProviders.length === 0
      ? []
      : [
          '',
          '### Capacity providers at full scale',
          '',
          ...model.capacityProviders.map((d) => `- ${md(providerDemandSentence(d))}`),
        ]),
  ];
}
