import { API_METHODS } from './methods';
import type { ApiMethod } from './methods';
import { apiContract, resultSchema } from './contract';
import type { Api, ApiResult } from './contract';
import { describeProblems, fieldProblems } from '../model/validationIssues';

/** Carries one call to the handlers: IPC in Electron, fetch in the browser harness. */
export type Transport = (method: ApiMethod, input: unknown) => Promise<unknown>;

/** Builds the typed API over a transport, checking every answer against the contract before the UI uses it. */
export function createApiClient(transport: Transport): Api {
  const entries = API_METHODS.map((method) => {
    const schema = resultSchema(apiContract[method].output);
    const call = async (input: unknown): Promise<ApiResult<unknown>> => {
      let raw: unknown;
      try {
        raw = await transport(method, input);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return {
          ok: false,
          error: { code: 'internal', message: `Could not reach the data service: ${message}`, problems: [] },
        };
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const problems = fieldProblems(parsed.error, raw);
        return {
          ok: false,
          error: {
            code: 'internal',
            message: `The data service sent an unexpected answer: ${describeProblems(problems)}`,
            problems,
          },
        };
      }
      return parsed.data;
    };
    return [method, call] as const;
  });
  return Object.fromEntries(entries) as unknown as Api;
}
