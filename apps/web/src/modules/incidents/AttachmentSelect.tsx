import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_ACCEPT, attachmentProblem } from './incident-format';

/** Checks a file before it is queued or sent; shows why it is refused. Returns whether it may go. */
export function useAttachmentCheck() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (file: File): boolean => {
    const problem = attachmentProblem(file);
    if (problem) void message.error(t(`incidents.attachmentProblems.${problem}`, { name: file.name }));
    return problem === null;
  };
}

/** Photos and documents chosen on the intake form; they are uploaded once the incident is saved. */
export function AttachmentSelect(props: { files: UploadFile[]; onChange: (files: UploadFile[]) => void }) {
  const { t } = useTranslation();
  const check = useAttachmentCheck();
  return (
    <Upload
      multiple
      accept={ATTACHMENT_ACCEPT}
      fileList={props.files}
      beforeUpload={(file) => {
        if (check(file))
          props.onChange([...props.files, { uid: file.uid, name: file.name, size: file.size, originFileObj: file, status: 'done' }]);
        return Upload.LIST_IGNORE;
      }}
      onRemove={(f) => props.onChange(props.files.filter((x) => x.uid !== f.uid))}
      data-testid="incident-attachments"
    >
      <Button icon={<PaperClipOutlined />}>{t('incidents.addAttachment')}</Button>
    </Upload>
  );
}
