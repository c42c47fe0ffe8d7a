import type { PortalWarningDto } from '@vigil/shared';
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatBeijing } from '../../lib/time';
import { colourHex } from './portal-format';
import { WarningLevelTag } from './WarningLevelTag';

/** One warning as a large tappable card: colour bar, level, headline, type, counties, validity. */
function WarningCard({ w }: { w: PortalWarningDto }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const counties = w.counties.map((c) => c.name).join('、');
  return (
    <Link
      to={`/portal/warnings/${encodeURIComponent(w.identifier)}`}
      className="vg-portal-card"
      data-testid="portal-warning"
      data-identifier={w.identifier}
      data-colour={w.colour ?? ''}
      style={{ borderLeftColor: colourHex(w.colour) }}
    >
      <div className="vg-portal-card-top">
        <WarningLevelTag colour={w.colour} />
        <span className="vg-portal-muted">{en ? (w.typeNameEn ?? w.typeName) : w.typeName}</span>
      </div>
      <div className="vg-portal-headline">{w.headline}</div>
      {en && w.en && <div className="vg-portal-headline-en">{w.en.headline}</div>}
      <div className="vg-portal-muted">{counties || w.areaDescription}</div>
      <div className="vg-portal-muted">
        {t('portal.sentAt', { at: formatBeijing(w.sent, false) })}
        {' · '}
        {w.expires ? t('portal.expiresAt', { at: formatBeijing(w.expires, false) }) : t('portal.noExpiry')}
      </div>
    </Link>
  );
}

/** The active warnings (already filtered and ordered). */
export function PortalWarningList({ items, filtered }: { items: PortalWarningDto[]; filtered: boolean }) {
  const { t } = useTranslation();
  if (items.length === 0)
    return <Empty className="vg-portal-empty" description={filtered ? t('portal.emptyFiltered') : t('portal.empty')} />;
  return (
    <div className="vg-portal-list" data-testid="portal-warning-list">
      {items.map((w) => (
        <WarningCard key={w.identifier} w={w} />
      ))}
    </div>
  );
}
