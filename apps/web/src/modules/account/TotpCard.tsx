import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ME_KEY } from '../../app/session';
import { notifySuccess } from '../../lib/notify';
import { disableTotp, enrollTotp } from '../auth/auth.api';
import { TotpCodeForm } from '../auth/TotpCodeForm';
import { TotpEnrollPanel } from '../auth/TotpEnrollPanel';

/** My authenticator: enrol one (QR + code) or, with a current code, turn it off. */
export function TotpCard({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [enrolling, setEnrolling] = useState(false);
  const done = async (text: string) => {
    notifySuccess(text);
    setEnrolling(false);
    qc.removeQueries({ queryKey: ['totp-setup'] });
    await qc.invalidateQueries({ queryKey: ME_KEY });
  };
  const enroll = useMutation({
    mutationFn: enrollTotp,
    meta: { silent: true },
    onSuccess: () => done(t('account.totpEnrolled')),
  });
  const disable = useMutation({ mutationFn: disableTotp, meta: { silent: true }, onSuccess: () => done(t('account.totpRemoved')) });

  return (
    <Card size="small" title={t('account.totp')} style={{ marginBottom: 16 }} data-testid="totp-card">
      {enabled ? (
        <>
          <Typography.Paragraph type="secondary">{t('account.totpDisableHint')}</Typography.Paragraph>
          <TotpCodeForm
            onSubmit={(c) => disable.mutate(c)}
            loading={disable.isPending}
            error={disable.isError ? disable.error : undefined}
            submitLabel={t('account.totpDisable')}
            danger
          />
        </>
      ) : enrolling ? (
        <TotpEnrollPanel onSubmit={(c) => enroll.mutate(c)} loading={enroll.isPending} error={enroll.isError ? enroll.error : undefined} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('account.totpEnableHint')}</Typography.Paragraph>
          <Button type="primary" onClick={() => setEnrolling(true)} data-testid="totp-start">
            {t('account.totpEnable')}
          </Button>
        </>
      )}
    </Card>
  );
}
