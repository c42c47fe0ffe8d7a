import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { changePassword, type StepResult } from './auth.api';
import { PasswordChangeForm } from './PasswordChangeForm';

/** Last step when the password is temporary or expired: choose a new one. */
export function PasswordChangeStep({ onDone }: { onDone: (r: StepResult) => void }) {
  const { t } = useTranslation();
  return (
    <div data-testid="login-password-change">
      <Typography.Title level={5}>{t('login.pwdTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('login.pwdHint')}</Typography.Paragraph>
      <PasswordChangeForm submit={async (c, n) => onDone(await changePassword(c, n))} submitLabel={t('login.pwdSubmit')} />
    </div>
  );
}
