import { Card, Col, Descriptions, Row, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { formatBeijing } from '../../lib/time';
import { PageHeader } from '../../ui/PageHeader';
import { PasswordCard } from './PasswordCard';
import { SessionsCard } from './SessionsCard';
import { TotpCard } from './TotpCard';

/** 个人中心: who I am, change my password, my authenticator, my sessions. */
export default function AccountPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return null;
  return (
    <div data-testid="account-page">
      <PageHeader title={t('account.title')} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('users.username')}>{me.user.username}</Descriptions.Item>
          <Descriptions.Item label={t('users.displayName')}>{me.user.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('users.org')}>{me.org.name}</Descriptions.Item>
          <Descriptions.Item label={t('users.roles')}>
            {me.roles.map((r) => (
              <Tag key={r.id}>{r.name}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('account.passwordExpires')}>
            {formatBeijing(me.user.passwordExpiresAt, false) || '—'}
          </Descriptions.Item>
          <Descriptions.Item label="TOTP">
            {me.user.totpEnabled ? <Tag color="green">{t('account.totpOn')}</Tag> : <Tag>{t('account.totpOff')}</Tag>}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <PasswordCard />
        </Col>
        <Col xs={24} lg={12}>
          <TotpCard enabled={me.user.totpEnabled} />
        </Col>
      </Row>
      <SessionsCard />
    </div>
  );
}
