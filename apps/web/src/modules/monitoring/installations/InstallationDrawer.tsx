import { EditOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InstallationDto } from '@vigil/shared';
import { Button, Descriptions, Drawer, Input, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { GradeTag } from './GradeTag';
import { archiveInstallation, fetchInstallation, INSTALLATIONS_KEY } from './installations.api';

/** One installation: grading, substances, linked points; edit and archive. */
export function InstallationDrawer(props: { id: string | null; onClose: () => void; onEdit: (d: InstallationDto) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const q = useQuery({
    queryKey: [...INSTALLATIONS_KEY, 'one', props.id],
    queryFn: () => fetchInstallation(props.id!),
    enabled: !!props.id,
  });
  const archive = useMutation({
    mutationFn: () => archiveInstallation(props.id!, reason),
    onSuccess: async () => (await qc.invalidateQueries({ queryKey: INSTALLATIONS_KEY }), props.onClose()),
  });
  const d = q.data;
  return (
    <Drawer
      open={!!props.id}
      onClose={props.onClose}
      size="large"
      title={d?.name}
      loading={q.isPending}
      extra={
        d && (
          <Space>
            {d.abilities.edit && (
              <Button icon={<EditOutlined />} onClick={() => props.onEdit(d)} data-testid="installation-edit">
                {t('common.edit')}
              </Button>
            )}
            {d.abilities.archive && (
              <Popconfirm
                title={<Input placeholder={t('installations.archiveReason')} value={reason} onChange={(e) => setReason(e.target.value)} />}
                okButtonProps={{ disabled: reason.trim() === '' }}
                onConfirm={() => archive.mutate()}
              >
                <Button danger icon={<InboxOutlined />}>
                  {t('installations.archive')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )
      }
      data-testid="installation-drawer"
    >
      {d && (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('installations.fields.code')}>{d.code}</Descriptions.Item>
            <Descriptions.Item label={t('installations.fields.grade')}>
              <GradeTag grade={d.grade} />
            </Descriptions.Item>
            <Descriptions.Item label={t('installations.fields.s')}>{d.s}</Descriptions.Item>
            <Descriptions.Item label={t('installations.fields.r')}>{d.r}</Descriptions.Item>
            <Descriptions.Item label={t('installations.fields.people500m')}>{d.people500m}</Descriptions.Item>
            <Descriptions.Item label={t('installations.fields.alpha')}>{d.alpha}</Descriptions.Item>
            <Descriptions.Item label={t('installations.fields.org')}>{d.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('installations.fields.enterprise')}>{d.enterpriseName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('installations.fields.address')} span={2}>
              {d.address ?? `${d.location.lng.toFixed(5)}, ${d.location.lat.toFixed(5)}`}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('installations.substances')}
          </Typography.Title>
          <Table
            size="small"
            rowKey="name"
            pagination={false}
            dataSource={d.substances}
            columns={[
              { title: t('installations.fields.substance'), dataIndex: 'name' },
              { title: t('installations.fields.cas'), dataIndex: 'cas' },
              { title: t('installations.fields.category'), dataIndex: 'category' },
              { title: t('installations.fields.q'), dataIndex: 'q' },
              { title: t('installations.fields.criticalQ'), dataIndex: 'criticalQ' },
              { title: t('installations.fields.beta'), dataIndex: 'beta' },
              { title: t('installations.fields.ratio'), dataIndex: 'ratio', render: (v: number) => v.toFixed(3) },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('installations.points')}
          </Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={d.points}
            columns={[
              {
                title: t('installations.fields.device'),
                key: 'device',
                render: (_, p) => <Link to={`/monitoring/devices/${p.deviceId}`}>{`${p.deviceCode} ${p.deviceName}`}</Link>,
              },
              { title: t('installations.fields.metric'), key: 'metric', render: (_, p) => `${p.name} (${p.metric})` },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
