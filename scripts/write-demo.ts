/** Writes examples/demo-account.json from examples/demo-account.ts: `npx tsx scripts/write-demo.ts`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDemoAccount } from '../examples/demo-account.js';

const path = fileURLToPath(new URL('../examples/demo-account.json', import.meta.url));
// 2-space JSON with a trailing newline; test/examples/demo-account.test.ts checks the file byte for byte.
writeFileSync(path, `${JSON.stringify(buildDemoAccount(), null, 2)}\n`);
console.log(`wrote ${path}`);
