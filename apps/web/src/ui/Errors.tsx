import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useRouteError } from 'react-router';
import { errorText } from '../lib/notify';

/** Shown in place of a page the user has no permission for. */
export function Forbidden() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('errors.forbidden')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** Shown for an unknown address inside the app. */
export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('errors.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** The router's error boundary: a crash or a chunk that failed to load (e.g. after an upgrade). */
export function RouteError() {
  const { t } = useTranslation();
  const err = useRouteError();
  return (
    <Result
      status="error"
      title={t('errors.crashed')}
      subTitle={errorText(err)}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </Button>
      }
    />
  );
}
