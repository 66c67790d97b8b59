import { DEFAULT_FORECAST_SETTINGS, type ForecastSettings } from './forecast-settings.js';

/** The knobs of the analysis: CLI flags, the Lambda environment or the CDK context set them (lib/settings/analysis.ts). */
export interface AnalysisSettings extends ForecastSettings {
  /** A VPC function whose subnets span fewer AZs than this fails the multi-AZ rule. */
  minAvailabilityZones: number;
  /** Fraction added to a function's observed peak concurrency before sizing ENIs (0.2 = 20%). */
  headroom: number;
  /** GB of memory per ENI in the legacy sizing formula (the Lambda VPC guide used 1.5; later editions 3). */
  legacyDivisorGb: number;
  /** A subnet whose projected legacy ENI demand uses more than this fraction of its capacity fails. */
  subnetUtilisationThreshold: number;
  /** A VPC or region whose projected ENIs use more than this fraction of the quota fails. */
  quotaUtilisationThreshold: number;
  /** Tag key that marks a function as needing the internet (value `internet`): an isolated one then fails high. */
  internetTagKey: string;
}

export const DEFAULT_ANALYSIS_SETTINGS: AnalysisSettings = {
  minAvailabilityZones: 2,
  headroom: 0.2,
  legacyDivisorGb: 1.5,
  subnetUtilisationThreshold: 0.8,
  quotaUtilisationThreshold: 0.8,
  internetTagKey: 'lambda-vpc-audit:egress',
  ...DEFAULT_FORECAST_SETTINGS,
};
