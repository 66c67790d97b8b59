import { DEFAULT_SIZE } from './account.js';
import type { AccountSize } from './account-types.js';
import type { AnalysisRun } from './analysis.js';
import type { Bound } from './bound.js';
import type { BundleRun } from './bundle.js';
import type { CollectionRun } from './collection.js';

/** The widest API name (lambda:ListFunctionVersionsByCapacityProvider) and a space. */
const API_WIDTH = 46;

/** The figures of one benchmark run, as written to bench/results/latest.json. */
export type BenchResults = {
  date: string;
  node: string;
  size: AccountSize;
  latencyMs: number;
  apis: {
    api: string;
    calls: number;
    minimum: number;
    throttled: number;
    firstAtMs: number;
    lastAtMs: number;
  }[];
  calls: { total: number; minimum: number; ratio: number };
  wall: {
    measuredSeconds: number;
    boundSeconds: number;
    ratio: number;
    boundLane: string;
    cpuSeconds: number;
  };
  analysis: AnalysisRun & { totalSeconds: number };
  memory: { peakRssBytes: number; afterAccountRssBytes: number };
  bundle: BundleRun | null;
  /** Empty when the snapshot has every part, no gap, and as many resources as were generated. */
  issues: string[];
  targets: { name: string; target: string; value: string; met: boolean }[];
};

export const TARGETS = {
  callsRatio: 1.05,
  wallRatio: 1.1,
  wallSeconds: 30,
  analysisSeconds: 1,
  peakRssBytes: 512 * 1024 * 1024,
  bundleBytes: 1.5 * 1000 * 1000,
  coldImportMs: 200,
} as const;

export type RunParts = {
  size: AccountSize;
  latencyMs: number;
  collection: CollectionRun;
  minimum: Map<string, number>;
  bound: Bound;
  analysis: AnalysisRun;
  memory: BenchResults['memory'];
  bundle: BundleRun | null;
  issues: string[];
};

const round = (value: number, digits = 3) => Number(value.toFixed(digits));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

export function resultsOf(parts: RunParts, date: Date): BenchResults {
  const apiNames = [...new Set([...parts.minimum.keys(), ...parts.collection.counts.keys()])].sort();
  const apis = apiNames.map((api) => {
    const count = parts.collection.counts.get(api);
    return {
      api,
      calls: count?.calls ?? 0,
      minimum: parts.minimum.get(api) ?? 0,
      throttled: count?.throttled ?? 0,
      firstAtMs: count?.firstAt ?? 0,
      lastAtMs: count?.lastAt ?? 0,
    };
  });
  const total = apis.reduce((sum, api) => sum + api.calls, 0);
  const minimum = apis.reduce((sum, api) => sum + api.minimum, 0);
  const wall = parts.collection.wallSeconds;
  const analysisTotal = parts.analysis.analysisSeconds + parts.analysis.renderSeconds;
  const targets: BenchResults['targets'] = [
    {
      name: 'API calls / minimum',
      target: `<= ${TARGETS.callsRatio}`,
      value: (total / minimum).toFixed(3),
      met: total <= TARGETS.callsRatio * minimum,
    },
    {
      name: 'wall time / rate-limit bound',
      target: `<= ${TARGETS.wallRatio}`,
      value: (wall / parts.bound.seconds).toFixed(3),
      met: wall <= TARGETS.wallRatio * parts.bound.seconds,
    },
    {
      name: 'collection wall time',
      target: `<= ${TARGETS.wallSeconds} s`,
      value: `${wall.toFixed(1)} s`,
      met: wall <= TARGETS.wallSeconds,
    },
    {
      name: 'analysis + rendering',
      target: `< ${TARGETS.analysisSeconds} s`,
      value: `${analysisTotal.toFixed(3)} s`,
      met: analysisTotal < TARGETS.analysisSeconds,
    },
    {
      name: 'peak RSS',
      target: `< ${mb(TARGETS.peakRssBytes)}`,
      value: mb(parts.memory.peakRssBytes),
      met: parts.memory.peakRssBytes < TARGETS.peakRssBytes,
    },
  ];
  if (parts.bundle !== null) {
    targets.push(
      {
        name: 'handler bundle',
        target: `<= ${TARGETS.bundleBytes / 1e6} MB`,
        value: `${(parts.bundle.bytes / 1e6).toFixed(2)} MB`,
        met: parts.bundle.bytes <= TARGETS.bundleBytes,
      },
      {
        name: 'cold import (median)',
        target: `< ${TARGETS.coldImportMs} ms`,
        value: `${parts.bundle.coldImportMedianMs.toFixed(0)} ms`,
        met: parts.bundle.coldImportMedianMs < TARGETS.coldImportMs,
      },
    );
  }
  return {
    date: date.toISOString(),
    node: process.version,
    size: parts.size,
    latencyMs: parts.latencyMs,
    apis,
    calls: { total, minimum, ratio: round(total / minimum) },
    wall: {
      measuredSeconds: round(wall),
      boundSeconds: round(parts.bound.seconds),
      ratio: round(wall / parts.bound.seconds),
      boundLane: parts.bound.lane,
      cpuSeconds: round(parts.collection.cpuSeconds),
    },
    analysis: { ...parts.analysis, totalSeconds: round(analysisTotal) },
    memory: parts.memory,
    bundle: parts.bundle,
    issues: parts.issues,
    targets,
  };
}

function isDefaultSize(size: AccountSize): boolean {
  return (Object.keys(DEFAULT_SIZE) as (keyof AccountSize)[]).every((key) => size[key] === DEFAULT_SIZE[key]);
}

/** The short table `npm run bench` prints. */
export function tableOf(results: BenchResults): string {
  const rows = results.apis.map(
    (api) =>
      `  ${api.api.padEnd(API_WIDTH)} ${String(api.calls).padStart(6)} ${String(api.minimum).padStart(7)} ${(api.minimum === 0 ? '-' : (api.calls / api.minimum).toFixed(2)).padStart(6)} ${String(api.throttled).padStart(9)} ${`${(api.firstAtMs / 1000).toFixed(1)}-${(api.lastAtMs / 1000).toFixed(1)} s`.padStart(13)}`,
  );
  const { size } = results;
  return [
    `Account: ${size.functions} functions (${size.vpcFunctions} in VPCs), ${size.networkInterfaces} ENIs, ${size.subnets} subnets, ${size.routeTables} route tables, ${size.executionRoles} execution roles; latency ${results.latencyMs} ms`,
    '',
    `  ${'API'.padEnd(API_WIDTH)} ${'calls'.padStart(6)} ${'minimum'.padStart(7)} ${'ratio'.padStart(6)} ${'throttled'.padStart(9)} ${'active'.padStart(13)}`,
    ...rows,
    `  ${'total'.padEnd(API_WIDTH)} ${String(results.calls.total).padStart(6)} ${String(results.calls.minimum).padStart(7)} ${results.calls.ratio.toFixed(2).padStart(6)}`,
    '',
    `Collection: ${results.wall.measuredSeconds.toFixed(2)} s wall (rate-limit bound ${results.wall.boundSeconds.toFixed(2)} s, set by ${results.wall.boundLane}), ${results.wall.cpuSeconds.toFixed(2)} s CPU`,
    `Analysis ${results.analysis.analysisSeconds.toFixed(3)} s + rendering ${results.analysis.renderSeconds.toFixed(3)} s (${results.analysis.findings} findings)`,
    `Peak RSS ${mb(results.memory.peakRssBytes)} (${mb(results.memory.afterAccountRssBytes)} after generating the account)`,
    ...(results.bundle === null
      ? []
      : [
          `Handler bundle ${(results.bundle.bytes / 1e6).toFixed(2)} MB, cold import ${results.bundle.coldImportMs.map((ms) => ms.toFixed(0)).join(' / ')} ms`,
        ]),
    ...(results.issues.length === 0
      ? []
      : ['', 'INCOMPLETE SNAPSHOT:', ...results.issues.map((issue) => `  ${issue}`)]),
    '',
    // The targets are set for the default account: on another size (--quick's above all) a fixed cost weighs
    // differently, so a "MISS" there says little.
    ...(isDefaultSize(size)
      ? []
      : ['Not the default account: the targets below are set for it, so read them as a guide only.']),
    ...results.targets.map(
      (t) =>
        `  ${t.met ? 'met ' : 'MISS'}  ${t.name.padEnd(30)} ${t.value.padStart(10)}  (target ${t.target})`,
    ),
  ].join('\n');
}
