import type { DemandParameters, QuotaInUse } from '../model/demand.js';
import type { AnalysisSettings } from '../model/settings.js';
import type { Snapshot } from '../model/snapshot.js';
import type { SnapshotIndex } from './snapshot-index.js';

/**
 * What the demand model is computed from, and with: the settings, the metrics window, the account's
 * concurrency limits, and the ENI quotas (as Service Quotas reads them, or their documented defaults).
 */

export type DemandInput = { snapshot: Snapshot; index: SnapshotIndex; settings: AnalysisSettings };

/** Documented defaults, used when Service Quotas could not be read (quotas can be raised, never lowered below). */
export const DEFAULT_QUOTAS = {
  /** Lambda "Elastic network interfaces per VPC". */
  lambdaEnisPerVpc: { code: 'L-9FEE3D26', value: 500 },
  /** VPC "Network interfaces per Region". */
  networkInterfacesPerRegion: { code: 'L-DF5E4CA3', value: 5000 },
} as const;

function quotaInUse(read: number | null | undefined, fallback: { code: string; value: number }): QuotaInUse {
  return read === null || read === undefined
    ? { code: fallback.code, value: fallback.value, source: 'default' }
    : { code: fallback.code, value: read, source: 'service-quotas' };
}

export function parametersOf({ snapshot, settings }: DemandInput): DemandParameters {
  const metrics = snapshot.metrics;
  return {
    headroom: settings.headroom,
    legacyDivisorGb: settings.legacyDivisorGb,
    subnetUtilisationThreshold: settings.subnetUtilisationThreshold,
    quotaUtilisationThreshold: settings.quotaUtilisationThreshold,
    window:
      metrics === null
        ? null
        : {
            lookbackDays: metrics.lookbackDays,
            periodSeconds: metrics.periodSeconds,
            startTime: metrics.startTime,
            endTime: metrics.endTime,
          },
    accountConcurrencyLimit: snapshot.accountSettings?.ConcurrentExecutions ?? null,
    unreservedConcurrencyLimit: snapshot.accountSettings?.UnreservedConcurrentExecutions ?? null,
    lambdaEnisPerVpc: quotaInUse(snapshot.quotas?.lambdaEnisPerVpc, DEFAULT_QUOTAS.lambdaEnisPerVpc),
    networkInterfacesPerRegion: quotaInUse(
      snapshot.quotas?.networkInterfacesPerRegion,
      DEFAULT_QUOTAS.networkInterfacesPerRegion,
    ),
  };
}
