import { CloseOutlined, FileTextOutlined, PaperClipOutlined } from '@ant-design/icons';
import { MAX_CONSULT_ATTACHMENTS, type ConsultAttachmentDto } from '@vigil/shared';
import { Button, Image, Space, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../lib/notify';
import { useAttachmentCheck } from '../incidents/AttachmentSelect';
import { ATTACHMENT_ACCEPT, formatBytes } from '../incidents/incident-format';
import { uploadConsultFile } from './consult.api';

/** The files of a message: pictures as thumbnails (click to enlarge), documents as download links. */
export function MessageFiles({ files }: { files: ConsultAttachmentDto[] }) {
  if (files.length === 0) return null;
  const images = files.filter((f) => f.kind === 'image');
  const docs = files.filter((f) => f.kind !== 'image');
  return (
    <Space orientation="vertical" size={4} style={{ marginTop: 4 }} data-testid="consult-message-files">
      {images.length > 0 && (
        <Space wrap size={4}>
          <Image.PreviewGroup>
            {images.map((f) => (
              <Image
                key={f.id}
                src={f.url}
                alt={f.fileName}
                title={f.fileName}
                width={72}
                height={72}
                style={{ objectFit: 'cover', borderRadius: 4 }}
                data-testid="consult-file-image"
              />
            ))}
          </Image.PreviewGroup>
        </Space>
      )}
      {docs.map((f) => (
        <a key={f.id} href={f.url} download={f.fileName} data-testid="consult-file-link">
          <FileTextOutlined /> {f.fileName} <span style={{ fontSize: 12, opacity: 0.65 }}>({formatBytes(f.sizeBytes)})</span>
        </a>
      ))}
    </Space>
  );
}

/** Files uploaded for the message being written (at most five), sent with it as `attachmentIds`. */
export function usePendingFiles(incidentId: string) {
  const [files, setFiles] = useState<ConsultAttachmentDto[]>([]);
  const [uploading, setUploading] = useState(0);
  const add = async (f: File) => {
    setUploading((n) => n + 1);
    try {
      const dto = await uploadConsultFile(incidentId, f);
      setFiles((list) => [...list, dto]);
    } catch (err) {
      notifyError(err);
    } finally {
      setUploading((n) => n - 1);
    }
  };
  return {
    files,
    uploading: uploading > 0,
    full: files.length + uploading >= MAX_CONSULT_ATTACHMENTS,
    add,
    remove: (id: string) => setFiles((list) => list.filter((x) => x.id !== id)),
    clear: () => setFiles([]),
  };
}

/** The attach button and the files waiting to be sent, each removable. */
export function PendingFiles({ pending }: { pending: ReturnType<typeof usePendingFiles> }) {
  const { t } = useTranslation();
  const check = useAttachmentCheck();
  return (
    <Space wrap size={4} data-testid="consult-pending-files">
      <Upload
        accept={ATTACHMENT_ACCEPT}
        multiple
        showUploadList={false}
        disabled={pending.full}
        beforeUpload={(f) => {
          if (check(f)) void pending.add(f);
          return Upload.LIST_IGNORE;
        }}
      >
        <Button
          size="small"
          icon={<PaperClipOutlined />}
          loading={pending.uploading}
          disabled={pending.full}
          title={pending.full ? t('consult.tooManyFiles', { n: MAX_CONSULT_ATTACHMENTS }) : undefined}
          data-testid="consult-attach"
        >
          {t('consult.attach')}
        </Button>
      </Upload>
      {pending.files.map((f) => (
        <Tag key={f.id} closable closeIcon={<CloseOutlined />} onClose={() => pending.remove(f.id)} data-testid="consult-pending-file">
          {f.fileName}
        </Tag>
      ))}
    </Space>
  );
}
