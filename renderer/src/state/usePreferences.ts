import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiResult } from '../../../shared/api/contract';
import type { Preferences } from '../../../shared/model/preferences';
import { usePlanApi } from './planContext';

export interface MyNameHandle {
  /** The person "My actions" shows, remembered between runs; null until someone is chosen. */
  myName: string | null;
  loaded: boolean;
  setMyName: (name: string | null) => Promise<ApiResult<Preferences>>;
}

export function useMyName(): MyNameHandle {
  const api = usePlanApi();
  const [myName, setName] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  // Only the answer to the latest choice may overwrite what is on screen.
  const latestRequest = useRef(0);

  useEffect(() => {
    let live = true;
    void api.getPreferences({}).then((result) => {
      if (!live) return;
      if (result.ok) setName(result.value.myName || null);
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [api]);

  const setMyName = useCallback(
    async (name: string | null) => {
      setName(name);
      const request = (latestRequest.current += 1);
      const result = await api.setPreferences({ changes: { myName: name } });
      if (result.ok && request === latestRequest.current) setName(result.value.myName || null);
      return result;
    },
    [api],
  );

  return { myName, loaded, setMyName };
}

export interface IdentityHandle {
  /** The person in this plan's People this computer user said they are; null until chosen. */
  personId: string | null;
  loaded: boolean;
  choose: (personId: string) => Promise<ApiResult<Preferences>>;
}

/** Who is editing this plan, remembered per computer user and per plan. */
export function useIdentity(planId: string): IdentityHandle {
  const api = usePlanApi();
  const [identities, setIdentities] = useState<Preferences['identities']>({});
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let live = true;
    void api.getPreferences({}).then((result) => {
      if (!live) return;
      if (result.ok) setIdentities(result.value.identities);
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [api]);

  const choose = useCallback(
    async (personId: string) => {
      const next = { ...identities, [planId]: personId };
      setIdentities(next);
      const result = await api.setPreferences({ changes: { identities: next } });
      if (result.ok) setIdentities(result.value.identities);
      return result;
    },
    [api, identities, planId],
  );

  return { personId: identities[planId] ?? null, loaded, choose };
}
