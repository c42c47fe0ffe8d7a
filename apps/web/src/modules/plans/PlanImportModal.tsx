import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../lib/api-error';
import { errorText, notifySuccess } from '../../lib/notify';
import { importRowErrors, type ImportRowError } from './plan-form';
import { importPlanFile, PLANS_KEY } from './plans.api';

const MAX_BYTES = 5 * 1024 * 1024;

/** Upload of a plan as JSON or an Excel workbook; a new draft opens, or the rows with problems are listed. */
export function PlanImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [tooBig, setTooBig] = useState(false);
  const upload = useMutation({
    mutationFn: importPlanFile,
    meta: { silent: true },
    onSuccess: async (p) => {
      notifySuccess(t('plans.importDialog.done', { name: p.name }));
      await qc.invalidateQueries({ queryKey: [...PLANS_KEY, 'list'] });
      onClose();
      void navigate(`/plans/${p.id}`);
    },
  });
  const rows = importRowErrors(upload.error);
  const close = () => {
    upload.reset();
    setTooBig(false);
    onClose();
  };

  return (
    <Modal open={open} title={t('plans.importDialog.title')} onCancel={close} footer={null} width={760} destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('plans.importDialog.hint')}</Typography.Text>
        <Upload
          accept=".json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          maxCount={1}
          beforeUpload={(file) => {
            setTooBig(file.size > MAX_BYTES);
            if (file.size > MAX_BYTES) upload.reset();
            else upload.mutate(file);
            return false;
          }}
          data-testid="plan-import-upload"
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="plan-import-button">
            {t('plans.importDialog.upload')}
          </Button>
        </Upload>
        {tooBig && <Alert type="error" showIcon title={t('plans.importDialog.tooBig')} />}
        {upload.error && (
          <Alert
            type="error"
            showIcon
            data-testid="plan-import-error"
            title={rows.length ? t('plans.importDialog.failed') : errorText(upload.error)}
            description={upload.error instanceof ApiError && rows.length ? upload.error.userMessage : undefined}
          />
        )}
        {rows.length > 0 && (
          <Table<ImportRowError>
            size="small"
            rowKey={(r) => `${r.sheet}:${r.row}:${r.column}:${r.message}`}
            dataSource={rows}
            pagination={false}
            scroll={{ y: 320 }}
            data-testid="plan-import-rows"
            columns={[
              { title: t('plans.importDialog.sheet'), dataIndex: 'sheet', width: 100, render: (v: string) => v || '—' },
              { title: t('plans.importDialog.row'), dataIndex: 'row', width: 60, render: (v: number) => v || '—' },
              { title: t('plans.importDialog.column'), dataIndex: 'column', width: 160 },
              { title: t('plans.importDialog.message'), dataIndex: 'message' },
            ]}
          />
        )}
      </Space>
    </Modal>
  );
}
