import type { Rule } from '../../analyze/rule.js';
import type { RuleMetadata } from '../../model/finding.js';
import { hang, wrap } from './text/layout.js';

function metadataOf(rule: Rule): RuleMetadata {
  const { evaluate: _evaluate, ...metadata } = rule;
  return metadata;
}

/** Every severity a rule's results can carry, and how it grades: "high / medium / low (by shortfall)". */
export function describeSeverities(rule: Pick<RuleMetadata, 'severities' | 'grading'>): string {
  const severities = rule.severities.join(' / ');
  return rule.grading === undefined ? severities : `${severities} (${rule.grading})`;
}

const DEFAULT_WIDTH = 100;
const LABEL = '  Severity: ';

/** `  Label: text`, wrapped to `width` under itself. */
function field(label: string, text: string, width: number): string[] {
  const head = `  ${label}: `;
  return hang(wrap(text, Math.max(20, width - head.length)), head);
}

/**
 * The rule catalogue for `lambda-vpc-audit rules`: every rule's metadata, as text wrapped to the terminal
 * (every severity a rule can report, its risk, fix, inputs and documentation) or as JSON. Pure.
 */
export function renderRuleCatalogue(
  rules: readonly Rule[],
  format: 'text' | 'json',
  width: number = DEFAULT_WIDTH,
): string {
  if (format === 'json') return `${JSON.stringify(rules.map(metadataOf), null, 2)}\n`;
  const size = Math.max(60, Math.min(160, width));
  const blocks = rules.map((rule) =>
    [
      rule.id,
      ...wrap(rule.title, size - 2).map((line) => `  ${line}`),
      ...hang(wrap(`${describeSeverities(rule)}; on each ${rule.resourceType}`, size - LABEL.length), LABEL),
      ...field('Finds', rule.finds.replace(/`/g, ''), size),
      ...field('Risk', rule.risk, size),
      ...field('Fix', rule.remediation, size),
      ...field('Needs', rule.requires.join(', '), size),
      ...rule.docs.map((doc) => `  Docs: ${doc}`),
    ].join('\n'),
  );
  return `${rules.length} rules\n\n${blocks.join('\n\n')}\n`;
}
