import type { DemandModel } from '../../../model/demand.js';
import { SEVERITIES, type Severity } from '../../../model/finding.js';
import type { Report } from '../../../model/report.js';
import { compareText } from '../../../model/text-order.js';
import { SEVERITY_LABEL } from '../../assemble/digest.js';
import { h } from './parts.js';

/**
 * The HTML report's charts: inline SVG drawn by pure functions from the report model, no script and no
 * library. Each scales to its container (viewBox, width 100%), carries a <title> and an aria-label, and is
 * followed in the page by the table it summarises.
 */

const WIDTH = 500;
const LABEL_WIDTH = 180;
const ROW = 26;
const BAR = 16;
const FONT = 'font-family="system-ui,sans-serif" font-size="12"';

/** Severity colours, as the page's CSS variables name them. */
const SEVERITY_COLOUR: Record<Severity, string> = {
  critical: 'var(--critical)',
  high: 'var(--high)',
  medium: 'var(--medium)',
  low: 'var(--low)',
  info: 'var(--info)',
};

function svg(label: string, height: number, body: string): string {
  return (
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="${h(label)}" ` +
    `preserveAspectRatio="xMinYMin meet"><title>${h(label)}</title>${body}</svg>`
  );
}

const pct = (fraction: number): string => `${Math.round(fraction * 100)}%`;

/** Failed checks by severity: one bar each, its count at its end. */
export function severityChart(bySeverity: Record<Severity, number>): string {
  const max = Math.max(1, ...SEVERITIES.map((s) => bySeverity[s]));
  const span = WIDTH - LABEL_WIDTH - 40;
  const rows = SEVERITIES.map((severity, i) => {
    const y = 8 + i * ROW;
    const count = bySeverity[severity];
    const length = count === 0 ? 0 : Math.max(3, (count / max) * span);
    return (
      `<text x="${LABEL_WIDTH - 8}" y="${y + 12}" text-anchor="end" ${FONT}>${SEVERITY_LABEL[severity]}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${length.toFixed(1)}" height="${BAR}" rx="3" fill="${SEVERITY_COLOUR[severity]}"/>` +
      `<text x="${(LABEL_WIDTH + length + 6).toFixed(1)}" y="${y + 12}" ${FONT}>${count}</text>`
    );
  });
  return svg('Failed checks by severity', 8 + SEVERITIES.length * ROW, rows.join(''));
}

export interface GaugeRow {
  label: string;
  /** Used, projected. */
  value: number;
  limit: number;
  /** The note at the bar's end: "403 of 500". */
  note: string;
}

/**
 * Horizontal gauges of use against a limit (quotas, subnet IPs), with the warning threshold dashed and the
 * limit (100%) solid; a bar past the limit is drawn to the edge of the scale and coloured as an overflow.
 */
export function gaugeChart(title: string, rows: readonly GaugeRow[], threshold: number): string {
  if (rows.length === 0) return '';
  const top = 22;
  const scaleMax = Math.min(
    2,
    Math.max(1.2, ...rows.map((row) => (row.limit > 0 ? row.value / row.limit : 2))),
  );
  const span = WIDTH - LABEL_WIDTH - 136;
  const x = (fraction: number) => LABEL_WIDTH + (Math.min(fraction, scaleMax) / scaleMax) * span;
  const markers =
    `<line x1="${x(threshold).toFixed(1)}" y1="${top - 6}" x2="${x(threshold).toFixed(1)}" y2="${top + rows.length * ROW}" stroke="var(--medium)" stroke-dasharray="4 3"/>` +
    `<text x="${(x(threshold) - 3).toFixed(1)}" y="${top - 9}" text-anchor="end" ${FONT} fill="var(--medium)">${pct(threshold)}</text>` +
    `<line x1="${x(1).toFixed(1)}" y1="${top - 6}" x2="${x(1).toFixed(1)}" y2="${top + rows.length * ROW}" stroke="var(--high)"/>` +
    `<text x="${(x(1) + 3).toFixed(1)}" y="${top - 9}" ${FONT} fill="var(--high)">100%</text>`;
  const bars = rows.map((row, i) => {
    const y = top + i * ROW;
    const fraction = row.limit > 0 ? row.value / row.limit : row.value > 0 ? scaleMax : 0;
    const colour = fraction >= 1 ? 'var(--high)' : fraction >= threshold ? 'var(--medium)' : 'var(--ok)';
    const end = x(fraction);
    return (
      `<text x="${LABEL_WIDTH - 6}" y="${y + 12}" text-anchor="end" font-family="system-ui,sans-serif" font-size="11">${h(row.label)}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${span}" height="${BAR}" rx="3" fill="var(--soft)" stroke="var(--line)"/>` +
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${Math.max(2, end - LABEL_WIDTH).toFixed(1)}" height="${BAR}" rx="3" fill="${colour}"/>` +
      `<text x="${(LABEL_WIDTH + span + 8).toFixed(1)}" y="${y + 12}" ${FONT}>${h(row.note)}</text>`
    );
  });
  return svg(title, top + rows.length * ROW + 4, markers + bars.join(''));
}

/** The subnets with legacy demand, worst first, against their IPs (free IPs plus Lambda ENIs in use). */
export function subnetDemandChart(demand: DemandModel, limit = 12): string {
  const rank = (utilisation: number | null) =>
    utilisation === null ? Number.POSITIVE_INFINITY : utilisation;
  const subnets = demand.subnets
    .filter((s) => s.legacyDemand > 0)
    .sort((a, b) => rank(b.utilisation) - rank(a.utilisation) || compareText(a.subnetId, b.subnetId))
    .slice(0, limit);
  return gaugeChart(
    'Legacy ENI demand at projected peak against each subnet\u2019s IPs, worst first',
    subnets.map((s) => ({
      label: s.subnetId,
      value: s.legacyDemand,
      limit: s.capacity,
      note: `${s.legacyDemand} of ${s.capacity} IPs${s.utilisation === null ? '' : ` (${pct(s.utilisation)})`}`,
    })),
    demand.parameters.subnetUtilisationThreshold,
  );
}

/** Hyperplane ENIs per VPC against Lambda's per-VPC quota, and every ENI of the region against its quota. */
export function quotaChart(demand: DemandModel): string {
  const p = demand.parameters;
  const rows: GaugeRow[] = [];
  const region = demand.region;
  if (region.projectedNetworkInterfaces !== null) {
    rows.push({
      label: 'Region: all ENIs',
      value: region.projectedNetworkInterfaces,
      limit: p.networkInterfacesPerRegion.value,
      note: `${region.projectedNetworkInterfaces} of ${p.networkInterfacesPerRegion.value}`,
    });
  }
  for (const vpc of demand.vpcs) {
    if (vpc.hyperplane.projectedEnis === null) continue;
    rows.push({
      label: vpc.vpcId,
      value: vpc.hyperplane.projectedEnis,
      limit: p.lambdaEnisPerVpc.value,
      note: `${vpc.hyperplane.projectedEnis} of ${p.lambdaEnisPerVpc.value}`,
    });
  }
  return gaugeChart(
    `Quotas: network interfaces in the region (${p.networkInterfacesPerRegion.code}) and Lambda Hyperplane ENIs per VPC (${p.lambdaEnisPerVpc.code})`,
    rows,
    p.quotaUtilisationThreshold,
  );
}

const LINE_COLOURS = ['#0969da', '#cf222e', '#1a7f37', '#8250df', '#bc4c00'];

/** The daily peak concurrency of the busiest functions (by observed peak), one line each, dates on the x axis. */
export function concurrencyTrendChart(demand: DemandModel, count = 5): string {
  const busiest = demand.functions
    .filter((fn) => (fn.observedPeak ?? 0) > 0 && fn.daily.length > 0)
    .sort(
      (a, b) => (b.observedPeak ?? 0) - (a.observedPeak ?? 0) || compareText(a.functionName, b.functionName),
    )
    .slice(0, count);
  if (busiest.length === 0) return '';
  const dates = [...new Set(busiest.flatMap((fn) => fn.daily.map((d) => d.date)))].sort();
  const max = Math.max(1, ...busiest.map((fn) => fn.observedPeak ?? 0));
  const left = 48;
  const top = 12;
  const plotWidth = WIDTH - left - 16;
  const plotHeight = 160;
  const legendTop = top + plotHeight + 30;
  const x = (date: string) =>
    left + (dates.length <= 1 ? plotWidth / 2 : (dates.indexOf(date) / (dates.length - 1)) * plotWidth);
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  const axes =
    `<line x1="${left}" y1="${top + plotHeight}" x2="${left + plotWidth}" y2="${top + plotHeight}" stroke="var(--line)"/>` +
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotHeight}" stroke="var(--line)"/>` +
    `<text x="${left - 6}" y="${top + 4}" text-anchor="end" ${FONT}>${max}</text>` +
    `<text x="${left - 6}" y="${top + plotHeight}" text-anchor="end" ${FONT}>0</text>` +
    `<text x="${left}" y="${top + plotHeight + 16}" ${FONT}>${h(dates[0] ?? '')}</text>` +
    `<text x="${left + plotWidth}" y="${top + plotHeight + 16}" text-anchor="end" ${FONT}>${h(dates.at(-1) ?? '')}</text>`;
  const lines = busiest.map((fn, i) => {
    const colour = LINE_COLOURS[i % LINE_COLOURS.length];
    const points = fn.daily.map((d) => `${x(d.date).toFixed(1)},${y(d.max).toFixed(1)}`).join(' ');
    const legendX = left + (i % 2) * 210;
    const legendY = legendTop + Math.floor(i / 2) * 18;
    return (
      `<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2"/>` +
      `<rect x="${legendX}" y="${legendY - 9}" width="12" height="4" fill="${colour}"/>` +
      `<text x="${legendX + 16}" y="${legendY - 4}" ${FONT}>${h(fn.functionName)} (peak ${fn.observedPeak ?? 0})</text>`
    );
  });
  const height = legendTop + Math.ceil(busiest.length / 2) * 18;
  return svg(
    `Daily peak concurrency of the ${busiest.length} busiest functions, ${dates[0]} to ${dates.at(-1)}`,
    height,
    axes + lines.join(''),
  );
}

function figure(caption: string, chart: string, note = ''): string {
  if (chart === '') return '';
  return `<figure><figcaption>${caption}</figcaption>${chart}${note === '' ? '' : `<p class="meta">${note}</p>`}</figure>`;
}

/** The page's "at a glance" charts; the demand ones only when the report has a demand model. */
export function chartsSection(report: Report): string {
  const demand = report.demand;
  const figures = [
    figure('Failed checks by severity', severityChart(report.summary.bySeverity)),
    ...(demand === undefined
      ? []
      : [
          figure(
            'Quotas: ENIs in the region, Lambda ENIs per VPC',
            quotaChart(demand),
            'Hyperplane: one ENI per subnet and security-group set, present or still to create.',
          ),
          figure(
            'Subnets at projected peak (legacy sizing)',
            subnetDemandChart(demand),
            'The Lambda VPC guide\u2019s formula: a planning margin for IPs, worst first.',
          ),
          figure('Daily peak concurrency, busiest functions', concurrencyTrendChart(demand)),
        ]),
  ].filter((part) => part !== '');
  return figures.length === 0 ? '' : `<div class="charts">${figures.join('\n')}</div>`;
}
