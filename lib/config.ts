import * as z from 'zod/mini';
import { HeadroomSchema, LegacyDivisorSchema, UtilisationThresholdSchema } from './config-demand.js';
import { SEVERITIES, type Severity } from './model/finding.js';
import { type AnalysisSettings, DEFAULT_ANALYSIS_SETTINGS } from './model/settings.js';
import { REPORT_FORMATS, type ReportFormat } from './report/render/render.js';

/** `eu-west-1`, `us-gov-west-1`, `cn-north-1`, `ap-southeast-5`: a format check; AWS itself says whether it exists. */
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export const RegionSchema = z.string().check(
  z.regex(REGION_PATTERN, {
    error: (issue) => `"${String(issue.input)}" is not an AWS region name (like eu-west-1)`,
  }),
);

const positiveInt = (what: string) =>
  z.pipe(
    z.union([z.number(), z.string()]),
    z.transform((value, ctx) => {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isInteger(n) || n < 1) {
        ctx.issues.push({
          code: 'custom',
          input: value,
          message: `${what} must be a whole number ≥ 1, got "${value}"`,
        });
        return z.NEVER;
      }
      return n;
    }),
  );

/** A day: far beyond any one audit, so a larger number is more likely seconds typed as minutes. */
export const MAX_TIME_LIMIT_MINUTES = 1440;

/** `--time-limit`: minutes of collection, a fraction allowed (`0.5`), more than 0 and at most a day. */
export const TimeLimitMinutesSchema = z.pipe(
  z.union([z.number(), z.string()]),
  z.transform((value, ctx) => {
    const text = typeof value === 'string' ? value.trim() : undefined;
    const n = text === undefined ? Number(value) : text === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(n) || n <= 0 || n > MAX_TIME_LIMIT_MINUTES) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `the time limit must be a number of minutes > 0 and ≤ ${MAX_TIME_LIMIT_MINUTES} (such as 0.5 or 30), got "${value}"`,
      });
      return z.NEVER;
    }
    return n;
  }),
);

/** Lambda tag keys are 1 to 128 characters. */
const TagKeySchema = z
  .string()
  .check(
    z.minLength(1, { error: 'the internet tag key must not be empty' }),
    z.maxLength(128, { error: 'the internet tag key must be at most 128 characters' }),
  );

export const AnalysisSettingsInputSchema = z.object({
  minAvailabilityZones: z.optional(positiveInt('minimum Availability Zones')),
  internetTagKey: z.optional(TagKeySchema),
  headroom: z.optional(HeadroomSchema),
  legacyDivisorGb: z.optional(LegacyDivisorSchema),
  subnetUtilisationThreshold: z.optional(UtilisationThresholdSchema('the subnet utilisation threshold')),
  quotaUtilisationThreshold: z.optional(UtilisationThresholdSchema('the quota utilisation threshold')),
});

export const SeveritySchema = z.enum(SEVERITIES, {
  error: (issue) => `"${String(issue.input)}" is not a severity (one of ${SEVERITIES.join(', ')})`,
});

export const FormatSchema = z.enum(REPORT_FORMATS, {
  error: (issue) => `"${String(issue.input)}" is not a report format (one of ${REPORT_FORMATS.join(', ')})`,
});

export function analysisSettings(input: z.infer<typeof AnalysisSettingsInputSchema>): AnalysisSettings {
  return {
    minAvailabilityZones: input.minAvailabilityZones ?? DEFAULT_ANALYSIS_SETTINGS.minAvailabilityZones,
    internetTagKey: input.internetTagKey ?? DEFAULT_ANALYSIS_SETTINGS.internetTagKey,
    headroom: input.headroom ?? DEFAULT_ANALYSIS_SETTINGS.headroom,
    legacyDivisorGb: input.legacyDivisorGb ?? DEFAULT_ANALYSIS_SETTINGS.legacyDivisorGb,
    subnetUtilisationThreshold:
      input.subnetUtilisationThreshold ?? DEFAULT_ANALYSIS_SETTINGS.subnetUtilisationThreshold,
    quotaUtilisationThreshold:
      input.quotaUtilisationThreshold ?? DEFAULT_ANALYSIS_SETTINGS.quotaUtilisationThreshold,
  };
}

export type { ReportFormat, Severity };
