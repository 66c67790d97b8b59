import { Buffer } from 'node:buffer';
import type { CleanupReport } from '../model/cleanup.js';
import type { Report, ReportChanges, ReportSummary } from '../model/report.js';
import type { RollupTarget, RollupTotals, TargetOutcome, UnauditedTarget } from '../model/rollup.js';
import type { PublishOutcome } from '../publish/publish.js';
import type { RollupPublishOutcome } from '../publish/rollup.js';
import { renderReport } from '../report/render/render.js';
import type { AuditRequest } from './event.js';

/** What an invocation returns; a sync invoke's caller (and the Step Functions Map) reads it. */
export type AuditResponse = AuditedResponse | RefusedResponse;

export interface AuditedResponse {
  ok: true;
  runId: string;
  trigger: AuditRequest['trigger'];
  accountId: string;
  region: string;
  incomplete?: string;
  summary: ReportSummary;
  changes?:
    | { status: 'compared'; new: number; open: number; resolved: number; unconfirmed: number }
    | { status: 'unavailable'; reason: string };
  /** What the ENI cleanup did, when it ran. */
  cleanup?: CleanupReport['summary'];
  /** Where the report was stored. */
  report?: { bucket: string; json: string; html: string; md: string; consoleUrl: string };
  publish?: PublishOutcome;
  /** Patterns of `functions` that matched no function. */
  unmatchedFunctions?: string[];
  /** The report in the requested `format`. */
  rendered?: string;
  renderedOmitted?: string;
  /** A fan-out target's line of the roll-up (lib/model/rollup.ts). */
  outcome?: TargetOutcome;
  /** A several-region run (`regions`): every region's line; `summary` adds up the audited ones. */
  rollup?: RegionsRollup;
}

export interface RefusedResponse {
  ok: false;
  error: { type: string; message: string };
  /** A fan-out target that could not be audited (its role not assumable, its region unreachable). */
  outcome?: UnauditedTarget;
}

export interface RegionsRollup {
  totals: RollupTotals;
  targets: RollupTarget[];
  /** The roll-up's own objects in S3 and its one alert. */
  publish?: RollupPublishOutcome;
}

/** A synchronous invoke response is limited to 6 MB; the rendered report stays well under it. */
export const MAX_RENDERED_BYTES = 5_000_000;

export function changesOf(changes: ReportChanges) {
  return changes.status === 'compared'
    ? {
        status: changes.status,
        new: changes.new,
        open: changes.open,
        resolved: changes.resolved.length,
        unconfirmed: changes.unconfirmed.length,
      }
    : changes;
}

/** Where the report went and the report itself in the requested format. */
export function auditedResponse(
  request: AuditRequest,
  runId: string,
  result: { report: Report; unmatchedFunctions: string[] },
  published: PublishOutcome | undefined,
): AuditedResponse {
  const { report, unmatchedFunctions } = result;
  const stored = published?.s3.status === 'stored' ? published.s3 : undefined;
  const rendered = request.format ? renderReport(report, request.format, { color: false }) : undefined;
  const fits = rendered !== undefined && Buffer.byteLength(rendered, 'utf8') <= MAX_RENDERED_BYTES;
  return {
    ok: true,
    runId,
    trigger: request.trigger,
    accountId: report.accountId,
    region: report.region,
    ...(report.incomplete ? { incomplete: report.incomplete.reason } : {}),
    summary: report.summary,
    ...(report.changes ? { changes: changesOf(report.changes) } : {}),
    ...(report.cleanup ? { cleanup: report.cleanup.summary } : {}),
    ...(stored
      ? {
          report: {
            bucket: stored.bucket,
            json: stored.keys.json,
            html: stored.keys.html,
            md: stored.keys.md,
            consoleUrl: stored.consoleUrl,
          },
        }
      : {}),
    ...(published ? { publish: published } : {}),
    ...(unmatchedFunctions.length > 0 ? { unmatchedFunctions } : {}),
    ...(rendered !== undefined && fits ? { rendered } : {}),
    ...(rendered !== undefined && !fits
      ? {
          renderedOmitted: `The ${request.format} report is over ${MAX_RENDERED_BYTES} bytes; read it from S3.`,
        }
      : {}),
  };
}

/** A fan-out target that was not audited: an answer the roll-up reads, not an error to retry. */
export function unauditedResponse(outcome: UnauditedTarget): RefusedResponse {
  return {
    ok: false,
    error: { type: outcome.status, message: `${outcome.error.code}: ${outcome.error.message}` },
    outcome,
  };
}
