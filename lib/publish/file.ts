import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { errorMessage, PublishError } from '../errors.js';

/** Writes through a temporary file and a rename, so a failed write never leaves half a report behind. */
export async function writeTextFile(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temporary, content, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    throw new PublishError(`Cannot write ${path}: ${errorMessage(error)}.`, { cause: error });
  }
}
