import { RULES } from '../lib/analyze/registry.js';
import { runAudit } from '../lib/audit.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../lib/model/settings.js';
import type { Snapshot } from '../lib/model/snapshot.js';
import { REPORT_FORMATS, renderReport } from '../lib/report/render/render.js';

export type AnalysisRun = {
  /** Analysis and report model (runAudit on the collected snapshot). */
  analysisSeconds: number;
  /** Every report format the CLI and the handler offer. */
  renderSeconds: number;
  findings: number;
  renderedBytes: number;
};

/** The audit pipeline after collection: runAudit over the snapshot (no I/O), then every renderer. */
export async function analyzeAndRender(snapshot: Snapshot, now: Date): Promise<AnalysisRun> {
  const started = performance.now();
  const { report } = await runAudit(
    {
      source: { kind: 'aws', region: snapshot.meta.region },
      settings: DEFAULT_ANALYSIS_SETTINGS,
      runId: 'bench',
      now,
    },
    { readSnapshot: async () => snapshot, collect: async () => snapshot, rules: RULES },
  );
  const analysed = performance.now();
  let renderedBytes = 0;
  for (const format of REPORT_FORMATS) renderedBytes += renderReport(report, format, { color: false }).length;
  const rendered = performance.now();
  return {
    analysisSeconds: (analysed - started) / 1000,
    renderSeconds: (rendered - analysed) / 1000,
    findings: report.findings.length,
    renderedBytes,
  };
}
