// dayjs is the date library of antd's pickers (installed with antd); it is used here only to build picker values.
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { i18n } from '../../lib/i18n';
import { formatBeijing } from '../../lib/time';

// Month and weekday names of the calendar and pickers follow the UI language (weeks start on Monday in Chinese).
const followLanguage = (lng: string) => void dayjs.locale(lng === 'en' ? 'en' : 'zh-cn');
followLanguage(i18n.language);
i18n.on('languageChanged', followLanguage);

/** A picker value showing a Beijing wall-clock time (`2026-06-01 08:30:00`). */
export const pickerValue = (wall: string): Dayjs => dayjs(wall);

/** The picker value for an instant, shown in Beijing time. */
export const pickerFromIso = (iso: string | Date): Dayjs => dayjs(formatBeijing(iso));

/** Now, in Beijing time, as a picker value. */
export const beijingNow = (): Dayjs => pickerFromIso(new Date());

/** Days after today (Beijing) cannot be picked for things that already happened. */
export const disabledFuture = (d: Dayjs): boolean => d.isAfter(beijingNow(), 'day');

export type { Dayjs };
