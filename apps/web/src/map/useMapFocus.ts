import { useQuery } from '@tanstack/react-query';
import { RESOURCE_KINDS, type ResourceDto, type ResourceKind } from '@vigil/shared';
import { useEffect, useRef } from 'react';
import { resourceKey } from './map-keys';
import { fetchResource } from './map.api';

/** `team:0b6c…` → the kind and id of a `/map?focus=` deep link; null when malformed. */
export function parseFocus(value: string | null): { kind: ResourceKind; id: string } | null {
  const m = /^([a-z]+):([0-9a-f-]{36})$/i.exec(value?.trim() ?? '');
  if (!m || !(RESOURCE_KINDS as readonly string[]).includes(m[1]!)) return null;
  return { kind: m[1] as ResourceKind, id: m[2]!.toLowerCase() };
}

/** Opens the resource of a `/map?focus=<kind>:<id>` link once it has loaded (and once per link). */
export function useMapFocus(focus: string | null, ready: boolean, open: (r: ResourceDto) => void) {
  const target = parseFocus(focus);
  const q = useQuery({
    queryKey: resourceKey(target?.kind ?? '', target?.id ?? ''),
    queryFn: () => fetchResource(target!.kind, target!.id),
    enabled: !!target,
    staleTime: 30_000,
  });
  const done = useRef<string | null>(null);
  const openRef = useRef(open);
  useEffect(() => {
    openRef.current = open;
  });
  useEffect(() => {
    if (!ready || !q.data || !focus || done.current === focus) return;
    done.current = focus;
    openRef.current(q.data);
  }, [ready, q.data, focus]);
  return { error: target ? q.error : focus ? new Error('invalid focus') : null };
}
