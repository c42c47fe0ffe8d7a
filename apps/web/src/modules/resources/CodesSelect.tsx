import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../lib/notify';
import { codeLabel, hasPrefix } from './code-tree';
import { fetchCodes } from './resources.api';

/**
 * Several national codes (a team's capabilities, an expert's specialties): type to search the code
 * table, limited to the given prefixes. Works as an antd form control (value = codes).
 */
export function CodesSelect(props: { value?: string[]; onChange?: (v: string[]) => void; prefixes: readonly string[]; testId?: string }) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const labels = useRef(new Map<string, string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const onSearch = (text: string) => {
    if (timer.current) clearTimeout(timer.current);
    const q = text.trim();
    if (!q) return setOptions([]);
    timer.current = setTimeout(() => {
      setLoading(true);
      fetchCodes({ q })
        .then((hits) => {
          const list = hits.filter((c) => hasPrefix(c.code, props.prefixes)).map((c) => ({ value: c.code, label: codeLabel(c) }));
          list.forEach((o) => labels.current.set(o.value, o.label));
          setOptions(list);
        }, notifyError)
        .finally(() => setLoading(false));
    }, 300);
  };

  const selected = (props.value ?? []).map((v) => ({ value: v, label: labels.current.get(v) ?? v }));
  return (
    <Select
      mode="multiple"
      labelInValue
      value={selected}
      onChange={(v: { value: string }[]) => props.onChange?.(v.map((o) => o.value))}
      options={options}
      showSearch={{ onSearch, filterOption: false }}
      loading={loading}
      placeholder={t('resources.codesPlaceholder')}
      notFoundContent={null}
      style={{ width: '100%' }}
      data-testid={props.testId}
    />
  );
}
