import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConfigError, errorMessage, PublishError } from '../errors.js';

/**
 * Writes through a temporary file and a rename, so a failed write never leaves half a report behind, nor the
 * temporary file. Directories are created only when asked (`--output-dir`'s per-account folders): a mistyped
 * `--output` path is an error, not a new directory tree.
 */
export async function writeTextFile(
  path: string,
  content: string,
  options: { createDirectories?: boolean } = {},
): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    if (options.createDirectories === true) await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, content, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new PublishError(`Cannot write ${path}: ${errorMessage(error)}.`, { cause: error });
  }
}

/**
 * Checked before a run that may take minutes: `path` names a file whose directory exists. Throws a ConfigError
 * naming `flag` otherwise.
 */
export async function checkOutputFile(path: string, flag: string): Promise<void> {
  const target = await stat(path).catch(() => undefined);
  if (target?.isDirectory()) {
    throw new ConfigError(
      `${flag} ${path} is a directory: name a file in it, e.g. ${join(path, 'report.html')}.`,
    );
  }
  const directory = dirname(path);
  const parent = await stat(directory).catch(() => undefined);
  if (parent === undefined) {
    throw new ConfigError(`${flag} ${path}: the directory ${directory} does not exist; create it first.`);
  }
  if (!parent.isDirectory()) throw new ConfigError(`${flag} ${path}: ${directory} is not a directory.`);
}
