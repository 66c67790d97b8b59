import { type Command, Option } from 'commander';
import type { AnalysisSettings } from '../lib/model/settings.js';
import { parseOrThrow } from '../lib/model/validation.js';
import {
  AnalysisSettingsInputSchema,
  analysisSettingHelp,
  analysisSettings,
  type DescribedAnalysisSetting,
} from '../lib/settings/analysis.js';

/**
 * `--min-azs`, `--internet-tag`, `--headroom`, `--divisor`, `--forecast-horizon`, `--forecast-min-days`: the analysis settings a person sets on the command
 * line (the utilisation thresholds are the deployment's), validated by lib/settings/analysis.ts.
 */

const FLAGS: readonly (readonly [DescribedAnalysisSetting, string])[] = [
  ['minAvailabilityZones', '--min-azs <n>'],
  ['internetTagKey', '--internet-tag <key>'],
  ['headroom', '--headroom <fraction>'],
  ['legacyDivisorGb', '--divisor <gb>'],
  ['forecastHorizonDays', '--forecast-horizon <days>'],
  ['forecastMinDays', '--forecast-min-days <days>'],
];

export function addAnalysisOptions(command: Command): Command {
  for (const [key, flag] of FLAGS) command.addOption(new Option(flag, analysisSettingHelp(key)));
  return command;
}

/** The settings, the ones not given at their defaults. */
export function analysisFromFlags(flags: Readonly<Record<string, unknown>>): AnalysisSettings {
  const input: Record<string, unknown> = {};
  for (const [key, flag] of FLAGS) {
    const value = flags[new Option(flag).attributeName()];
    if (value !== undefined) input[key] = value;
  }
  return analysisSettings(parseOrThrow(AnalysisSettingsInputSchema, input, 'settings'));
}
