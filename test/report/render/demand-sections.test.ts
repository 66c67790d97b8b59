import { describe, expect, it } from 'vitest';
import { buildDemand } from '../../../lib/analyze/demand.js';
import { buildIndex } from '../../../lib/analyze/snapshot-index.js';
import type { Report } from '../../../lib/model/report.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../../lib/model/settings.js';
import type { Snapshot } from '../../../lib/model/snapshot.js';
import { renderMarkdown } from '../../../lib/report/render/markdown/markdown.js';
import { renderText } from '../../../lib/report/render/text/text.js';
import {
  concurrencyMetrics,
  countEnis,
  detailsOf,
  emptySnapshot,
  fn,
  functionDetail,
  lambdaEni,
  subnet,
  withMissing,
} from '../../fixtures/snapshot-builder.js';
import { makeReport } from '../report-factory.js';

const HOT = 'subnet-0b3c9d2e4f6a80a03';

function account(): Snapshot {
  const enis = [lambdaEni({ id: 'eni-hot', subnet: HOT, groups: ['sg-pay'] })];
  const subnets = [
    subnet({ id: HOT, vpc: 'vpc-1', az: 'eu-west-1a', cidr: '10.0.64.0/28', free: 7 }),
    ...['b', 'c', 'd', 'e', 'f', 'g'].map((s, i) =>
      subnet({ id: `subnet-${s}`, vpc: 'vpc-1', az: 'eu-west-1b', cidr: `10.0.${i + 1}.0/24` }),
    ),
  ];
  return emptySnapshot({
    subnets,
    functions: [
      fn({
        name: 'payments-webhook',
        memory: 512,
        subnets: [HOT, 'subnet-b', 'subnet-c'],
        securityGroups: ['sg-pay'],
      }),
      fn({
        name: 'invoice_renderer',
        memory: 3008,
        subnets: ['subnet-d', 'subnet-e', 'subnet-f'],
        securityGroups: ['sg-app'],
      }),
      fn({ name: 'idle', subnets: ['subnet-g'], securityGroups: ['sg-app'] }),
    ],
    functionDetails: detailsOf(
      functionDetail({ name: 'payments-webhook', reserved: 100 }),
      functionDetail({ name: 'invoice_renderer' }),
      functionDetail({ name: 'idle' }),
    ),
    networkInterfaces: enis,
    networkInterfaceCounts: countEnis(enis, { interface: 120 }),
    metrics: concurrencyMetrics({ 'payments-webhook': 96, invoice_renderer: 30, idle: null }, 140),
  });
}

function reportOf(snapshot: Snapshot): Report {
  const demand = buildDemand({
    snapshot,
    index: buildIndex(snapshot),
    settings: DEFAULT_ANALYSIS_SETTINGS,
  }).model;
  return { ...makeReport(), demand };
}

describe('the text demand section', () => {
  it('names the model and its parameters, labels the trend, and lists only the subnets above the threshold', () => {
    const text = renderText(reportOf(account()), { color: false, width: 100, details: true });
    const section = text.slice(text.indexOf('ENI demand'));
    const prose = section.replace(/\s+/g, ' ');
    expect(prose).toContain('ceil(projected peak × memory MB / 1024 / 1.5 GB)');
    expect(prose).toContain('(headroom 20%)');
    expect(prose).toContain('over 14 days, 2026-11-11 00:00 to 2026-11-24 03:00 UTC');
    expect(section).toContain('Account concurrency, highest of each day: peak 140 of the account limit 1000');
    // The sparkline has its axis: the first and the last day.
    expect(section).toMatch(/2026-11-23 [▁-█]+ 2026-11-24/);
    expect(prose).toContain('Legacy sizing: subnets at or above 80% of their IPs');
    const table = section.slice(section.indexOf('SUBNET'), section.indexOf('Hyperplane ENIs per VPC'));
    const rows = table.trim().split('\n').slice(1);
    // Subnets below the 80% threshold are not "at risk": only the /28 at 150% is listed.
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^\s*subnet-0b3c9d2e4f6a80a03\s+10\.0\.64\.0\/28\s+8\s+12\s+150%$/);
    expect(table).not.toContain('subnet-g');
    expect(prose).toContain('TOTAL against the quota 500 (Service Quotas L-9FEE3D26)');
    // Seven (subnet, security-group set) combinations, one of which has its ENI.
    expect(section).toMatch(/vpc-1\s+1\s+6\s+7\s+1%/);
    expect(prose).toContain(
      'Region: 127 network interfaces of all kinds (121 present + 6 Lambda ENIs to create)',
    );
  });

  it('says the legacy demand is unknown when the metrics were not collected', () => {
    const text = renderText(reportOf(withMissing(account(), 'metrics')), {
      color: false,
      width: 100,
      details: true,
    });
    expect(text).toContain(
      'Concurrency metrics were not collected: peaks, projections and legacy demand are unknown.',
    );
    expect(text).toContain('Unknown: no concurrency metrics.');
  });

  it('marks lower bounds when the Lambda ENIs were not collected', () => {
    const snapshot = withMissing(account(), 'networkInterfaces');
    const text = renderText(reportOf({ ...snapshot, networkInterfaceCounts: null }), {
      color: false,
      width: 100,
      details: true,
    });
    expect(text).toMatch(/subnet-0b3c9d2e4f6a80a03\s+10\.0\.64\.0\/28\s+7\+\s+12/);
    expect(text).toContain('+: at least this much; part of the data was not collected.');
    expect(text).toContain('Region: network interfaces not counted.');
  });

  it('is absent from a report without a demand section', () => {
    expect(renderText(makeReport(), { color: false, details: true })).not.toContain('ENI demand');
  });
});

describe('the Markdown demand section', () => {
  it('has per-function, per-subnet and per-VPC tables with the numbers to check by hand', () => {
    const markdown = renderMarkdown(reportOf(account()));
    const section = markdown.slice(markdown.indexOf('## ENI demand'), markdown.indexOf('## VPC functions'));
    // The function name is escaped: `_` would start emphasis.
    expect(section).toContain('| invoice\\_renderer | 3008 | 30 | - | 36 | 59 | 71 | 3 | 24 |');
    expect(section).toContain(
      '| payments-webhook | 512 | 96 | 100 | 100 (capped: reserved; 116 uncapped) | 32 | 34 | 3 | 12 |',
    );
    expect(section).toContain('| idle | 128 | no traffic | - | 0 | 0 | 0 | 1 | 0 |  |');
    expect(section).toContain(
      '| subnet-0b3c9d2e4f6a80a03 | vpc-1 | eu-west-1a | 10.0.64.0/28 | 7 | 1 | 12 | 150% | 0 |',
    );
    expect(section).toContain('| vpc-1 | 7 | 1 | 6 | 7 | 1% | 108 |');
    expect(section).toContain(
      'Per-VPC quota: 500 (Service Quotas L-9FEE3D26). Thresholds: subnet 80%, quotas 80%.',
    );
    expect(section).toContain('- Legacy ENIs of all VPC functions: 105');
  });

  it('says when a quota is the documented default because Service Quotas could not be read', () => {
    const markdown = renderMarkdown(
      reportOf({ ...account(), quotas: { lambdaEnisPerVpc: null, networkInterfacesPerRegion: null } }),
    );
    expect(markdown).toContain(
      'Per-VPC quota: 500 (documented default of L-9FEE3D26: Service Quotas could not be read)',
    );
    expect(markdown).toContain(
      'of 5000 (documented default of L-DF5E4CA3: Service Quotas could not be read)',
    );
  });
});
