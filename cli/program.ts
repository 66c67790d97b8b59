import { Command, CommanderError, Option } from 'commander';
import { type AuditDeps, defaultAuditDeps } from '../lib/audit.js';
import { AuditorError, errorMessage } from '../lib/errors.js';
import { readOnlyPolicy } from '../lib/permissions.js';
import { renderRuleCatalogue } from '../lib/report/render/rules.js';
import { TOOL } from '../lib/version.js';
import { registerAuditCommand } from './audit-command.js';
import { registerCanDeleteCommand } from './can-delete-command.js';
import { registerEniCommand } from './eni-command.js';
import { EXIT } from './exit-codes.js';
import type { CliIo, CommandContext } from './io.js';
import { registerPlanCommand } from './plan-command.js';
import { defaultPublishClients, type PublishClientFactory } from './publish-flags.js';
import { registerSnapshotCommand } from './snapshot-command.js';

/** The `lambda-vpc-audit` command line: its commands, and every error as one clear line and an exit code. */

function buildProgram(context: CommandContext): Command {
  const { io, deps } = context;
  const program = new Command()
    .name('lambda-vpc-audit')
    .description('Audit VPC-enabled AWS Lambda functions: ENI demand, orphaned ENIs, misrouted subnets.')
    .version(TOOL.version)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');

  registerAuditCommand(program, context);
  registerSnapshotCommand(program, context);
  registerEniCommand(program, context);
  registerCanDeleteCommand(program, context);
  registerPlanCommand(program, context);

  program
    .command('rules')
    .description('list the rules the auditor runs')
    .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .action((flags: { format: 'text' | 'json' }) => {
      io.stdout(renderRuleCatalogue(deps.rules, flags.format));
    });

  program
    .command('permissions')
    .description('print the IAM policy the audit needs (read-only)')
    .action(() => {
      io.stdout(`${JSON.stringify(readOnlyPolicy(), null, 2)}\n`);
    });

  return program;
}

/** Runs the CLI; returns the exit code. Every error becomes one clear line on stderr, never a stack trace. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  deps: AuditDeps = defaultAuditDeps,
  publishClients: PublishClientFactory = defaultPublishClients,
): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram({
    io,
    deps,
    publishClients,
    setExit: (code) => {
      exitCode = code;
    },
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander has already printed its own message for usage errors.
      return error.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    const prefix = error instanceof AuditorError ? '' : 'unexpected error: ';
    io.stderr(`lambda-vpc-audit: ${prefix}${errorMessage(error)}\n`);
    return EXIT.error;
  }
}
