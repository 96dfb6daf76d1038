import { useApi } from '@backstage/core-plugin-api';
import { DependencyList } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ReliabilityApi, reliabilityApiRef } from '../api/ReliabilityApi';

/** Loads with the reliability client; `retry` loads again. */
export function useReliabilityData<T>(
  load: (api: ReliabilityApi) => Promise<T>,
  deps: DependencyList,
) {
  const api = useApi(reliabilityApiRef);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useAsyncRetry(() => load(api), [api, ...deps]);
}
