/** The one base error of the auditor: every error a user sees names what was wrong. `cause` is kept. */
export class AuditorError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A setting, flag or payload that is not valid. */
export class ConfigError extends AuditorError {}

/** A snapshot file that cannot be read, parsed or is not a snapshot of a version we know. */
export class SnapshotError extends AuditorError {}

/** AWS could not be reached at all (no credentials, unknown region): the collection cannot start. */
export class CollectionError extends AuditorError {}

/** Writing a report, object or message failed. */
export class PublishError extends AuditorError {}

/** The message of anything thrown, for logs and reports. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
