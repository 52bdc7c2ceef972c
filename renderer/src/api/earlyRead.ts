import { rawTransport } from './rawTransport';

/**
 * The first read of the plan, asked for by a script of its own that index.html runs before the page's other
 * scripts: the answer is on its way while they are parsed and run (a quarter of a second in a new window,
 * most of it building the schemas the answer is checked with). Unchecked here: `transport.ts` gives it to the
 * API client, which checks it like any other answer.
 */
export const earlyWorkingState: Promise<unknown> = rawTransport('getWorkingState', {});
// Marked as handled: a failure reaches whoever awaits it, not the console as an unhandled rejection.
earlyWorkingState.catch(() => undefined);
