import { useMutation } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { enrollTotp, type StepResult } from './auth.api';
import { TotpEnrollPanel } from './TotpEnrollPanel';

/** Step 2 for accounts that must use TOTP but have none yet (the administrators): enrol now. */
export function TotpEnrollStep({ onDone }: { onDone: (r: StepResult) => void }) {
  const { t } = useTranslation();
  const m = useMutation({ mutationFn: enrollTotp, onSuccess: onDone, meta: { silent: true } });
  return (
    <div data-testid="login-totp-enroll">
      <Typography.Title level={5}>{t('login.enrollTitle')}</Typography.Title>
      <TotpEnrollPanel onSubmit={(c) => m.mutate(c)} loading={m.isPending} error={m.isError ? m.error : undefined} />
    </div>
  );
}
