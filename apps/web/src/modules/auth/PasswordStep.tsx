import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { LoginInput } from '@vigil/shared';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/notify';
import { login, type StepResult } from './auth.api';

/** Step 1: username and password. Wrong credentials (401) and a locked account (423) are shown in place. */
export function PasswordStep({ onDone }: { onDone: (r: StepResult) => void }) {
  const { t } = useTranslation();
  const m = useMutation({ mutationFn: login, onSuccess: onDone, meta: { silent: true } });
  return (
    <Form<LoginInput> layout="vertical" onFinish={(v) => m.mutate(v)} requiredMark={false} data-testid="login-form">
      {m.isError && <Alert type="error" showIcon title={errorText(m.error)} style={{ marginBottom: 16 }} data-testid="login-error" />}
      <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
      </Form.Item>
      <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={m.isPending} data-testid="login-submit">
        {t('login.submit')}
      </Button>
    </Form>
  );
}
