import { useQuery } from '@tanstack/react-query';
import type { InstallationPointDto } from '@vigil/shared';
import { Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../../map/useDebounced';
import { fetchDevice, fetchDevices } from '../devices/devices.api';

/**
 * The monitoring points linked to an installation (antd control, value = point ids): search a
 * device, then tick its points; linked points show as removable tags.
 */
export function InstallationPointsField(props: { value?: string[]; onChange?: (v: string[]) => void; known: InstallationPointDto[] }) {
  const { t } = useTranslation();
  const value = props.value ?? [];
  const [q, setQ] = useState('');
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const [names, setNames] = useState(() => new Map(props.known.map((p) => [p.id, `${p.deviceCode} · ${p.name}`])));
  const debounced = useDebounced(q, 300);
  const devices = useQuery({
    queryKey: ['monitoring', 'devices', 'pick', debounced],
    queryFn: () => fetchDevices({ q: debounced, limit: 20 }),
  });
  const device = useQuery({
    queryKey: ['monitoring', 'devices', 'one', deviceId],
    queryFn: () => fetchDevice(deviceId!),
    enabled: !!deviceId,
  });
  const points = device.data?.points ?? [];
  return (
    <div data-testid="installation-points">
      <Space wrap style={{ marginBottom: 8 }}>
        {value.map((id) => (
          <Tag key={id} closable onClose={() => props.onChange?.(value.filter((x) => x !== id))}>
            {names.get(id) ?? id.slice(-8)}
          </Tag>
        ))}
      </Space>
      <Space wrap>
        <Select
          showSearch={{ filterOption: false, onSearch: setQ }}
          placeholder={t('installations.pickDevice')}
          value={deviceId}
          onChange={setDeviceId}
          loading={devices.isFetching}
          options={(devices.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.code} ${d.name}` }))}
          style={{ width: 320 }}
          data-testid="installation-device-pick"
        />
        <Select
          mode="multiple"
          placeholder={t('installations.pickPoints')}
          value={value.filter((id) => points.some((p) => p.id === id))}
          onChange={(ids: string[]) => {
            const next = new Map(names);
            for (const p of points) next.set(p.id, `${device.data!.code} · ${p.name}`);
            setNames(next);
            const others = value.filter((id) => !points.some((p) => p.id === id));
            props.onChange?.([...others, ...ids]);
          }}
          options={points.map((p) => ({ value: p.id, label: `${p.name} (${p.metric})` }))}
          style={{ minWidth: 260 }}
          disabled={!deviceId}
          data-testid="installation-point-pick"
        />
      </Space>
    </div>
  );
}
