import * as z from 'zod/mini';
import { type AnalysisSettings, DEFAULT_ANALYSIS_SETTINGS } from '../model/settings.js';
import {
  type DescribedForecastSetting,
  ForecastSettingsInputShape,
  forecastSettingHelp,
} from './forecast.js';
import { numberIn, withDefault } from './values.js';

/**
 * The analysis settings (lib/model/settings.ts holds their type and defaults): how each is validated and
 * described. The CLI flags, the Lambda environment, and the CDK context all parse them here.
 */

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

/** Lambda tag keys are 1 to 128 characters. */
const TagKeySchema = z
  .string()
  .check(
    z.minLength(1, { error: 'the internet tag key must not be empty' }),
    z.maxLength(128, { error: 'the internet tag key must be at most 128 characters' }),
  );

/** Added to the observed peak; 10 (1000%) is far beyond any sensible margin, so a larger value is a typo for a percentage. */
const HeadroomSchema = numberIn('headroom', { min: 0, max: 10 }, { percent: true });

/** GB per ENI; Lambda's largest memory is 10,240 MB, so a divisor above 10 GB would size everything at one ENI. */
const LegacyDivisorSchema = numberIn('the legacy divisor (GB)', { min: 0, max: 10, minExclusive: true });

const utilisationThreshold = (what: string) =>
  numberIn(what, { min: 0, max: 1, minExclusive: true }, { percent: true });

/** Every setting optional: the ones not given take their defaults (`analysisSettings`). */
export const AnalysisSettingsInputSchema = z.object({
  minAvailabilityZones: z.optional(positiveInt('minimum Availability Zones')),
  internetTagKey: z.optional(TagKeySchema),
  headroom: z.optional(HeadroomSchema),
  legacyDivisorGb: z.optional(LegacyDivisorSchema),
  subnetUtilisationThreshold: z.optional(utilisationThreshold('the subnet utilisation threshold')),
  quotaUtilisationThreshold: z.optional(utilisationThreshold('the quota utilisation threshold')),
  ...ForecastSettingsInputShape,
});

export type AnalysisSettingsInput = z.infer<typeof AnalysisSettingsInputSchema>;

/** The settings' names, as the CDK context keys and the invoke payload spell them. */
export const ANALYSIS_SETTING_KEYS = Object.keys(DEFAULT_ANALYSIS_SETTINGS) as (keyof AnalysisSettings)[];

/** What the settings a person sets by hand mean, for the CLI's help (the default is appended) and the README. */
const ANALYSIS_SETTING_HELP = {
  minAvailabilityZones: 'minimum Availability Zones per VPC function',
  internetTagKey: 'tag key marking a function that needs the internet, value "internet"',
  headroom: 'added to observed peak concurrency, e.g. 0.2 or 20%',
  legacyDivisorGb: 'GB of memory per ENI in the legacy sizing formula',
} as const satisfies Partial<Record<keyof AnalysisSettings, string>>;

export type DescribedAnalysisSetting = keyof typeof ANALYSIS_SETTING_HELP | DescribedForecastSetting;

export function analysisSettingHelp(key: DescribedAnalysisSetting): string {
  if (key === 'forecastHorizonDays' || key === 'forecastMinDays') return forecastSettingHelp(key);
  return withDefault(ANALYSIS_SETTING_HELP[key], DEFAULT_ANALYSIS_SETTINGS[key]);
}

export function analysisSettings(input: AnalysisSettingsInput): AnalysisSettings {
  return {
    minAvailabilityZones: input.minAvailabilityZones ?? DEFAULT_ANALYSIS_SETTINGS.minAvailabilityZones,
    internetTagKey: input.internetTagKey ?? DEFAULT_ANALYSIS_SETTINGS.internetTagKey,
    headroom: input.headroom ?? DEFAULT_ANALYSIS_SETTINGS.headroom,
    legacyDivisorGb: input.legacyDivisorGb ?? DEFAULT_ANALYSIS_SETTINGS.legacyDivisorGb,
    subnetUtilisationThreshold:
      input.subnetUtilisationThreshold ?? DEFAULT_ANALYSIS_SETTINGS.subnetUtilisationThreshold,
    quotaUtilisationThreshold:
      input.quotaUtilisationThreshold ?? DEFAULT_ANALYSIS_SETTINGS.quotaUtilisationThreshold,
    forecastHorizonDays: input.forecastHorizonDays ?? DEFAULT_ANALYSIS_SETTINGS.forecastHorizonDays,
    forecastMinDays: input.forecastMinDays ?? DEFAULT_ANALYSIS_SETTINGS.forecastMinDays,
  };
}
