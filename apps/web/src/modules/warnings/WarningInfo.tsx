import type { WarningDto } from '@vigil/shared';
import { Descriptions, Divider, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatBeijing } from '../../lib/time';
import { ColourTag, SignatureTag, SourceTag } from './WarningTags';

const dash = (v: string | null | undefined) => (v ? v : '—');

/** Every field of a warning: type, level, texts, area, times, audience, channels, CAP identity, reasons. */
export function WarningInfo({ warning: w }: { warning: WarningDto }) {
  const { t } = useTranslation();
  return (
    <div data-testid="warning-info">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('warnings.fields.type')}>{`${w.typeCode} ${w.typeName}`}</Descriptions.Item>
        <Descriptions.Item label={t('warnings.fields.colourLevel')}>
          <ColourTag colour={w.colour} level />
        </Descriptions.Item>
        <Descriptions.Item label={t('warnings.fields.issuer')}>{w.source === 'external' ? dash(w.sender) : w.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('warnings.fields.source')}>
          <Space size={2}>
            <SourceTag source={w.source} />
            <SignatureTag status={w.signatureStatus} />
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('warnings.fields.effective')}>{dash(formatBeijing(w.effective, false))}</Descriptions.Item>
        <Descriptions.Item label={t('warnings.fields.onset')}>{dash(formatBeijing(w.onset, false))}</Descriptions.Item>
        <Descriptions.Item label={t('warnings.fields.expires')}>{dash(formatBeijing(w.expires, false))}</Descriptions.Item>
        <Descriptions.Item label={t('warnings.fields.sent')}>{dash(formatBeijing(w.sent, false))}</Descriptions.Item>
        <Descriptions.Item label={t('warnings.fields.areaDescription')} span={2}>
          {dash(w.area.description)}
        </Descriptions.Item>
        <Descriptions.Item label={t('warnings.fields.audience')}>{dash(w.audience)}</Descriptions.Item>
        <Descriptions.Item label={t('warnings.fields.channels')}>
          {w.channels.map((c) => (
            <Tag key={c}>{t(`warnings.channels.${c}`, { defaultValue: c })}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('warnings.fields.identifier')} span={2}>
          <Typography.Text copyable={!!w.identifier} data-testid="warning-identifier">
            {dash(w.identifier)}
          </Typography.Text>
        </Descriptions.Item>
        {w.signer && (
          <Descriptions.Item label={t('warnings.fields.signer')} span={2}>
            {w.signer}
          </Descriptions.Item>
        )}
        {w.rejectReason && (
          <Descriptions.Item label={t('warnings.fields.rejectReason')} span={2}>
            <Typography.Text type="danger">{w.rejectReason}</Typography.Text>
          </Descriptions.Item>
        )}
        {w.cancelReason && (
          <Descriptions.Item label={t('warnings.fields.cancelReason')} span={2}>
            {w.cancelReason}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Divider titlePlacement="start" plain>
        {t('warnings.fields.description')}
      </Divider>
      <Typography.Paragraph className="vg-warning-text" data-testid="warning-description-text">
        {w.description}
      </Typography.Paragraph>
      <Divider titlePlacement="start" plain>
        {t('warnings.fields.instruction')}
      </Divider>
      <Typography.Paragraph className="vg-warning-text">{dash(w.instruction)}</Typography.Paragraph>
      {w.en && (
        <>
          <Divider titlePlacement="start" plain>
            {t('warnings.sections.english')}
          </Divider>
          <Typography.Paragraph strong>{w.en.headline}</Typography.Paragraph>
          <Typography.Paragraph className="vg-warning-text">{w.en.description}</Typography.Paragraph>
          {w.en.instruction && <Typography.Paragraph className="vg-warning-text">{w.en.instruction}</Typography.Paragraph>}
        </>
      )}
    </div>
  );
}
