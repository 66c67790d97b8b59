import { describe, expect, it } from 'vitest';
import { RULES } from '../../../lib/analyze/registry.js';
import { subnetEniCapacity } from '../../../lib/analyze/rules/subnet-eni-capacity.js';
import { describeSeverities, renderRuleCatalogue } from '../../../lib/report/render/rules.js';

describe('the rule catalogue (lambda-vpc-audit rules)', () => {
  it('describes every severity a rule can give, and how it grades', () => {
    expect(describeSeverities(subnetEniCapacity)).toBe('high / medium / low (by shortfall)');
    expect(describeSeverities({ severities: ['medium'] })).toBe('medium');
  });

  it('shows each rule with all its severities in the text catalogue', () => {
    const text = renderRuleCatalogue(RULES, 'text');
    expect(text.startsWith(`${RULES.length} rules\n\n`)).toBe(true);
    const flat = text.replace(/\s+/g, ' ');
    for (const rule of RULES)
      expect(flat).toContain(`${rule.id} ${rule.title} Severity: ${describeSeverities(rule)}; on each`);
    expect(flat).toContain('Severity: high / medium / low (by shortfall); on each subnet');
  });

  it('wraps the text catalogue to the terminal, links whole', () => {
    for (const width of [60, 100]) {
      const lines = renderRuleCatalogue(RULES, 'text', width).split('\n');
      const long = lines.filter((line) => [...line].length > width && !line.startsWith('  Docs: https://'));
      expect(long, `width ${width}`).toEqual([]);
    }
  });

  it("lists every rule's metadata, without its logic, as JSON", () => {
    const catalogue = JSON.parse(renderRuleCatalogue(RULES, 'json')) as Record<string, unknown>[];
    expect(catalogue.map((entry) => entry.id)).toEqual(RULES.map((rule) => rule.id));
    expect(catalogue.find((entry) => entry.id === subnetEniCapacity.id)).toEqual({
      id: 'subnet-eni-capacity',
      title: subnetEniCapacity.title,
      severity: 'medium',
      severities: ['high', 'medium', 'low'],
      grading: 'by shortfall',
      section: 'demand',
      finds: subnetEniCapacity.finds,
      resourceType: 'subnet',
      requires: ['functions', 'subnets', 'metrics'],
      risk: subnetEniCapacity.risk,
      remediation: subnetEniCapacity.remediation,
      docs: subnetEniCapacity.docs,
    });
  });
});
