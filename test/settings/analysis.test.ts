import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../lib/errors.js';
import { parseOrThrow } from '../../lib/model/validation.js';
import { AnalysisSettingsInputSchema, analysisSettings } from '../../lib/settings/analysis.js';

const parse = (input: unknown) =>
  analysisSettings(parseOrThrow(AnalysisSettingsInputSchema, input, 'settings'));

describe('ENI demand settings', () => {
  it('accepts fractions and percentages, as numbers or strings (an invoke payload or the environment)', () => {
    expect(
      parse({
        headroom: '35%',
        legacyDivisorGb: '3',
        subnetUtilisationThreshold: 0.9,
        quotaUtilisationThreshold: '75%',
      }),
    ).toMatchObject({
      headroom: 0.35,
      legacyDivisorGb: 3,
      subnetUtilisationThreshold: 0.9,
      quotaUtilisationThreshold: 0.75,
    });
  });

  it('refuses a threshold of 0 or above 100%, naming the setting', () => {
    expect(() => parse({ subnetUtilisationThreshold: 0 })).toThrow(ConfigError);
    expect(() => parse({ quotaUtilisationThreshold: '150%' })).toThrow(
      /quotaUtilisationThreshold: the quota utilisation threshold must be a number > 0 and ≤ 1/,
    );
    expect(() => parse({ headroom: 'lots' })).toThrow(/headroom: headroom must be a number ≥ 0/);
  });
});
