import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../lib/api-error';
import { errorText } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { fetchPortalWarning, portalKeys } from './portal.api';
import { colourHex } from './portal-format';
import { WarningLevelTag } from './WarningLevelTag';

const ENDED = ['superseded', 'cancelled', 'expired'] as const;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="vg-portal-field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Back() {
  const { t } = useTranslation();
  return (
    <Link to="/portal" className="vg-portal-back" data-testid="portal-back">
      <ArrowLeftOutlined /> {t('portal.detail.back')}
    </Link>
  );
}

/** /portal/warnings/:identifier — one warning in full: level, area, validity, 防御指南, English block and the XML documents. */
export default function PortalWarningPage() {
  const { t, i18n } = useTranslation();
  const { identifier = '' } = useParams();
  const q = useQuery({
    queryKey: portalKeys.warning(identifier),
    queryFn: () => fetchPortalWarning(identifier),
    meta: { silent: true },
  });

  if (q.isPending) return <Spin size="large" className="vg-portal-page-spin" />;
  if (q.isError) {
    const missing = q.error instanceof ApiError && q.error.status === 404;
    return (
      <div className="vg-portal-detail">
        <Back />
        <Result status={missing ? '404' : 'error'} title={missing ? t('portal.detail.notFound') : errorText(q.error)} />
      </div>
    );
  }
  const w = q.data;
  const en = i18n.language === 'en';
  const ended = (ENDED as readonly string[]).includes(w.status) ? (w.status as (typeof ENDED)[number]) : null;
  const file = (kind: 'cap' | 'gb') => `${w.identifier}.${kind}.xml`;
  const english = w.en && (
    <section className="vg-portal-section" lang="en" data-testid="portal-english">
      <h2 className="vg-portal-h2">{t('portal.detail.english')}</h2>
      <p className="vg-portal-en-headline">{w.en.headline}</p>
      <p className="vg-portal-text">{w.en.description}</p>
      {w.en.instruction && <p className="vg-portal-text">{w.en.instruction}</p>}
    </section>
  );

  return (
    <article className="vg-portal-detail" data-testid="portal-detail" data-identifier={w.identifier}>
      <Back />
      {ended && (
        <Alert
          type="info"
          showIcon
          className="vg-portal-alert"
          message={t('portal.detail.ended', { status: t(`portal.detail.statuses.${ended}`) })}
        />
      )}
      <header className="vg-portal-detail-head" style={{ borderTopColor: colourHex(w.colour) }}>
        <WarningLevelTag colour={w.colour} />
        <h1 className="vg-portal-h1" data-testid="portal-detail-headline">
          {w.headline}
        </h1>
      </header>
      <dl className="vg-portal-fields">
        <Field label={t('portal.detail.type')}>{en ? (w.typeNameEn ?? w.typeName) : w.typeName}</Field>
        <Field label={t('portal.detail.level')}>{w.colour ? t(`portal.levels.${w.colour}`) : t('portal.noColour')}</Field>
        <Field label={t('portal.detail.area')}>{w.areaDescription}</Field>
        {w.counties.length > 0 && <Field label={t('portal.detail.counties')}>{w.counties.map((c) => c.name).join('、')}</Field>}
        <Field label={t('portal.detail.effective')}>
          {w.effective ? formatBeijing(w.effective, false) : t('portal.detail.immediately')}
        </Field>
        <Field label={t('portal.detail.expires')}>{w.expires ? formatBeijing(w.expires, false) : t('portal.noExpiry')}</Field>
        <Field label={t('portal.detail.sent')}>{formatBeijing(w.sent, false)}</Field>
        <Field label={t('portal.detail.sender')}>{w.sender}</Field>
      </dl>
      {en && english}
      <section className="vg-portal-section">
        <h2 className="vg-portal-h2">{t('portal.detail.description')}</h2>
        <p className="vg-portal-text">{w.description}</p>
      </section>
      {w.instruction && (
        <section className="vg-portal-section vg-portal-guide" data-testid="portal-instruction">
          <h2 className="vg-portal-h2">{t('portal.detail.instruction')}</h2>
          <p className="vg-portal-text">{w.instruction}</p>
        </section>
      )}
      {!en && english}
      <section className="vg-portal-section">
        <h2 className="vg-portal-h2">{t('portal.detail.downloads')}</h2>
        <div className="vg-portal-downloads">
          <Button size="large" icon={<DownloadOutlined />} href={w.capUrl} download={file('cap')} data-testid="portal-cap-link">
            {t('portal.detail.cap')}
          </Button>
          {w.gbUrl && (
            <Button size="large" icon={<DownloadOutlined />} href={w.gbUrl} download={file('gb')} data-testid="portal-gb-link">
              {t('portal.detail.gb')}
            </Button>
          )}
        </div>
      </section>
    </article>
  );
}
