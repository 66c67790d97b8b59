import { readFileSync, writeFileSync } from 'node:fs';
import { RULES } from '../lib/analyze/registry.js';
import { RULE_SECTIONS } from '../lib/model/finding.js';
import { README_POLICY_BLOCKS } from './readme-policies.js';
import { ruleTable } from './readme-rules.js';

/**
 * The README's generated blocks, each between `<!-- name:start -->` and `<!-- name:end -->` lines: the policies
 * and one rule table per section. `npx tsx scripts/readme.ts` rewrites them all; test/docs keeps them equal.
 */
export const README_BLOCKS: Readonly<Record<string, () => string>> = {
  ...Object.fromEntries(
    Object.entries(README_POLICY_BLOCKS).map(([name, policy]) => [
      name,
      () => `\`\`\`json\n${JSON.stringify(policy(), null, 2)}\n\`\`\``,
    ]),
  ),
  ...Object.fromEntries(
    RULE_SECTIONS.map((section) => [`rules-${section}`, () => ruleTable(RULES, section)]),
  ),
};

export const README_COMMAND = 'npx tsx scripts/readme.ts';

function blockPattern(name: string): RegExp {
  return new RegExp(`(<!-- ${name}:start -->\\n)([\\s\\S]*?)(\\n<!-- ${name}:end -->)`);
}

/** The text between a block's markers; undefined when the README has no such block. */
export function generatedBlock(readme: string, name: string): string | undefined {
  return blockPattern(name).exec(readme)?.[2];
}

/** The README with every generated block rewritten from the code. */
export function regenerateReadme(readme: string): string {
  let text = readme;
  for (const [name, render] of Object.entries(README_BLOCKS)) {
    const pattern = blockPattern(name);
    if (!pattern.test(text)) throw new Error(`README.md has no ${name} block`);
    text = text.replace(
      pattern,
      (_all, start: string, _old: string, end: string) => `${start}${render()}${end}`,
    );
  }
  return text;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync('README.md', regenerateReadme(readFileSync('README.md', 'utf8')));
  process.stdout.write('README.md generated blocks rewritten\n');
}
