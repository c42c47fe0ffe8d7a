import type { Locale } from '@vigil/shared';
import { Segmented } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { useClientConfig } from '../../lib/client-config';
import { applyLocale } from '../../lib/i18n';
import './portal.css';

/** 中文 / EN for the public: remembered in this browser only (there is no account to save it on). */
function PortalLanguageSwitch() {
  const { i18n } = useTranslation();
  const value: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <span data-testid="portal-lang" data-locale={value}>
      <Segmented<Locale>
        value={value}
        onChange={(v) => void applyLocale(v)}
        options={[
          { label: '中文', value: 'zh-CN' },
          { label: 'EN', value: 'en' },
        ]}
      />
    </span>
  );
}

/** The portal's own light frame: the issuing bureau, the title, the language switch; no menu, no login. */
export default function PortalLayout() {
  const { t, i18n } = useTranslation();
  const config = useClientConfig();
  const bureau = config.data?.bureau ?? null;

  useEffect(() => {
    document.title = bureau ? `${t('portal.title')} - ${bureau}` : t('portal.title');
  }, [bureau, t, i18n.language]);

  return (
    <div className="vg-portal" data-testid="portal">
      <header className="vg-portal-header">
        <Link to="/portal" className="vg-portal-brand">
          <span className="vg-portal-mark" aria-hidden>
            !
          </span>
          <span className="vg-portal-names">
            {bureau && (
              <span className="vg-portal-bureau" data-testid="portal-bureau">
                {bureau}
              </span>
            )}
            <span className="vg-portal-title">{t('portal.title')}</span>
          </span>
        </Link>
        <PortalLanguageSwitch />
      </header>
      <main className="vg-portal-main">
        <Outlet />
      </main>
      <footer className="vg-portal-footer">{t('portal.footer')}</footer>
    </div>
  );
}
