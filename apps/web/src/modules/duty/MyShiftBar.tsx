import { LoginOutlined, LogoutOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { notifySuccess } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { useNow } from '../reporting/useNow';
import { DUTY_KEY, fetchShifts, signIn, signOut } from './duty.api';
import { mySignableShifts } from './duty-calendar';

const DAY = 86_400_000;

/** My own shift around now (of my org): sign in from 30 minutes before it starts, sign out after. */
export function useMyShifts() {
  const me = useMe();
  const now = useNow(60_000);
  const hour = Math.floor(now / 3_600_000) * 3_600_000;
  const orgId = me.data?.org.id;
  const shifts = useQuery({
    queryKey: [...DUTY_KEY, 'my-shifts', orgId, hour],
    queryFn: () => fetchShifts({ orgId, from: new Date(hour - DAY).toISOString(), to: new Date(hour + DAY).toISOString() }),
    enabled: !!orgId && can(me.data, 'duty.read'),
  });
  return { all: shifts.data ?? [], mine: mySignableShifts(shifts.data ?? [], me.data?.user.id ?? '', now) };
}

/** The sign-in / sign-out bar for my current shift (shown only to people on a shift now). */
export function MyShiftBar() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const { mine } = useMyShifts();
  const done = async (what: string) => {
    notifySuccess(what);
    await qc.invalidateQueries({ queryKey: DUTY_KEY });
  };
  const inM = useMutation({ mutationFn: signIn, onSuccess: () => done(t('duty.signedIn')) });
  const outM = useMutation({ mutationFn: signOut, onSuccess: () => done(t('duty.signedOut')) });
  if (!can(me.data, 'duty.sign') || mine.length === 0) return null;

  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="my-shift"
      title={
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          {mine.map(({ shift, person }) => (
            <Space key={shift.id} wrap>
              <Typography.Text strong>
                {t('duty.myShift')}：{t(`duty.kinds.${shift.kind}`)} {formatBeijing(shift.startsAt, false)} –{' '}
                {formatBeijing(shift.endsAt, false).slice(11)}
              </Typography.Text>
              <Typography.Text type="secondary">{t(`duty.roles.${person.role}`)}</Typography.Text>
              {person.signedInAt && (
                <Typography.Text type="success">
                  {t('duty.signedInAt', { at: formatBeijing(person.signedInAt, false).slice(11) })}
                </Typography.Text>
              )}
              {!person.signedInAt && (
                <Button
                  type="primary"
                  size="small"
                  icon={<LoginOutlined />}
                  loading={inM.isPending}
                  onClick={() => inM.mutate(shift.id)}
                  data-testid="duty-sign-in"
                >
                  {t('duty.signIn')}
                </Button>
              )}
              {person.signedInAt && !person.signedOutAt && (
                <Button
                  size="small"
                  icon={<LogoutOutlined />}
                  loading={outM.isPending}
                  onClick={() => outM.mutate(shift.id)}
                  data-testid="duty-sign-out"
                >
                  {t('duty.signOut')}
                </Button>
              )}
              {person.signedOutAt && (
                <Typography.Text type="secondary">
                  {t('duty.signedOutAt', { at: formatBeijing(person.signedOutAt, false).slice(11) })}
                </Typography.Text>
              )}
            </Space>
          ))}
        </Space>
      }
    />
  );
}
