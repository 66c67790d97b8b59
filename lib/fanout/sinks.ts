import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { errorMessage } from '../errors.js';
import type { Report } from '../model/report.js';
import { decideAlert } from '../publish/alert-policy.js';
import type { AlertPolicy, ReportStore } from '../publish/config.js';
import { writeTextFile } from '../publish/file.js';
import type { StoreOutcome } from '../publish/publish.js';
import { targetAlertPolicy } from '../publish/rollup-alert-policy.js';
import { storeReport } from '../publish/s3.js';
import { renderReport } from '../report/render/render.js';
import type { RollupFormat } from '../report/render/rollup.js';

/**
 * Where each audited target's report goes: a directory (the CLI's `--output-dir`), the report bucket, and the
 * alert decision whose reasons the roll-up's one alert counts. The doors pick the sinks; the pipeline hands
 * every report to each in turn.
 */

/** What the sinks made of one target's report, for its line of the roll-up. */
export interface KeptReport {
  /** The copy the roll-up links: the last one kept (a file path, then an s3:// URI). */
  location?: string;
  /** The report bucket's outcome, when reports are stored there: a Step Functions target answers with it. */
  stored?: StoreOutcome;
  /** Why the target would alert; the run alerts once, from the roll-up. */
  alertReasons?: string[];
}

/**
 * Takes a target's report and what the sinks before it kept; returns what it adds. Never throws: a report
 * that could not be kept does not make its target a failed one.
 */
export type ReportSink = (report: Report, kept: KeptReport) => Promise<KeptReport>;

/** Told of each copy a sink could not keep (the CLI says so on stderr and fails the run). */
export type KeepFailed = (report: Report, error: unknown) => void;

export const FILE_EXTENSIONS: Record<RollupFormat, string> = { text: 'txt', json: 'json', md: 'md' };

/** `<dir>/<account>/<region>.<ext>`, in the roll-up's format. */
export function directorySink(dir: string, format: RollupFormat, onFailed: KeepFailed): ReportSink {
  return async (report) => {
    const path = join(dir, report.accountId, `${report.region}.${FILE_EXTENSIONS[format]}`);
    try {
      await writeTextFile(path, renderReport(report, format, { color: false }), { createDirectories: true });
      return { location: path };
    } catch (error) {
      onFailed(report, error);
      return {};
    }
  };
}

/** The report's objects in the bucket, as any run stores them; the target alerts nothing on its own. */
export function storeSink(s3: S3Client, store: ReportStore, onFailed?: KeepFailed): ReportSink {
  return async (report) => {
    try {
      const stored = await storeReport(s3, store, report);
      return { location: stored.uri, stored: { status: 'stored', ...stored } };
    } catch (error) {
      onFailed?.(report, error);
      return { stored: { status: 'failed', error: errorMessage(error) } };
    }
  };
}

/** The alert policy applied to the target's own report (changes only): its reasons go to the roll-up. */
export function alertSink(policy: AlertPolicy): ReportSink {
  return async (report, kept) => {
    const decision = decideAlert(report, targetAlertPolicy(policy), kept.stored?.status === 'failed');
    return decision.send ? { alertReasons: decision.reasons } : {};
  };
}

/** Hands the report to each sink in order: the alert decision after the bucket, whose failure it counts. */
export async function keepReport(report: Report, sinks: readonly ReportSink[]): Promise<KeptReport> {
  let kept: KeptReport = {};
  for (const sink of sinks) kept = { ...kept, ...(await sink(report, kept)) };
  return kept;
}
