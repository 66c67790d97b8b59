import { describe, expect, it } from 'vitest';
import { buildDemand, demandFor } from '../../lib/analyze/demand.js';
import { legacyEnis, withHeadroom } from '../../lib/analyze/demand-formula.js';
import { analyze } from '../../lib/analyze/engine.js';
import { buildIndex } from '../../lib/analyze/snapshot-index.js';
import { type AnalysisSettings, DEFAULT_ANALYSIS_SETTINGS } from '../../lib/model/settings.js';
import type { Snapshot } from '../../lib/model/snapshot.js';
import { buildReport } from '../../lib/report/assemble/report.js';
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
} from '../fixtures/snapshot-builder.js';

function demandOf(snapshot: Snapshot, settings: Partial<AnalysisSettings> = {}) {
  return buildDemand({
    snapshot,
    index: buildIndex(snapshot),
    settings: { ...DEFAULT_ANALYSIS_SETTINGS, ...settings },
  });
}

const subnets = [
  subnet({ id: 'subnet-a', vpc: 'vpc-1', az: 'eu-west-1a', cidr: '10.0.0.0/24' }),
  subnet({ id: 'subnet-b', vpc: 'vpc-1', az: 'eu-west-1b', cidr: '10.0.1.0/24' }),
  subnet({ id: 'subnet-c', vpc: 'vpc-1', az: 'eu-west-1c', cidr: '10.0.2.0/24' }),
];

describe('the legacy formula', () => {
  it('gives 59 ENIs for 3008 MB at a peak of 30 with the 1.5 GB divisor (30 × 2.9375 / 1.5 = 58.75)', () => {
    expect(legacyEnis(30, 3008, 1.5)).toBe(59);
    expect(legacyEnis(30, 3008, 3)).toBe(30);
  });

  it('does not round floating-point noise up: 50 × 1.1 is 55, not 56', () => {
    expect(50 * (1 + 0.1)).toBeGreaterThan(55);
    expect(withHeadroom(50, 0.1)).toBe(55);
    expect(withHeadroom(0, 0.2)).toBe(0);
  });

  it('reports the uncapped formula on the observed peak beside the projection, for a hand check', () => {
    const snapshot = emptySnapshot({
      subnets,
      functions: [
        fn({ name: 'invoice-renderer', memory: 3008, subnets: ['subnet-a'], securityGroups: ['sg-1'] }),
      ],
      functionDetails: detailsOf(functionDetail({ name: 'invoice-renderer' })),
      metrics: concurrencyMetrics({ 'invoice-renderer': 30 }),
    });
    const demand = demandOf(snapshot).functionByName.get('invoice-renderer');
    expect(demand).toMatchObject({
      peakSource: 'metrics',
      observedPeak: 30,
      legacyEnisAtObservedPeak: 59,
      projectedUncapped: 36,
      projectedPeak: 36,
      cap: null,
      // 36 × 3008 / 1536 = 70.5
      legacyEnis: 71,
    });
  });

  it('follows the configured headroom and divisor', () => {
    const snapshot = emptySnapshot({
      subnets,
      functions: [fn({ name: 'api', memory: 3008, subnets: ['subnet-a'], securityGroups: ['sg-1'] })],
      metrics: concurrencyMetrics({ api: 30 }),
    });
    const demand = demandOf(snapshot, { headroom: 0.5, legacyDivisorGb: 3 }).functionByName.get('api');
    // 45 × 3008 / 3072 = 44.06
    expect(demand).toMatchObject({ projectedPeak: 45, legacyEnisAtObservedPeak: 30, legacyEnis: 45 });
  });
});

describe('caps', () => {
  it('caps the projection at the reserved concurrency and says so', () => {
    const snapshot = emptySnapshot({
      subnets,
      functions: [fn({ name: 'webhook', memory: 512, subnets: ['subnet-a'], securityGroups: ['sg-1'] })],
      functionDetails: detailsOf(functionDetail({ name: 'webhook', reserved: 100 })),
      metrics: concurrencyMetrics({ webhook: 96 }),
    });
    const demand = demandOf(snapshot).functionByName.get('webhook');
    expect(demand).toMatchObject({
      projectedUncapped: 116,
      projectedPeak: 100,
      cap: { by: 'reserved-concurrency', limit: 100 },
      // 100 × 512 / 1536 = 33.3
      legacyEnis: 34,
    });
  });

  it('caps a function without a reservation at the account unreserved pool', () => {
    const snapshot = emptySnapshot({
      subnets,
      functions: [fn({ name: 'burst', memory: 1536, subnets: ['subnet-a'], securityGroups: ['sg-1'] })],
      accountSettings: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 900 },
      metrics: concurrencyMetrics({ burst: 800 }),
    });
    expect(demandOf(snapshot).functionByName.get('burst')).toMatchObject({
      projectedUncapped: 960,
      projectedPeak: 900,
      cap: { by: 'unreserved-pool', limit: 900 },
      legacyEnis: 900,
    });
  });

  it('does not cap when the caps are unknown, and says the reservation is unknown', () => {
    const snapshot = withMissing(
      emptySnapshot({
        subnets,
        functions: [fn({ name: 'burst', memory: 1536, subnets: ['subnet-a'], securityGroups: ['sg-1'] })],
        metrics: concurrencyMetrics({ burst: 800 }),
      }),
      'accountSettings',
      'functionDetails',
    );
    expect(demandOf(snapshot).functionByName.get('burst')).toMatchObject({
      projectedPeak: 960,
      cap: null,
      reservedConcurrencyKnown: false,
    });
  });
});

describe('spreading over subnets', () => {
  it("gives each subnet ceil(demand / subnet count) and sums every function's share per subnet", () => {
    const snapshot = emptySnapshot({
      subnets,
      functions: [
        // 100 × 1.2 = 120 at 1536 MB: 120 ENIs over 3 subnets = 40 each.
        fn({
          name: 'api',
          memory: 1536,
          subnets: ['subnet-a', 'subnet-b', 'subnet-c'],
          securityGroups: ['sg-1'],
        }),
        // 10 × 1.2 = 12 at 1024 MB: 8 ENIs over 3 subnets = 3 each (2.67 rounded up).
        fn({
          name: 'worker',
          memory: 1024,
          subnets: ['subnet-a', 'subnet-b', 'subnet-c'],
          securityGroups: ['sg-2'],
        }),
      ],
      metrics: concurrencyMetrics({ api: 100, worker: 10 }),
    });
    const view = demandOf(snapshot);
    expect(view.functionByName.get('api')?.enisPerSubnet).toBe(40);
    expect(view.functionByName.get('worker')?.enisPerSubnet).toBe(3);
    expect(view.subnetById.get('subnet-b')).toMatchObject({
      legacyDemand: 43,
      contributors: [
        { functionName: 'api', enis: 40 },
        { functionName: 'worker', enis: 3 },
      ],
      capacity: 251,
    });
    expect(view.subnetById.get('subnet-b')?.utilisation).toBeCloseTo(43 / 251);
  });

  it('spreads over the subnets that exist and names the missing ones', () => {
    const snapshot = emptySnapshot({
      subnets,
      functions: [
        fn({ name: 'api', memory: 1536, subnets: ['subnet-a', 'subnet-gone'], securityGroups: ['sg-1'] }),
      ],
      metrics: concurrencyMetrics({ api: 10 }),
    });
    expect(demandOf(snapshot).functionByName.get('api')).toMatchObject({
      subnetIds: ['subnet-a'],
      missingSubnetIds: ['subnet-gone'],
      enisPerSubnet: 12,
    });
  });

  it('counts the IPs of Lambda ENIs in use as capacity, but not those of orphans', () => {
    const enis = [
      lambdaEni({ id: 'eni-used', subnet: 'subnet-a', groups: ['sg-1'] }),
      lambdaEni({ id: 'eni-orphan', subnet: 'subnet-a', groups: ['sg-old'], status: 'available' }),
    ];
    const snapshot = emptySnapshot({
      subnets: [subnet({ id: 'subnet-a', vpc: 'vpc-1', az: 'eu-west-1a', cidr: '10.0.0.0/28', free: 9 })],
      functions: [fn({ name: 'api', subnets: ['subnet-a'], securityGroups: ['sg-1'] })],
      networkInterfaces: enis,
      networkInterfaceCounts: countEnis(enis),
      metrics: concurrencyMetrics({ api: 1 }),
    });
    expect(demandOf(snapshot).subnetById.get('subnet-a')).toMatchObject({
      freeIps: 9,
      lambdaEnisInUse: 1,
      capacity: 10,
    });
  });
});

describe('peaks', () => {
  it('tells no traffic (no datapoints: zero demand) from metrics not collected (unknown demand)', () => {
    const snapshot = emptySnapshot({
      subnets,
      functions: [
        fn({ name: 'idle', subnets: ['subnet-a'], securityGroups: ['sg-1'] }),
        fn({ name: 'unread', subnets: ['subnet-a'], securityGroups: ['sg-1'] }),
      ],
      metrics: concurrencyMetrics({ idle: null }),
    });
    const view = demandOf(snapshot);
    expect(view.functionByName.get('idle')).toMatchObject({
      peakSource: 'no-traffic',
      observedPeak: 0,
      legacyEnis: 0,
    });
    expect(view.functionByName.get('unread')).toMatchObject({
      peakSource: 'not-collected',
      observedPeak: null,
      legacyEnis: null,
    });
    expect(view.subnetById.get('subnet-a')?.unknownDemandFunctions).toEqual(['unread']);
  });

  it('sizes with the largest memory of the VPC-enabled versions (the metric covers them all)', () => {
    const snapshot = emptySnapshot({
      subnets,
      functions: [
        fn({ name: 'api', memory: 512, subnets: ['subnet-a'], securityGroups: ['sg-1'] }),
        fn({ name: 'api', version: '4', memory: 2048, subnets: ['subnet-a'], securityGroups: ['sg-1'] }),
      ],
      metrics: concurrencyMetrics({ api: 5 }),
    });
    expect(demandOf(snapshot).functionByName.get('api')?.memorySize).toBe(2048);
  });
});

describe('the Hyperplane model', () => {
  it('counts one ENI per (subnet, SG set) across functions and versions, whatever the SG order', () => {
    const snapshot = emptySnapshot({
      subnets,
      functions: [
        fn({ name: 'orders', subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-app', 'sg-db'] }),
        fn({ name: 'orders', version: '2', subnets: ['subnet-a'], securityGroups: ['sg-db', 'sg-app'] }),
        fn({
          name: 'profile',
          subnets: ['subnet-b', 'subnet-a'],
          securityGroups: ['sg-db', 'sg-app', 'sg-app'],
        }),
        fn({ name: 'payments', subnets: ['subnet-a'], securityGroups: ['sg-pay'] }),
      ],
      networkInterfaces: [lambdaEni({ id: 'eni-1', subnet: 'subnet-a', groups: ['sg-db', 'sg-app'] })],
    });
    const view = demandOf(snapshot);
    // (a, app+db), (b, app+db), (a, pay): three combinations, one of which has its ENI.
    expect(view.vpcById.get('vpc-1')?.hyperplane).toEqual({
      combinations: 3,
      existingEnis: 1,
      missingEnis: 2,
      projectedEnis: 3,
      utilisation: 3 / 500,
    });
    expect(view.subnetById.get('subnet-a')?.hyperplane).toEqual({
      combinations: 2,
      existingEnis: 1,
      missingEnis: 1,
    });
  });

  it('counts orphaned Lambda ENIs against the per-VPC quota and every ENI against the regional one', () => {
    const enis = [
      lambdaEni({ id: 'eni-1', subnet: 'subnet-a', groups: ['sg-1'] }),
      lambdaEni({ id: 'eni-orphan', subnet: 'subnet-b', groups: ['sg-old'], status: 'available' }),
    ];
    const snapshot = emptySnapshot({
      subnets,
      functions: [fn({ name: 'api', subnets: ['subnet-a', 'subnet-c'], securityGroups: ['sg-1'] })],
      networkInterfaces: enis,
      networkInterfaceCounts: countEnis(enis, { interface: 3995 }),
      quotas: { lambdaEnisPerVpc: 1000, networkInterfacesPerRegion: null },
    });
    const { model } = demandOf(snapshot);
    expect(model.vpcs[0]?.hyperplane).toMatchObject({ existingEnis: 2, missingEnis: 1, projectedEnis: 3 });
    expect(model.region).toMatchObject({ networkInterfaces: 3997, projectedNetworkInterfaces: 3998 });
    expect(model.region.utilisation).toBeCloseTo(3998 / 5000);
    expect(model.parameters.lambdaEnisPerVpc).toEqual({
      code: 'L-9FEE3D26',
      value: 1000,
      source: 'service-quotas',
    });
    expect(model.parameters.networkInterfacesPerRegion).toEqual({
      code: 'L-DF5E4CA3',
      value: 5000,
      source: 'default',
    });
  });

  it('leaves the ENI figures null when ENIs were not collected', () => {
    const snapshot = withMissing(
      emptySnapshot({
        subnets,
        functions: [fn({ name: 'api', subnets: ['subnet-a'], securityGroups: ['sg-1'] })],
      }),
      'networkInterfaces',
    );
    const { model } = demandOf({ ...snapshot, networkInterfaceCounts: null });
    expect(model.vpcs[0]?.hyperplane).toMatchObject({
      combinations: 1,
      existingEnis: null,
      projectedEnis: null,
    });
    expect(model.subnets[0]).toMatchObject({ lambdaEnisInUse: null, capacity: 251 });
    expect(model.region.projectedNetworkInterfaces).toBeNull();
  });
});

describe('demandFor', () => {
  it('computes the model once per snapshot and settings, and again for other settings', () => {
    const snapshot = emptySnapshot({ subnets });
    const first = demandFor(snapshot, DEFAULT_ANALYSIS_SETTINGS);
    expect(demandFor(snapshot, { ...DEFAULT_ANALYSIS_SETTINGS })).toBe(first);
    const other = demandFor(snapshot, { ...DEFAULT_ANALYSIS_SETTINGS, headroom: 0.5 });
    expect(other).not.toBe(first);
    expect(other.model.parameters.headroom).toBe(0.5);
  });

  it('builds the model on the whole index a rule passes, as it would on its own index of the snapshot', () => {
    const build = () =>
      emptySnapshot({
        subnets,
        functions: [
          fn({ name: 'api', memory: 1536, subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'] }),
        ],
        metrics: concurrencyMetrics({ api: 10 }),
      });
    const given = build();
    const index = buildIndex(given);
    expect(demandFor(given, DEFAULT_ANALYSIS_SETTINGS, index).model).toEqual(
      demandFor(build(), DEFAULT_ANALYSIS_SETTINGS).model,
    );
    expect(demandFor(given, DEFAULT_ANALYSIS_SETTINGS)).toBe(
      demandFor(given, DEFAULT_ANALYSIS_SETTINGS, index),
    );
  });

  it('counts every function of the snapshot in a report whose index was narrowed to some functions', () => {
    const snapshot = emptySnapshot({
      subnets,
      functions: [
        fn({ name: 'api', memory: 1536, subnets: ['subnet-a'], securityGroups: ['sg-1'] }),
        fn({ name: 'worker', memory: 1536, subnets: ['subnet-a'], securityGroups: ['sg-2'] }),
      ],
      metrics: concurrencyMetrics({ api: 10, worker: 10 }),
    });
    // No demand rule ran first, so the report builder is the first to ask for the model.
    const analysis = analyze(snapshot, [], DEFAULT_ANALYSIS_SETTINGS, new Date(snapshot.meta.capturedAt));
    const apiOnly = analysis.index.vpcFunctions.filter((f) => f.name === 'api');
    const report = buildReport({
      snapshot,
      analysis: { ...analysis, index: { ...analysis.index, vpcFunctions: apiOnly } },
      rules: [],
      settings: DEFAULT_ANALYSIS_SETTINGS,
      runId: 'run-1',
      generatedAt: new Date(snapshot.meta.capturedAt),
    });
    expect(report.demand?.subnets[0]).toMatchObject({ subnetId: 'subnet-a', legacyDemand: 24 });
  });
});
