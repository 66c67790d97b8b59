/**
 * The "day a subnet runs out" forecast's knobs (lib/settings/forecast.ts validates them; the CLI, the Lambda
 * environment and the CDK context set them like every other analysis setting).
 */
export interface ForecastSettings {
  /** A subnet that runs out within this many days of the capture fails `subnet-eni-runs-out`. */
  forecastHorizonDays: number;
  /**
   * A function's trend needs daily peaks on at least this many days (the capture day, still partial, is not
   * counted): with fewer, no forecast is made for it.
   */
  forecastMinDays: number;
}

export const DEFAULT_FORECAST_SETTINGS: ForecastSettings = {
  forecastHorizonDays: 90,
  forecastMinDays: 7,
};
