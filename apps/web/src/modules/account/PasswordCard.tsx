import { useQueryClient } from '@tanstack/react-query';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { ME_KEY } from '../../app/session';
import { notifySuccess } from '../../lib/notify';
import { changePassword } from '../auth/auth.api';
import { PasswordChangeForm } from '../auth/PasswordChangeForm';

/** Change my password (the policy's reasons appear under the new-password field). */
export function PasswordCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  return (
    <Card size="small" title={t('account.changePassword')} style={{ marginBottom: 16 }}>
      <PasswordChangeForm
        submitLabel={t('account.changePassword')}
        submit={async (c, n) => {
          await changePassword(c, n);
          notifySuccess(t('account.passwordChanged'));
          await qc.invalidateQueries({ queryKey: ME_KEY });
        }}
      />
    </Card>
  );
}
