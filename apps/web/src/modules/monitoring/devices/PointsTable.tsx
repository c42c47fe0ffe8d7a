import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { DeviceDto, PointDto } from '@vigil/shared';
import { Button, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBeijing } from '../../../lib/time';
import { bandOf } from './device-form';
import { deviceKey, fetchLatest } from './devices.api';
import { PointEditModal } from './PointEditModal';

const BAND_COLOR = { hh: 'red', ll: 'red', h: 'orange', l: 'orange' } as const;
const fmt = (v: number | null) => (v === null ? '—' : String(v));

/** A device's points with thresholds and the latest value of each (refreshed every 15 s). */
export function PointsTable({ device, editable }: { device: DeviceDto; editable: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<PointDto | null>(null);
  const latest = useQuery({
    queryKey: [...deviceKey(device.id), 'latest'],
    queryFn: () => fetchLatest(device.id),
    refetchInterval: 15_000,
  });
  const byPoint = new Map((latest.data ?? []).map((l) => [l.pointId, l]));
  return (
    <>
      <Table<PointDto>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={device.points ?? []}
        scroll={{ x: 900 }}
        data-testid="points-table"
        columns={[
          { title: t('devices.fields.pointName'), dataIndex: 'name', width: 140 },
          {
            title: t('devices.fields.metric'),
            dataIndex: 'metric',
            width: 130,
            render: (m: string) => <Typography.Text code>{m}</Typography.Text>,
          },
          {
            title: t('devices.latest'),
            key: 'latest',
            width: 170,
            render: (_, p) => {
              const l = byPoint.get(p.id);
              if (!l || l.value === null) return <Typography.Text type="secondary">{t('devices.noValue')}</Typography.Text>;
              const band = p.valueKind === 'number' ? bandOf(l.value, p) : null;
              const text = p.valueKind === 'boolean' ? (l.value ? 'ON' : 'OFF') : `${l.value} ${p.unit ?? ''}`;
              return (
                <span title={l.ts ? formatBeijing(l.ts) : undefined} data-testid="point-latest">
                  {band ? <Tag color={BAND_COLOR[band]}>{text}</Tag> : text}
                </span>
              );
            },
          },
          {
            title: t('devices.fields.range'),
            key: 'range',
            width: 120,
            render: (_, p) => (p.valueKind === 'boolean' ? t('devices.valueKinds.boolean') : `${fmt(p.rangeMin)} ~ ${fmt(p.rangeMax)}`),
          },
          { title: 'LL', dataIndex: 'll', width: 70, render: fmt },
          { title: 'L', dataIndex: 'l', width: 70, render: fmt },
          { title: 'H', dataIndex: 'h', width: 70, render: fmt },
          { title: 'HH', dataIndex: 'hh', width: 70, render: fmt },
          { title: t('devices.fields.intervalS'), dataIndex: 'intervalS', width: 100 },
          {
            title: t('devices.fields.enabled'),
            dataIndex: 'enabled',
            width: 70,
            render: (v: boolean) => (v ? t('common.active') : t('common.disabled')),
          },
          ...(editable
            ? [
                {
                  title: t('common.actions'),
                  key: 'edit',
                  width: 70,
                  render: (_: unknown, p: PointDto) => (
                    <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(p)} data-testid="point-edit" />
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <PointEditModal deviceId={device.id} deviceVersion={device.version} point={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
