import type { SignatureStatus, WarningColour, WarningSource, WarningStatus } from '@vigil/shared';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { COLOUR_HEX, COLOUR_TEXT, SIGNATURE_TAG, SOURCE_TAG, STATUS_TAG } from './warning-format';

/** The warning's colour as a filled tag in the national colour (e.g. 橙色 Ⅱ级). */
export function ColourTag({ colour, level = false }: { colour: WarningColour | null; level?: boolean }) {
  const { t } = useTranslation();
  if (!colour) return <Tag>{t('warnings.noColour')}</Tag>;
  return (
    <Tag
      variant="solid"
      color={COLOUR_HEX[colour]}
      style={{ color: COLOUR_TEXT[colour], background: COLOUR_HEX[colour], borderColor: COLOUR_HEX[colour] }}
      data-testid="warning-colour-tag"
      data-colour={colour}
    >
      {t(`warnings.colours.${colour}`)}
      {level ? ` · ${t(`warnings.levels.${colour}`)}` : ''}
    </Tag>
  );
}

export function WarningStatusTag({ status, testId }: { status: WarningStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_TAG[status]} data-testid={testId} data-status={status}>
      {t(`warnings.statuses.${status}`)}
    </Tag>
  );
}

export function SignatureTag({ status }: { status: SignatureStatus | null }) {
  const { t } = useTranslation();
  if (!status) return null;
  return (
    <Tag color={SIGNATURE_TAG[status]} data-testid="warning-signature" data-signature={status}>
      {t(`warnings.signatures.${status}`)}
    </Tag>
  );
}

export function SourceTag({ source }: { source: WarningSource }) {
  const { t } = useTranslation();
  return <Tag color={SOURCE_TAG[source]}>{t(`warnings.sources.${source}`)}</Tag>;
}
