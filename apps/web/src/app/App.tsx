import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { ApiError } from '../lib/api-error';
import { setUnauthorizedHandler } from '../lib/api';
import { notifyError, setMessageApi } from '../lib/notify';
import { router } from './router';
import { ME_KEY } from './session';

function retry(count: number, err: unknown): boolean {
  if (err instanceof ApiError && err.status >= 400 && err.status < 500) return false;
  return count < 2;
}

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry, refetchOnWindowFocus: false, staleTime: 15_000 } },
  queryCache: new QueryCache({ onError: (err, q) => q.meta?.silent !== true && notifyError(err) }),
  mutationCache: new MutationCache({ onError: (err, _v, _c, m) => m.meta?.silent !== true && notifyError(err) }),
});

setUnauthorizedHandler(() => {
  queryClient.setQueryData(ME_KEY, null);
  const { pathname, search } = window.location;
  if (pathname !== '/login') void router.navigate('/login', { state: { from: pathname + search } });
});

/** Gives code outside React the themed `message` API. */
function MessageBridge() {
  const { message } = AntApp.useApp();
  useEffect(() => {
    setMessageApi(message);
    return () => setMessageApi(null);
  }, [message]);
  return null;
}

/** The root: data cache, antd theme and locale (follows the UI language), router. */
export function App() {
  const { i18n } = useTranslation();
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1f5fbf', borderRadius: 4 } }}>
        <AntApp>
          <MessageBridge />
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
