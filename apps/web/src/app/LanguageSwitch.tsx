import { useQueryClient } from '@tanstack/react-query';
import type { Locale, MeDto } from '@vigil/shared';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { http } from '../lib/api';
import { applyLocale, currentLocale } from '../lib/i18n';
import { notifyError } from '../lib/notify';
import { ME_KEY } from './session';

/**
 * 中文 / EN. Remembered in this browser; when `persist` is set (signed in), also saved on the
 * user's account so the next login opens in the same language.
 */
export function LanguageSwitch({ persist, onChanged }: { persist: boolean; onChanged?: (l: Locale) => void }) {
  const { i18n } = useTranslation();
  const qc = useQueryClient();
  const value = i18n.language === 'en' ? 'en' : 'zh-CN';

  const change = async (locale: Locale) => {
    await applyLocale(locale);
    onChanged?.(locale);
    if (!persist) return;
    try {
      const me = await http.patch<MeDto>('/me', { locale });
      qc.setQueryData(ME_KEY, me);
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <span data-testid="lang-switch" data-locale={currentLocale()}>
      <Segmented<Locale>
        size="small"
        value={value}
        onChange={(v) => void change(v)}
        options={[
          { label: '中文', value: 'zh-CN' },
          { label: 'EN', value: 'en' },
        ]}
      />
    </span>
  );
}
