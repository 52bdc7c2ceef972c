import type { Handlers } from '../../electron/core/handlers';

/** Edits are written behind their answers: waits until the plan file holds every edit answered so far. */
export async function written(handlers: Pick<Handlers, 'getState' | 'whenSaved'>): Promise<void> {
  const state = await handlers.getState({});
  if (state.ok) await handlers.whenSaved({ revision: state.value.revision });
}
