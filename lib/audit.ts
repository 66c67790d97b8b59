import { analyze } from './analyze/engine.js';
import { RULES } from './analyze/registry.js';
import type { Rule } from './analyze/rule.js';
import type { AnalysisSettings } from './analyze/settings.js';
import { createClients } from './collect/clients.js';
import { type CollectProgress, collectSnapshot } from './collect/collect.js';
import { readSnapshotFile } from './collect/snapshot-file.js';
import type { Report } from './model/report.js';
import type { Snapshot } from './model/snapshot.js';
import { buildReport } from './report/build.js';

/** Where the snapshot comes from: a file (offline replay, the demo) or a live account. */
export type SnapshotSource =
  | { kind: 'file'; path: string }
  | { kind: 'aws'; region: string; profile?: string };

export interface AuditOptions {
  source: SnapshotSource;
  settings: AnalysisSettings;
  runId: string;
  now: Date;
  onProgress?: (progress: CollectProgress) => void;
}

export interface AuditDeps {
  readSnapshot(path: string): Promise<Snapshot>;
  collect(
    source: Extract<SnapshotSource, { kind: 'aws' }>,
    now: Date,
    onProgress?: (progress: CollectProgress) => void,
  ): Promise<Snapshot>;
  rules: readonly Rule[];
}

export const defaultAuditDeps: AuditDeps = {
  readSnapshot: readSnapshotFile,
  collect: (source, now, onProgress) =>
    collectSnapshot(createClients({ region: source.region, profile: source.profile }), {
      region: source.region,
      now,
      ...(onProgress ? { onProgress } : {}),
    }),
  rules: RULES,
};

export interface AuditResult {
  snapshot: Snapshot;
  report: Report;
}

export async function loadSnapshot(
  source: SnapshotSource,
  now: Date,
  deps: AuditDeps,
  onProgress?: (progress: CollectProgress) => void,
): Promise<Snapshot> {
  return source.kind === 'file' ? deps.readSnapshot(source.path) : deps.collect(source, now, onProgress);
}

/** The one pipeline behind every door (CLI, Lambda handler): collect or load, analyze, build the report. */
export async function runAudit(
  options: AuditOptions,
  deps: AuditDeps = defaultAuditDeps,
): Promise<AuditResult> {
  const snapshot = await loadSnapshot(options.source, options.now, deps, options.onProgress);
  const analysis = analyze(snapshot, deps.rules, options.settings, options.now);
  const report = buildReport({
    snapshot,
    analysis,
    rules: deps.rules,
    settings: options.settings,
    runId: options.runId,
    generatedAt: options.now,
  });
  return { snapshot, report };
}
