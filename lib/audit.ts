import { analyze } from './analyze/engine.js';
import { limitToFunctions, selectFunctions } from './analyze/function-filter.js';
import { RULES } from './analyze/registry.js';
import type { Rule } from './analyze/rule.js';
import { type Clients, type Credentials, createClients } from './aws/clients.js';
import type { IamShare } from './aws/shared-iam.js';
import type { AuthorizationSource } from './collect/authorization.js';
import { type CollectProgress, collectSnapshot } from './collect/collect.js';
import { readSnapshotFile } from './collect/snapshot-file.js';
import type { Report } from './model/report.js';
import type { AnalysisSettings } from './model/settings.js';
import type { Snapshot, SnapshotMeta } from './model/snapshot.js';
import type { CleanupOptions } from './remediate/options.js';
import { type CleanupClient, cleanUpOrphanedEnis } from './remediate/step.js';
import { applyBaseline, type Baseline, firstSeenFrom } from './report/assemble/diff.js';
import { buildReport } from './report/assemble/report.js';

/** Where the snapshot comes from: a file (offline replay, the demo) or a live account. */
export type SnapshotSource =
  | { kind: 'file'; path: string }
  | {
      kind: 'aws';
      region: string;
      profile?: string;
      /** Another account's credentials (an assumed role, lib/fanout); the profile's or the default chain's without. */
      credentials?: Credentials;
      /** Days of concurrency metrics to read; the collector's default (14) when absent. */
      lookbackDays?: number;
      /** Collection stops here and the report is marked incomplete (the Lambda handler's time budget). */
      deadline?: Date;
      /**
       * A run over several Regions of one account: the account's IAM client shared by them all
       * (lib/aws/shared-iam.ts), so IAM, a global service, is read once per account and run, not per Region.
       */
      sharedIam?: IamShare;
      /** `AWS_ENDPOINT_URL` as the door read it: the SDK calls it instead of AWS; the snapshot records it. */
      endpoint?: string;
      /** Where GetAccountAuthorizationDetails comes from when other processes of the run share it (lib/publish/iam-share.ts). */
      authorization?: AuthorizationSource;
    };

export interface AuditOptions {
  source: SnapshotSource;
  settings: AnalysisSettings;
  runId: string;
  now: Date;
  onProgress?: (progress: CollectProgress) => void;
  /** Limit the report to these function names or ARN patterns (lib/analyze/function-filter.ts). */
  functions?: readonly string[];
  /**
   * The previous report to compare with, read once the snapshot says which account and region it is; its
   * first-seen times reach the rules (`ctx.firstSeen`) and the report marks findings new, open or resolved.
   */
  baseline?: (meta: SnapshotMeta) => Promise<Baseline>;
  /** Opt-in deletion (or dry run) of the ENIs this collection found orphaned; live collections only. */
  cleanup?: CleanupOptions;
}

type AwsSource = Extract<SnapshotSource, { kind: 'aws' }>;

export interface AuditDeps {
  readSnapshot(path: string): Promise<Snapshot>;
  collect(
    source: Extract<SnapshotSource, { kind: 'aws' }>,
    now: Date,
    onProgress?: (progress: CollectProgress) => void,
  ): Promise<Snapshot>;
  rules: readonly Rule[];
  /** The EC2 client for the opt-in cleanup; a new one for the source when absent. */
  cleanupClient?: CleanupClient;
}

/**
 * A live collection with the clients `clientsFor` gives: new ones per run (CLI), or the handler's traced ones;
 * IAM's is the run's shared one for the account when the source has one.
 */
export function collectWith(clientsFor: (source: AwsSource) => Clients): AuditDeps['collect'] {
  return (source, now, onProgress) => {
    const clients = clientsFor(source);
    return collectSnapshot(source.sharedIam ? { ...clients, iam: source.sharedIam(clients.iam) } : clients, {
      region: source.region,
      // The profile the clients use: explicit credentials (an assumed role) win over it.
      ...(source.profile !== undefined && source.credentials === undefined
        ? { profile: source.profile }
        : {}),
      now,
      lookbackDays: source.lookbackDays,
      deadline: source.deadline,
      endpoint: source.endpoint,
      authorization: source.authorization,
      ...(onProgress ? { onProgress } : {}),
    });
  };
}

export const defaultAuditDeps: AuditDeps = {
  readSnapshot: readSnapshotFile,
  collect: collectWith((source) =>
    createClients({ region: source.region, profile: source.profile, credentials: source.credentials }),
  ),
  rules: RULES,
};

export interface AuditResult {
  snapshot: Snapshot;
  report: Report;
  /** Patterns of `functions` that matched no function. */
  unmatchedFunctions: string[];
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
  const baseline = options.baseline ? await options.baseline(snapshot.meta) : undefined;
  const analysis = analyze(snapshot, deps.rules, options.settings, options.now, firstSeenFrom(baseline));
  // After the (whole, unfiltered) analysis, so only what it found orphaned can be deleted.
  const cleanup = options.cleanup
    ? await cleanUpOrphanedEnis(options.source, snapshot, analysis, options.cleanup, deps.cleanupClient)
    : undefined;
  const selection = options.functions ? selectFunctions(snapshot, options.functions) : undefined;
  const built = buildReport({
    snapshot,
    analysis: selection ? limitToFunctions(analysis, selection.names) : analysis,
    rules: deps.rules,
    settings: options.settings,
    runId: options.runId,
    generatedAt: options.now,
    ...(cleanup ? { cleanup } : {}),
  });
  const scoped = options.functions ? { ...built, functionFilter: [...options.functions] } : built;
  const report = baseline ? applyBaseline(scoped, baseline) : scoped;
  return { snapshot, report, unmatchedFunctions: selection?.unmatched ?? [] };
}
