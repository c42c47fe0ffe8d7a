import { ArrowLeftOutlined, EditOutlined, InboxOutlined, KeyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeviceWithSecretDto } from '@vigil/shared';
import { Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { notifyError } from '../../../lib/notify';
import { formatBeijing } from '../../../lib/time';
import { NotFound } from '../../../ui/Errors';
import { OnceSecretModal } from '../../../ui/OnceSecretModal';
import { PageHeader } from '../../../ui/PageHeader';
import { archiveDevice, deviceKey, DEVICES_KEY, fetchDevice, rotateSecret } from './devices.api';
import { DeviceFormModal } from './DeviceFormModal';
import { DeviceStateTag, DeviceStatusTag } from './DeviceTags';
import { PointsTable } from './PointsTable';

/** `/monitoring/devices/:id`: the device, its points with thresholds and latest values, edit, rotate secret, archive. */
export default function DeviceDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const device = useQuery({ queryKey: deviceKey(id), queryFn: () => fetchDevice(id) });
  const [editing, setEditing] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const [secret, setSecret] = useState<DeviceWithSecretDto | null>(null);
  const [reason, setReason] = useState('');
  const refresh = () => qc.invalidateQueries({ queryKey: DEVICES_KEY });
  const rotate = useMutation({ mutationFn: () => rotateSecret(id), onSuccess: async (r) => (setSecret(r), await refresh()) });
  const archive = useMutation({
    mutationFn: () => archiveDevice(id, reason),
    meta: { silent: true },
    onSuccess: async () => (setArchiving(false), await refresh()),
    onError: notifyError,
  });

  if (device.isPending) return <Spin />;
  if (!device.data) return <NotFound />;
  const d = device.data;
  const zh = i18n.language.startsWith('zh');
  return (
    <div data-testid="device-detail">
      <PageHeader
        title={
          <>
            <Link to="/monitoring/devices" aria-label={t('devices.back')}>
              <ArrowLeftOutlined />
            </Link>{' '}
            {d.name} <DeviceStateTag state={d.mapState} />
          </>
        }
        extra={
          <>
            {d.abilities.edit && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="device-edit">
                {t('common.edit')}
              </Button>
            )}
            {d.abilities.rotateSecret && (
              <Popconfirm title={t('devices.rotateConfirm')} onConfirm={() => rotate.mutate()}>
                <Button icon={<KeyOutlined />} loading={rotate.isPending} data-testid="device-rotate">
                  {t('devices.rotate')}
                </Button>
              </Popconfirm>
            )}
            {d.abilities.archive && (
              <Button danger icon={<InboxOutlined />} onClick={() => setArchiving(true)} data-testid="device-archive">
                {t('devices.archive')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('devices.fields.code')}>{d.code}</Descriptions.Item>
          <Descriptions.Item label={t('devices.fields.type')}>{zh ? d.typeName : d.typeNameEn}</Descriptions.Item>
          <Descriptions.Item label={t('devices.fields.category')}>{t(`devices.categories.${d.category}`)}</Descriptions.Item>
          <Descriptions.Item label={t('devices.fields.status')}>
            <DeviceStatusTag status={d.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('devices.fields.org')}>{d.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('devices.fields.enterprise')}>{d.enterpriseName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('devices.fields.site')}>{d.site ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('devices.fields.address')}>{d.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item
            label={t('devices.fields.location')}
          >{`${d.location.lng.toFixed(6)}, ${d.location.lat.toFixed(6)}`}</Descriptions.Item>
          <Descriptions.Item label={t('devices.fields.vendor')}>{[d.vendor, d.model].filter(Boolean).join(' / ') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('devices.fields.installDate')}>{d.installDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('devices.fields.lastSeen')}>{d.lastSeenAt ? formatBeijing(d.lastSeenAt) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('devices.fields.secretRotatedAt')}>
            {d.secretRotatedAt ? formatBeijing(d.secretRotatedAt) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('devices.openAlarms')}>{d.openAlarms}</Descriptions.Item>
          <Descriptions.Item label={t('devices.fields.version')}>{d.version}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('devices.points')}>
        <PointsTable device={d} editable={d.abilities.edit} />
      </Card>
      {editing && <DeviceFormModal record={d} onClose={() => setEditing(false)} />}
      <Modal
        open={archiving}
        title={t('devices.archiveTitle', { name: d.name })}
        onCancel={() => setArchiving(false)}
        onOk={() => archive.mutate()}
        okButtonProps={{ danger: true, disabled: reason.trim() === '', 'data-testid': 'device-archive-ok' }}
        confirmLoading={archive.isPending}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={t('devices.archiveReason')} required>
            <Input.TextArea
              rows={3}
              maxLength={300}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="device-archive-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
      <OnceSecretModal
        open={!!secret}
        title={t('devices.secretTitle', { code: d.code })}
        hint={t('devices.secretHint')}
        secret={secret?.secret ?? null}
        onClose={() => setSecret(null)}
        testId="device-secret"
      />
    </div>
  );
}
