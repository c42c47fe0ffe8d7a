import { Alert, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shows a secret that the server returns only once (temporary password, API token), with a copy button. */
export function OnceSecretModal(props: {
  open: boolean;
  title: string;
  hint: string;
  secret: string | null;
  onClose: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={props.open}
      title={props.title}
      onOk={props.onClose}
      onCancel={props.onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      okText={t('common.done')}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={props.hint} style={{ marginBottom: 16 }} />
      <Typography.Paragraph copyable={{ text: props.secret ?? '' }} style={{ fontSize: 18, textAlign: 'center' }}>
        <Typography.Text code data-testid={props.testId}>
          {props.secret}
        </Typography.Text>
      </Typography.Paragraph>
    </Modal>
  );
}
