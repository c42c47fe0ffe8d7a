import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../lib/forms';
import { fetchPasswordRules } from './auth.api';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * Current password, new password twice, with the policy hint. The server's reasons for refusing
 * a new password (400 with `errors[].field = newPassword`) appear under that field.
 */
export function PasswordChangeForm(props: {
  submit: (current: string, next: string) => Promise<unknown>;
  submitLabel: string;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const rules = useQuery({ queryKey: ['password-rules'], queryFn: fetchPasswordRules, staleTime: 60_000, meta: { silent: true } });

  const finish = async (v: Values) => {
    setBusy(true);
    try {
      await props.submit(v.currentPassword, v.newPassword);
      form.resetFields();
      props.onDone?.();
    } catch (e) {
      showFormError(form, e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void finish(v)} data-testid="password-form">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={rules.data ? t('login.policyRules', { ...rules.data }) : t('login.policyHint')}
        data-testid="password-rules"
      />
      <Form.Item name="currentPassword" label={t('login.currentPassword')} rules={[{ required: true, message: t('common.required') }]}>
        <Input.Password autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      <Form.Item name="newPassword" label={t('login.newPassword')} rules={[{ required: true, message: t('common.required') }]}>
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('login.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required') },
          ({ getFieldValue }) => ({
            validator: (_r, value) =>
              !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('login.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="password-submit">
        {props.submitLabel}
      </Button>
    </Form>
  );
}
