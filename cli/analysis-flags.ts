import { type Command, Option } from 'commander';
import * as z from 'zod/mini';
import { ConfigError } from '../lib/errors.js';
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

/** The settings, the ones not given at their defaults; a wrong value is reported by its flag (`Invalid --min-azs`). */
export function analysisFromFlags(flags: Readonly<Record<string, unknown>>): AnalysisSettings {
  const input: Record<string, unknown> = {};
  for (const [key, flag] of FLAGS) {
    const option = new Option(flag);
    const value = flags[option.attributeName()];
    if (value === undefined) continue;
    const parsed = z.safeParse(AnalysisSettingsInputSchema, { [key]: value });
    if (!parsed.success) {
      // The message names the flag the person typed, not the setting's internal key.
      throw new ConfigError(
        `Invalid ${option.long ?? flag}: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
      );
    }
    input[key] = parsed.data[key];
  }
  return analysisSettings(parseOrThrow(AnalysisSettingsInputSchema, input, 'settings'));
}
