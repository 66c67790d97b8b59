/**
 * `npm run bench`: the collectors against a simulated AWS for a synthetic account, then analysis, rendering,
 * the handler bundle's size and cold import. Prints a short table and writes bench/results/latest.json.
 *
 *   npm run bench                  the default account (10,000 functions, 2,000 in VPCs, 20,000 ENIs, ...)
 *   npm run bench -- --quick       a small account, for a sanity run in a few seconds (or BENCH_QUICK=1)
 *   npm run bench -- --functions 20000 --vpc-functions 5000 --latency 100 --no-bundle
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SIZE, generateAccount, QUICK_SIZE } from './account.js';
import type { AccountSize } from './account-types.js';
import { analyzeAndRender } from './analysis.js';
import { rateLimitBound } from './bound.js';
import { buildBundles, measureBundle } from './bundle.js';
import { BENCH_NOW, collectSimulated, completenessIssues } from './collection.js';
import { minimumCalls } from './minimum.js';
import { resultsOf, tableOf } from './results.js';

const SIZE_OPTIONS = {
  functions: 'functions',
  'vpc-functions': 'vpcFunctions',
  'published-versions': 'publishedVersions',
  enis: 'networkInterfaces',
  subnets: 'subnets',
  'route-tables': 'routeTables',
  vpcs: 'vpcs',
  'security-groups': 'securityGroups',
  roles: 'roles',
  'execution-roles': 'executionRoles',
  'vpc-endpoints': 'vpcEndpoints',
} as const satisfies Record<string, keyof AccountSize>;

/** The size flags, four to a line. */
function sizeFlags(): string {
  const flags = Object.keys(SIZE_OPTIONS).map((name) => `--${name} <n>`);
  const lines: string[] = [];
  for (let i = 0; i < flags.length; i += 4) lines.push(`  ${flags.slice(i, i + 4).join(', ')}`);
  return lines.join('\n');
}

const USAGE = `Usage: npm run bench -- [options]

Runs the collectors against a simulated AWS, then analysis, rendering and the handler bundle; prints a table
and writes the results as JSON.

  --quick                 a small account, in a few seconds (or BENCH_QUICK=1)
  --latency <ms>          simulated latency per call (default 60)
  --imports <n>           cold imports of the bundle to time (default 9)
  --no-bundle             skip building and timing the handler bundle
  --out <file>            where to write the results (default bench/results/latest.json)
${sizeFlags()}
                          the synthetic account's size
  -h, --help              this help
`;

function parseFlags() {
  try {
    return parseArgs({
      options: {
        help: { type: 'boolean', short: 'h', default: false },
        quick: { type: 'boolean', default: process.env.BENCH_QUICK === '1' },
        latency: { type: 'string', default: '60' },
        imports: { type: 'string', default: '9' },
        'no-bundle': { type: 'boolean', default: false },
        out: { type: 'string', default: 'bench/results/latest.json' },
        ...Object.fromEntries(Object.keys(SIZE_OPTIONS).map((name) => [name, { type: 'string' as const }])),
      },
    });
  } catch (error) {
    // An unknown or malformed option: one line and the usage, not a stack trace.
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
}

const { values } = parseFlags();
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

function wholeNumber(name: string, value: unknown): number {
  const number = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(number) || number < 0)
    throw new RangeError(`--${name} must be a whole number, got ${String(value)}.`);
  return number;
}

const size: AccountSize = { ...(values.quick ? QUICK_SIZE : DEFAULT_SIZE) };
for (const [option, key] of Object.entries(SIZE_OPTIONS)) {
  const value: unknown = Reflect.get(values, option);
  if (value !== undefined) size[key] = wholeNumber(option, value);
}
const latencyMs = wholeNumber('latency', values.latency);

// The simulated AWS answers in process; these keep the SDK from looking for real credentials or metadata.
process.env.AWS_ACCESS_KEY_ID = 'AKIABENCHBENCHBENCH0';
process.env.AWS_SECRET_ACCESS_KEY = 'bench';
process.env.AWS_EC2_METADATA_DISABLED = 'true';
delete process.env.AWS_PROFILE;
delete process.env.AWS_SESSION_TOKEN;

const account = generateAccount(size);
const afterAccountRssBytes = process.memoryUsage().rss;
const collection = await collectSimulated(account, { latencyMs });
const analysis = await analyzeAndRender(collection.snapshot, BENCH_NOW);
// Before the bundle step: the build and the imports run in child processes, which maxRSS does not count.
const peakRssBytes = process.resourceUsage().maxRSS * 1024;

let bundle = null;
if (!values['no-bundle']) {
  buildBundles();
  bundle = measureBundle(wholeNumber('imports', values.imports));
}

const results = resultsOf(
  {
    size,
    latencyMs,
    collection,
    minimum: minimumCalls(account),
    bound: rateLimitBound(account, latencyMs / 1000),
    analysis,
    memory: { peakRssBytes, afterAccountRssBytes },
    bundle,
    issues: completenessIssues(account, collection.snapshot),
  },
  new Date(),
);
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${tableOf(results)}\n\nFigures written to ${values.out}\n`);
