/** The knobs of the analysis. They come from the CLI, the environment or the invoke payload (lib/config.ts). */
export interface AnalysisSettings {
  /** A VPC function whose subnets span fewer AZs than this fails the multi-AZ rule. */
  minAvailabilityZones: number;
}

export const DEFAULT_ANALYSIS_SETTINGS: AnalysisSettings = {
  minAvailabilityZones: 2,
};
