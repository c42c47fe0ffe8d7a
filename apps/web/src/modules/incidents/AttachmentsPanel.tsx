import { DeleteOutlined, DownloadOutlined, FileImageOutlined, FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { IncidentAttachmentDto } from '@vigil/shared';
import { Button, List, Popconfirm, Space, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { useAttachmentCheck } from './AttachmentSelect';
import { ATTACHMENT_ACCEPT, formatBytes } from './incident-format';
import { deleteAttachment, downloadAttachment, fetchAttachments, INCIDENTS_KEY, uploadAttachment } from './incidents.api';

/** Photos and documents of an incident: list, download, upload and delete (when the incident may be changed). */
export function AttachmentsPanel(props: { incidentId: string; mayAttach: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const check = useAttachmentCheck();
  const key = [...INCIDENTS_KEY, 'attachments', props.incidentId];
  const list = useQuery({ queryKey: key, queryFn: () => fetchAttachments(props.incidentId) });
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const upload = useMutation({
    mutationFn: (f: File) => uploadAttachment(props.incidentId, f),
    onSuccess: async (a) => {
      notifySuccess(t('incidents.uploaded', { name: a.fileName }));
      await refresh();
    },
  });
  const remove = useMutation({ mutationFn: (a: IncidentAttachmentDto) => deleteAttachment(props.incidentId, a.id), onSuccess: refresh });
  const fetchFile = useMutation({ mutationFn: downloadAttachment });

  return (
    <div data-testid="incident-attachments-panel">
      {props.mayAttach && (
        <Upload
          accept={ATTACHMENT_ACCEPT}
          showUploadList={false}
          beforeUpload={(f) => {
            if (check(f)) upload.mutate(f);
            return Upload.LIST_IGNORE;
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} data-testid="attachment-upload">
            {t('incidents.addAttachment')}
          </Button>
        </Upload>
      )}
      <List
        size="small"
        loading={list.isPending}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('incidents.noAttachments') }}
        renderItem={(a) => (
          <List.Item
            data-testid="attachment-item"
            actions={[
              <Button
                key="dl"
                type="link"
                size="small"
                icon={<DownloadOutlined />}
                onClick={() => fetchFile.mutate(a)}
                aria-label={t('incidents.download')}
              />,
              ...(props.mayAttach
                ? [
                    <Popconfirm key="rm" title={t('incidents.deleteAttachment', { name: a.fileName })} onConfirm={() => remove.mutate(a)}>
                      <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                    </Popconfirm>,
                  ]
                : []),
            ]}
          >
            <Space>
              {a.kind === 'image' ? <FileImageOutlined /> : <FileTextOutlined />}
              <Typography.Text ellipsis style={{ maxWidth: 220 }}>
                {a.fileName}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatBytes(a.sizeBytes)} · {a.uploadedBy ?? ''} · {formatBeijing(a.uploadedAt, false)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}
