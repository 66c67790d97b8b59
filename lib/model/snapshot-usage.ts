import * as z from 'zod/mini';
import { str } from './snapshot-fields.js';

/** What the demand model weighs: concurrency peaks (CloudWatch) against the ENI quotas (Service Quotas). */

/** Daily maxima of one `AWS/Lambda` `ConcurrentExecutions` series. `peak` is null when there were no datapoints. */
export const ConcurrencySeriesSchema = z.object({
  peak: z.nullable(z.number()),
  daily: z.array(z.object({ date: str, max: z.number() })),
});

export const ConcurrencyMetricsSchema = z.object({
  lookbackDays: z.number(),
  periodSeconds: z.number(),
  startTime: str,
  endTime: str,
  /** The account-level series (no dimensions); null when its query failed. */
  account: z.nullable(ConcurrencySeriesSchema),
  /** Keyed by function name; a VPC function missing here had its query fail (see coverage). */
  functions: z.record(z.string(), ConcurrencySeriesSchema),
});

/** Service Quotas values; null when that quota could not be read (the analysis then uses the documented default). */
export const QuotasSchema = z.object({
  /** Lambda `L-9FEE3D26` "Elastic network interfaces per VPC". */
  lambdaEnisPerVpc: z.nullable(z.number()),
  /** VPC `L-DF5E4CA3` "Network interfaces per Region". */
  networkInterfacesPerRegion: z.nullable(z.number()),
});

export type ConcurrencySeries = z.infer<typeof ConcurrencySeriesSchema>;
export type ConcurrencyMetrics = z.infer<typeof ConcurrencyMetricsSchema>;
export type Quotas = z.infer<typeof QuotasSchema>;
