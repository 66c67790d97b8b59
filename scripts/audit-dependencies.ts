/**
 * `npm audit --omit=dev` with a verdict CI can rely on: it fails on any high or critical advisory against a
 * runtime dependency (the ones the Lambda bundle carries), naming each. When the advisory endpoint cannot be
 * reached (offline, or a proxy that refuses its POST), it fails under CI (`CI` set: an unchecked build must not
 * pass) and only warns elsewhere, so `.ci/run` still works on a machine without the registry.
 *
 *   npx tsx scripts/audit-dependencies.ts
 */
import { execFile } from 'node:child_process';

interface AuditJson {
  message?: string;
  metadata?: { vulnerabilities?: Record<string, number> };
  vulnerabilities?: Record<string, { severity: string; via: (string | { title?: string; url?: string })[] }>;
}

const BLOCKING = new Set(['high', 'critical']);

// npm exits 1 both for advisories and for errors: the JSON says which.
const stdout = await new Promise<string>((resolve) => {
  execFile('npm', ['audit', '--omit=dev', '--json'], { maxBuffer: 64 * 1024 * 1024 }, (_error, out) =>
    resolve(out),
  );
});

let audit: AuditJson;
try {
  audit = JSON.parse(stdout) as AuditJson;
} catch {
  audit = { message: `npm audit printed no JSON: ${stdout.slice(0, 200)}` };
}

const counts = audit.metadata?.vulnerabilities;
if (counts === undefined) {
  const why = audit.message ?? 'no result';
  if (process.env.CI) {
    console.error(`npm audit could not run: ${why}`);
    process.exitCode = 1;
  } else {
    console.warn(`warning: npm audit could not run here (${why}); CI runs it against the registry.`);
  }
} else {
  const blocking = Object.entries(audit.vulnerabilities ?? {}).filter(([, v]) => BLOCKING.has(v.severity));
  for (const [name, vulnerability] of blocking) {
    const titles = vulnerability.via.map((via) =>
      typeof via === 'string' ? via : (via.title ?? via.url ?? ''),
    );
    console.error(`${vulnerability.severity}: ${name}: ${titles.join('; ')}`);
  }
  const summary = Object.entries(counts)
    .filter(([severity, n]) => severity !== 'total' && n > 0)
    .map(([severity, n]) => `${n} ${severity}`)
    .join(', ');
  console.log(`npm audit --omit=dev: ${summary === '' ? 'no advisories' : summary}.`);
  if (blocking.length > 0) process.exitCode = 1;
}
