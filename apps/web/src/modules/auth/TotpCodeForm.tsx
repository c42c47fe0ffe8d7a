import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/notify';

/** A 6-digit one-time code input with its submit button (login, enrolment, disabling). */
export function TotpCodeForm(props: {
  onSubmit: (code: string) => void;
  loading: boolean;
  error?: unknown;
  submitLabel: string;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => props.onSubmit(v.code)}>
      {props.error != null && (
        <Alert type="error" showIcon title={errorText(props.error)} style={{ marginBottom: 16 }} data-testid="totp-error" />
      )}
      <Form.Item
        name="code"
        label={t('login.totpCode')}
        rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpInvalid') }]}
        normalize={(v: string) => v.replace(/\D/g, '').slice(0, 6)}
      >
        <Input
          size="large"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          autoFocus
          placeholder="000000"
          style={{ letterSpacing: 8, textAlign: 'center', fontFamily: 'monospace' }}
          data-testid="totp-code"
        />
      </Form.Item>
      <Button type="primary" danger={props.danger} htmlType="submit" block loading={props.loading} data-testid="totp-submit">
        {props.submitLabel}
      </Button>
    </Form>
  );
}
