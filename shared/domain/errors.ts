/** `disk_full` / `disk_error`: a save the disk refused; the file on disk was left as it was. */
export type DomainErrorCode = 'not_found' | 'conflict' | 'invalid' | 'disk_full' | 'disk_error';

/** A rule of the plan was broken by a request; the message is written for the person who made it. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
