import { DownloadOutlined, KeyOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeviceCredentialsDto, DeviceImportJobDto } from '@vigil/shared';
import { Alert, Button, Divider, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBeijing } from '../../../lib/time';
import { credentialsCsv } from './device-form';
import {
  DEVICE_IMPORTS_KEY,
  DEVICES_KEY,
  downloadDeviceImportErrors,
  downloadDeviceTemplate,
  fetchDeviceImport,
  fetchDeviceImports,
  startDeviceImport,
  takeDeviceCredentials,
} from './devices.api';

const MAX_BYTES = 5 * 1024 * 1024;
const STATUS_COLOR = { queued: 'default', running: 'processing', succeeded: 'success', failed: 'error' } as const;

function saveCsv(items: DeviceCredentialsDto['items']) {
  const url = URL.createObjectURL(new Blob([credentialsCsv(items)], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'device-secrets.csv';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Device import: template, upload, the job's progress and errors, then the new secrets (once). */
export function DeviceImportDialog(props: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const [tooBig, setTooBig] = useState(false);
  const [secrets, setSecrets] = useState<DeviceCredentialsDto['items'] | null>(null);
  const recent = useQuery({ queryKey: DEVICE_IMPORTS_KEY, queryFn: fetchDeviceImports, enabled: props.open });
  const job = useQuery({
    queryKey: [...DEVICE_IMPORTS_KEY, jobId],
    queryFn: () => fetchDeviceImport(jobId!),
    enabled: !!jobId,
    refetchInterval: (q) => (q.state.data && ['succeeded', 'failed'].includes(q.state.data.status) ? false : 1000),
  });
  const done = job.data?.status === 'succeeded' || job.data?.status === 'failed';
  useEffect(() => {
    if (done)
      void qc.invalidateQueries({ queryKey: DEVICES_KEY }).then(() => qc.invalidateQueries({ queryKey: DEVICE_IMPORTS_KEY, exact: true }));
  }, [done, qc]);
  const template = useMutation({ mutationFn: downloadDeviceTemplate });
  const upload = useMutation({ mutationFn: startDeviceImport, onSuccess: (j) => setJobId(j.id) });
  const creds = useMutation({
    mutationFn: takeDeviceCredentials,
    onSuccess: async (r) => (setSecrets(r.items), await qc.invalidateQueries({ queryKey: DEVICE_IMPORTS_KEY })),
  });
  const close = () => (setJobId(null), setTooBig(false), upload.reset(), props.onClose());
  const j = job.data;

  return (
    <Modal open={props.open} title={t('devices.import.title')} onCancel={close} footer={null} width={780} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('devices.import.hint')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined />} onClick={() => template.mutate('xlsx')} data-testid="device-template-xlsx">
          {t('devices.import.templateXlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => template.mutate('csv')}>
          {t('devices.import.templateCsv')}
        </Button>
        <Upload
          accept=".xlsx,.csv"
          showUploadList={false}
          beforeUpload={(f) => {
            setTooBig(f.size > MAX_BYTES);
            if (f.size <= MAX_BYTES) upload.mutate(f);
            return Upload.LIST_IGNORE;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending} data-testid="device-import-choose">
            {t('devices.import.choose')}
          </Button>
        </Upload>
      </Space>
      {tooBig && <Alert type="error" showIcon title={t('devices.import.tooBig', { mb: 5 })} />}
      {j && (
        <div data-testid="device-import-job" style={{ marginBottom: 12 }}>
          <Space wrap>
            <Tag color={STATUS_COLOR[j.status]}>{t(`devices.import.statuses.${j.status}`)}</Tag>
            <span>{j.filename}</span>
            {done && <span>{t('devices.import.result', { inserted: j.inserted, errors: j.errorCount })}</span>}
            {j.status === 'failed' && j.errorCount > 0 && (
              <Button size="small" onClick={() => void downloadDeviceImportErrors(j.id)}>
                {t('devices.import.errors')}
              </Button>
            )}
            {j.credentialsReady && (
              <Button
                size="small"
                type="primary"
                icon={<KeyOutlined />}
                loading={creds.isPending}
                onClick={() => creds.mutate(j.id)}
                data-testid="device-import-credentials"
              >
                {t('devices.import.credentials')}
              </Button>
            )}
          </Space>
          {j.failure && <Alert type="error" showIcon style={{ marginTop: 8 }} title={t('devices.import.failure', { reason: j.failure })} />}
          {j.errors.length > 0 && (
            <Table
              size="small"
              rowKey={(e) => `${e.row}-${e.column}-${e.reason}`}
              dataSource={j.errors}
              pagination={{ pageSize: 5 }}
              style={{ marginTop: 8 }}
              columns={[
                { title: t('devices.import.row'), dataIndex: 'row', width: 70 },
                { title: t('devices.import.column'), dataIndex: 'column', width: 140 },
                { title: t('devices.import.reason'), dataIndex: 'reason' },
              ]}
            />
          )}
        </div>
      )}
      <Divider titlePlacement="start">{t('devices.import.recent')}</Divider>
      <Table<DeviceImportJobDto>
        rowKey="id"
        size="small"
        pagination={false}
        loading={recent.isFetching}
        dataSource={recent.data ?? []}
        onRow={(r) => ({ onClick: () => setJobId(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('devices.import.title'), dataIndex: 'filename', ellipsis: true },
          {
            title: t('common.status'),
            dataIndex: 'status',
            width: 90,
            render: (s: DeviceImportJobDto['status']) => <Tag color={STATUS_COLOR[s]}>{t(`devices.import.statuses.${s}`)}</Tag>,
          },
          { title: t('common.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatBeijing(v, false) },
        ]}
      />
      <Modal
        open={!!secrets}
        title={t('devices.import.credentialsTitle')}
        onCancel={() => setSecrets(null)}
        footer={null}
        width={720}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('devices.import.credentialsHint')} style={{ marginBottom: 12 }} />
        <Button
          icon={<DownloadOutlined />}
          onClick={() => secrets && saveCsv(secrets)}
          style={{ marginBottom: 12 }}
          data-testid="device-secrets-csv"
        >
          {t('devices.import.credentialsCsv')}
        </Button>
        <Table
          size="small"
          rowKey="code"
          dataSource={secrets ?? []}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: t('devices.fields.code'), dataIndex: 'code', width: 160 },
            { title: t('devices.fields.name'), dataIndex: 'name', ellipsis: true },
            {
              title: 'Secret',
              dataIndex: 'secret',
              render: (s: string) => (
                <Typography.Text code copyable>
                  {s}
                </Typography.Text>
              ),
            },
          ]}
        />
      </Modal>
    </Modal>
  );
}
