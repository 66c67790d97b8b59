import type { Rule } from '../lib/analyze/rule.js';
import type { RuleSection } from '../lib/model/finding.js';
import { describeSeverities } from '../lib/report/render/rules.js';

/** A pipe would end a Markdown table cell. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** The README's table of one section's rules, in registry order, from each rule's metadata. */
export function ruleTable(rules: readonly Rule[], section: RuleSection): string {
  const rows = rules
    .filter((rule) => rule.section === section)
    .map((rule) => `| \`${rule.id}\` | ${cell(describeSeverities(rule))} | ${cell(rule.finds)} |`);
  return ['| rule | severity | finds |', '| --- | --- | --- |', ...rows].join('\n');
}
