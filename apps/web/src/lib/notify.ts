import type { App } from 'antd';
import { ApiError } from './api-error';
import { i18n } from './i18n';

type MessageInstance = ReturnType<typeof App.useApp>['message'];

let messageApi: MessageInstance | null = null;

/** Hands the themed antd `message` API (from `App.useApp()`) to code outside React. */
export function setMessageApi(api: MessageInstance | null): void {
  messageApi = api;
}

/** The text to show for any failure. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return i18n.t('errors.network');
    return err.userMessage || i18n.t('errors.generic');
  }
  return err instanceof Error && err.message ? err.message : i18n.t('errors.generic');
}

/** Shows a failed call's `detail` as a toast (nothing for errors already handled, e.g. a 401 redirect). */
export function notifyError(err: unknown): void {
  if (err instanceof ApiError && err.silent) return;
  if (err instanceof DOMException && err.name === 'AbortError') return;
  void messageApi?.error(errorText(err));
}

/** Shows a short success toast. */
export function notifySuccess(text: string): void {
  void messageApi?.success(text);
}
