import type { Rule } from '../../analyze/rule.js';
import type { RuleMetadata } from '../../model/finding.js';

function metadataOf(rule: Rule): RuleMetadata {
  const { evaluate: _evaluate, ...metadata } = rule;
  return metadata;
}

/** Every severity a rule's results can carry, and how it grades: "high / medium / low (by shortfall)". */
export function describeSeverities(rule: Pick<RuleMetadata, 'severities' | 'grading'>): string {
  const severities = rule.severities.join(' / ');
  return rule.grading === undefined ? severities : `${severities} (${rule.grading})`;
}

/** The rule catalogue for `lambda-vpc-audit rules`: every rule's metadata, as text or JSON. Pure. */
export function renderRuleCatalogue(rules: readonly Rule[], format: 'text' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(rules.map(metadataOf), null, 2)}\n`;
  const blocks = rules.map((rule) =>
    [
      `${rule.id}  [${describeSeverities(rule)}, ${rule.resourceType}]`,
      `  ${rule.title}`,
      `  Risk: ${rule.risk}`,
      `  Fix: ${rule.remediation}`,
      `  Needs: ${rule.requires.join(', ')}`,
      ...rule.docs.map((doc) => `  Docs: ${doc}`),
    ].join('\n'),
  );
  return `${rules.length} rules\n\n${blocks.join('\n\n')}\n`;
}
