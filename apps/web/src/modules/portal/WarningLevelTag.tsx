import type { WarningColour } from '@vigil/shared';
import { useTranslation } from 'react-i18next';
import { colourHex } from './portal-format';

/** The warning's colour and level (e.g. 橙色 · Ⅱ级 严重) as a solid badge in the signal colour. */
export function WarningLevelTag({ colour }: { colour: WarningColour | null }) {
  const { t } = useTranslation();
  const dark = colour === 'yellow';
  return (
    <span className="vg-portal-level" style={{ background: colourHex(colour), color: dark ? '#262626' : '#fff' }}>
      {colour ? `${t(`portal.colours.${colour}`)} · ${t(`portal.levels.${colour}`)}` : t('portal.noColour')}
    </span>
  );
}
