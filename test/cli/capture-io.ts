import type { CliIo } from '../../cli/io.js';

/** The clock of the CLI tests' runs (run ids, report times). */
export const CLI_TEST_NOW = new Date('2026-11-24T03:00:00.000Z');

/**
 * A CliIo that keeps what the CLI writes: not a terminal, an empty environment and a fixed clock unless
 * `overrides` say otherwise.
 */
export function captureIo(overrides: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    stdoutIsTty: false,
    stderrIsTty: false,
    env: {},
    now: () => CLI_TEST_NOW,
    ...overrides,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}
