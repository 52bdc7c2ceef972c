export type DomainErrorCode = 'not_found' | 'conflict' | 'invalid';

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
