import type { CodeNodeDto } from '@vigil/shared';
import { Select } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../lib/notify';
import { fetchEventCodes } from '../incidents/incidents.api';

/**
 * Picks several national event codes (categories, classes or specific types): searches the code
 * table as you type (`GET /codes?family=event&q=`); works as an antd form control (value = codes).
 */
export function EventCodesSelect(props: {
  value?: string[];
  onChange?: (v: string[]) => void;
  placeholder?: string;
  style?: React.CSSProperties;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<CodeNodeDto[]>([]);
  const [loading, setLoading] = useState(false);
  const labels = useRef(new Map<string, string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const remember = (list: CodeNodeDto[]) => list.forEach((c) => labels.current.set(c.code, `${c.code} ${c.name}`));
  useEffect(() => {
    fetchEventCodes({}).then((list) => {
      remember(list);
      setOptions(list);
    }, notifyError);
    return () => void (timer.current && clearTimeout(timer.current));
  }, []);

  const onSearch = (text: string) => {
    if (timer.current) clearTimeout(timer.current);
    const q = text.trim();
    if (!q) return;
    timer.current = setTimeout(() => {
      setLoading(true);
      fetchEventCodes({ q })
        .then((list) => {
          remember(list);
          setOptions(list);
        }, notifyError)
        .finally(() => setLoading(false));
    }, 300);
  };

  const selectOptions = useMemo(() => {
    const seen = new Set<string>();
    const out: { value: string; label: string }[] = [];
    for (const code of [...(props.value ?? []), ...options.map((o) => o.code)]) {
      if (seen.has(code)) continue;
      seen.add(code);
      out.push({ value: code, label: labels.current.get(code) ?? code });
    }
    return out;
  }, [options, props.value]);

  return (
    <Select
      mode="multiple"
      value={props.value ?? []}
      onChange={(v: string[]) => props.onChange?.(v)}
      options={selectOptions}
      showSearch={{ onSearch, filterOption: false }}
      loading={loading}
      placeholder={props.placeholder ?? t('incidents.typeHint')}
      style={props.style ?? { width: '100%' }}
      data-testid={props.testId}
    />
  );
}
