import type { AuditDeps } from '../lib/audit.js';
import type { PublishClientFactory } from './publish-flags.js';

/** What the CLI reads and writes: main.ts gives it the process's, tests a capturing one. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTty: boolean;
  stderrIsTty: boolean;
  /** The terminal's width, when stdout is one. */
  columns?: number;
  env: Record<string, string | undefined>;
  now: () => Date;
}

/** What every command is built with. */
export interface CommandContext {
  io: CliIo;
  deps: AuditDeps;
  publishClients: PublishClientFactory;
  /** The process's exit code when the command returns (cli/exit-codes.ts). */
  setExit: (code: number) => void;
}
