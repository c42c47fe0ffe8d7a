import type { CodeNodeDto } from '@vigil/shared';
import { TreeSelect } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../lib/notify';
import { fetchEventCodes } from './incidents.api';

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

const toNode = (c: CodeNodeDto, flat = false): Node => ({
  id: c.code,
  pId: flat ? null : c.parent,
  value: c.code,
  title: `${c.code} ${c.name}`,
  isLeaf: flat || !c.hasChildren,
});

/**
 * Picks a national event code (5 characters): a tree loaded level by level from `GET /codes`, or a
 * search across the whole table as you type. Works as an antd form control (value = the code).
 */
export function EventTypePicker(props: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  /** The name of the current value, shown before its branch of the tree is loaded. */
  initialLabel?: string;
  allowClear?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [nodes, setNodes] = useState<Map<string, Node>>(new Map());
  const [found, setFound] = useState<Node[] | null>(null);
  const [search, setSearch] = useState('');
  const [loading, setLoading] = useState(false);
  const labels = useRef(new Map<string, string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const remember = (list: CodeNodeDto[]) => list.forEach((c) => labels.current.set(c.code, `${c.code} ${c.name}`));
  const addNodes = (list: CodeNodeDto[]) => {
    remember(list);
    setNodes((m) => {
      const next = new Map(m);
      for (const c of list) next.set(c.code, toNode(c));
      return next;
    });
  };

  useEffect(() => {
    fetchEventCodes({}).then(addNodes, notifyError);
  }, []);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const onSearch = (text: string) => {
    setSearch(text);
    if (timer.current) clearTimeout(timer.current);
    const q = text.trim();
    if (!q) {
      setFound(null);
      return;
    }
    timer.current = setTimeout(() => {
      setLoading(true);
      fetchEventCodes({ q })
        .then((list) => {
          remember(list);
          setFound(list.map((c) => toNode(c, true)));
        }, notifyError)
        .finally(() => setLoading(false));
    }, 300);
  };

  const treeData = useMemo(() => found ?? [...nodes.values()], [found, nodes]);
  const label = props.value
    ? (labels.current.get(props.value) ?? (props.initialLabel ? `${props.value} ${props.initialLabel}` : props.value))
    : undefined;

  return (
    <TreeSelect<{ value: string; label?: React.ReactNode } | undefined>
      labelInValue
      value={props.value ? { value: props.value, label } : undefined}
      onChange={(v) => {
        setFound(null);
        setSearch('');
        props.onChange?.(v?.value);
      }}
      treeDataSimpleMode
      treeData={treeData}
      loadData={async (n) => {
        const code = String(n.value);
        if (found || [...nodes.values()].some((x) => x.pId === code)) return;
        try {
          addNodes(await fetchEventCodes({ parent: code }));
        } catch (e) {
          notifyError(e);
        }
      }}
      showSearch={{ searchValue: search, onSearch, filterTreeNode: false, autoClearSearchValue: true }}
      loading={loading}
      allowClear={props.allowClear}
      placeholder={props.placeholder ?? t('incidents.typeHint')}
      popupMatchSelectWidth={false}
      notFoundContent={found ? t('incidents.typeNone') : undefined}
      style={props.style ?? { width: '100%' }}
      data-testid={props.testId}
    />
  );
}
