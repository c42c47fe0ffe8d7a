import { useQuery } from '@tanstack/react-query';
import { RESOURCE_TYPE_PREFIX, type CodeNodeDto, type ResourceKind } from '@vigil/shared';
import { TreeSelect } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../lib/notify';
import { codeLabel, filterHits, rootCodeOf } from './code-tree';
import { fetchCodes } from './resources.api';

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

const toNode = (c: CodeNodeDto, pId: string | null): Node => ({
  id: c.code,
  pId,
  value: c.code,
  title: codeLabel(c),
  isLeaf: !c.hasChildren,
});

/**
 * Picks a kind's national type code: the tree under the kind's code groups (42E… for teams,
 * 22A… for hazards), loaded level by level, or a search limited to those groups.
 */
export function TypeCodePicker(props: {
  kind: ResourceKind;
  value?: string | null;
  onChange?: (v: string | null) => void;
  initialLabel?: string | null;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  testId?: string;
}) {
  const { t } = useTranslation();
  const prefixes = RESOURCE_TYPE_PREFIX[props.kind];
  const [extra, setExtra] = useState<Node[]>([]);
  const [found, setFound] = useState<Node[] | null>(null);
  const [search, setSearch] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const top = useQuery({
    queryKey: ['codes', 'roots', props.kind],
    queryFn: async () => (await Promise.all(prefixes.map((p) => fetchCodes({ parent: rootCodeOf(p) })))).flat(),
    staleTime: Infinity,
  });
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const nodes = useMemo(() => [...(top.data ?? []).map((c) => toNode(c, null)), ...extra], [top.data, extra]);
  const label = (code: string) =>
    nodes.find((n) => n.value === code)?.title ?? (props.initialLabel ? `${code} ${props.initialLabel}` : code);

  const onSearch = (text: string) => {
    setSearch(text);
    if (timer.current) clearTimeout(timer.current);
    const q = text.trim();
    if (!q) return setFound(null);
    timer.current = setTimeout(() => {
      fetchCodes({ q }).then(
        (hits) => setFound(filterHits(hits, prefixes).map((c) => ({ ...toNode(c, null), isLeaf: true }))),
        notifyError,
      );
    }, 300);
  };

  return (
    <TreeSelect<{ value: string; label?: React.ReactNode } | undefined>
      labelInValue
      value={props.value ? { value: props.value, label: label(props.value) } : undefined}
      onChange={(v) => {
        setFound(null);
        setSearch('');
        props.onChange?.(v?.value ?? null);
      }}
      treeDataSimpleMode
      treeData={found ?? nodes}
      loadData={async (n) => {
        const code = String(n.value);
        if (found || nodes.some((x) => x.pId === code)) return;
        try {
          const kids = await fetchCodes({ parent: code });
          setExtra((e) => [...e, ...kids.map((c) => toNode(c, code))]);
        } catch (e) {
          notifyError(e);
        }
      }}
      showSearch={{ searchValue: search, onSearch, filterTreeNode: false, autoClearSearchValue: true }}
      loading={top.isPending}
      allowClear={props.allowClear}
      placeholder={props.placeholder ?? t('resources.typePlaceholder')}
      popupMatchSelectWidth={false}
      notFoundContent={found ? t('resources.noCodes') : undefined}
      style={props.style ?? { width: '100%' }}
      data-testid={props.testId}
    />
  );
}
