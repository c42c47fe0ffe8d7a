import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WarningImportResultDto } from '@vigil/shared';
import { Alert, Button, Descriptions, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../lib/api-error';
import { errorText } from '../../lib/notify';
import { importProblems } from './feed-form';
import { IMPORTS_KEY, importWarningFile, WARNINGS_KEY } from './warnings.api';
import { OutcomeTag } from './ImportLogTable';
import { SignatureTag } from './WarningTags';

const MAX_BYTES = 10 * 1024 * 1024;

/** The outcome of one uploaded alert: created / updated / cancelled / duplicate, with its signature status. */
function ImportResult({ r }: { r: WarningImportResultDto }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={1} bordered data-testid="import-result" data-outcome={r.outcome}>
      <Descriptions.Item label={t('warnings.imports.outcome')}>
        <OutcomeTag outcome={r.outcome} />
      </Descriptions.Item>
      <Descriptions.Item label={t('warnings.fields.identifier')}>{r.identifier ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('warnings.fields.issuer')}>{r.sender ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('warnings.fields.signature')}>
        <SignatureTag status={r.signatureStatus} />
      </Descriptions.Item>
      {r.warningId && (
        <Descriptions.Item label={t('warnings.imports.warning')}>
          <Link to={`/warnings/${r.warningId}`}>{t('common.view')}</Link>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** Upload of one CAP 1.2 or GB/T 35965.1 file; shows what became of it or every problem found in it. */
export function ImportUploadCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [tooBig, setTooBig] = useState(false);
  const upload = useMutation({
    mutationFn: importWarningFile,
    meta: { silent: true },
    onSettled: async () => {
      await qc.invalidateQueries({ queryKey: IMPORTS_KEY });
      await qc.invalidateQueries({ queryKey: [...WARNINGS_KEY, 'list'] });
    },
  });
  const problems = importProblems(upload.error).filter((p) => p.path);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('warnings.imports.hint')}</Typography.Text>
      <Upload
        accept=".xml,application/xml,text/xml,application/cap+xml"
        showUploadList={false}
        maxCount={1}
        beforeUpload={(file) => {
          setTooBig(file.size > MAX_BYTES);
          if (file.size > MAX_BYTES) upload.reset();
          else upload.mutate(file);
          return false;
        }}
        data-testid="import-upload"
      >
        <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="import-button">
          {t('warnings.imports.upload')}
        </Button>
      </Upload>
      {tooBig && <Alert type="error" showIcon title={t('warnings.imports.tooBig')} />}
      {upload.data && <ImportResult r={upload.data} />}
      {upload.error && (
        <Alert
          type="error"
          showIcon
          data-testid="import-error"
          title={upload.error instanceof ApiError ? upload.error.userMessage : errorText(upload.error)}
          description={
            problems.length ? (
              <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="import-problems">
                {problems.map((p, i) => (
                  <li key={i}>
                    <Typography.Text code>{p.path}</Typography.Text> {p.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
    </Space>
  );
}
