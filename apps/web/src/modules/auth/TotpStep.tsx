import { useMutation } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { verifyTotp, type StepResult } from './auth.api';
import { TotpCodeForm } from './TotpCodeForm';

/** Step 2 for enrolled accounts: the code from the authenticator app. */
export function TotpStep({ onDone }: { onDone: (r: StepResult) => void }) {
  const { t } = useTranslation();
  const m = useMutation({ mutationFn: verifyTotp, onSuccess: onDone, meta: { silent: true } });
  return (
    <div data-testid="login-totp">
      <Typography.Title level={5}>{t('login.totpTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('login.totpHint')}</Typography.Paragraph>
      <TotpCodeForm
        onSubmit={(c) => m.mutate(c)}
        loading={m.isPending}
        error={m.isError ? m.error : undefined}
        submitLabel={t('login.verify')}
      />
    </div>
  );
}
