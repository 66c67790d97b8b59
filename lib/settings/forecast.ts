import * as z from 'zod/mini';
import { DEFAULT_FORECAST_SETTINGS, type ForecastSettings } from '../model/forecast-settings.js';
import { numberIn, withDefault } from './values.js';

/**
 * The forecast settings (lib/model/forecast-settings.ts holds their type and defaults): how far ahead a subnet
 * running out is reported, and how many days of daily peaks a function's trend needs. Part of the analysis
 * settings, so the CLI flags, the Lambda environment and the CDK context all parse them here.
 */

/** Two years: far beyond what 455 days of CloudWatch history can say anything about. */
export const MAX_FORECAST_HORIZON_DAYS = 730;
/** CloudWatch keeps daily peaks (1-hour data) for 455 days; a slope needs two days at least. */
const MIN_DAYS_BOUNDS = { min: 2, max: 455 };

export const ForecastSettingsInputShape = {
  forecastHorizonDays: z.optional(
    numberIn('the forecast horizon (days)', { min: 1, max: MAX_FORECAST_HORIZON_DAYS }, { integer: true }),
  ),
  forecastMinDays: z.optional(
    numberIn('the minimum days of data for a forecast', MIN_DAYS_BOUNDS, { integer: true }),
  ),
};

const FORECAST_SETTING_HELP = {
  forecastHorizonDays: 'report a subnet that runs out of IPs within this many days',
  forecastMinDays: 'days of daily peaks a function needs before its trend is forecast',
} as const satisfies Record<keyof ForecastSettings, string>;

export type DescribedForecastSetting = keyof typeof FORECAST_SETTING_HELP;

export function forecastSettingHelp(key: DescribedForecastSetting): string {
  return withDefault(FORECAST_SETTING_HELP[key], DEFAULT_FORECAST_SETTINGS[key]);
}
