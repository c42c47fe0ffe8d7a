import { useQuery } from '@tanstack/react-query';
import { Alert, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../lib/notify';
import { fetchTotpSetup } from './auth.api';
import { TotpCodeForm } from './TotpCodeForm';

/** The QR code and secret of a new authenticator, and the code that confirms it (login step and My account). */
export function TotpEnrollPanel(props: { onSubmit: (code: string) => void; loading: boolean; error?: unknown }) {
  const { t } = useTranslation();
  const setup = useQuery({
    queryKey: ['totp-setup'],
    queryFn: fetchTotpSetup,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    meta: { silent: true },
  });
  if (setup.isPending) return <Spin />;
  if (setup.isError) return <Alert type="error" showIcon title={errorText(setup.error)} />;
  return (
    <div data-testid="totp-enroll">
      <Typography.Paragraph type="secondary">{t('login.enrollHint')}</Typography.Paragraph>
      <img className="vg-qr" src={setup.data.qrDataUrl} alt={t('login.enrollQr')} data-testid="totp-qr" />
      <Typography.Paragraph style={{ textAlign: 'center' }}>
        {t('login.enrollSecret')}
        <Typography.Text code copyable data-testid="totp-secret">
          {setup.data.secret}
        </Typography.Text>
      </Typography.Paragraph>
      <TotpCodeForm onSubmit={props.onSubmit} loading={props.loading} error={props.error} submitLabel={t('login.enrollConfirm')} />
    </div>
  );
}
