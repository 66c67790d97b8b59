import type { Rule } from '../../analyze/rule.js';
import type { RuleMetadata } from '../../model/finding.js';

function metadataOf(rule: Rule): RuleMetadata {
  const { id, title, severity, resourceType, requires, risk, remediation, docs } = rule;
  return { id, title, severity, resourceType, requires, risk, remediation, docs };
}

/** The rule catalogue for `lambda-vpc-audit rules`: every rule's metadata, as text or JSON. Pure. */
export function renderRuleCatalogue(rules: readonly Rule[], format: 'text' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(rules.map(metadataOf), null, 2)}\n`;
  const blocks = rules.map((rule) =>
    [
      `${rule.id}  [${rule.severity}, ${rule.resourceType}]`,
      `  ${rule.title}`,
      `  Risk: ${rule.risk}`,
      `  Fix: ${rule.remediation}`,
      `  Needs: ${rule.requires.join(', ')}`,
      ...rule.docs.map((doc) => `  Docs: ${doc}`),
    ].join('\n'),
  );
  return `${rules.length} rules\n\n${blocks.join('\n\n')}\n`;
}
