import { Empty, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatBeijing } from '../../lib/time';
import { FROM_BASKET } from './BasketSuggestions';
import { useActiveResponses } from './dispatch-suggest.api';

/**
 * 派往响应: picks one of the active responses and opens its page with the One Map's dispatch list
 * shown as suggestions there (the list itself stays in this browser's storage).
 */
export function SendToResponseModal({ open, count, onClose }: { open: boolean; count: number; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useActiveResponses(open);
  const [id, setId] = useState<string | undefined>();
  const go = () => {
    if (!id) return;
    onClose();
    void navigate(`/responses/${id}?from=${FROM_BASKET}`);
  };
  const items = list.data ?? [];
  return (
    <Modal
      open={open}
      title={t('command.suggest.sendToResponse')}
      onCancel={onClose}
      onOk={go}
      okText={t('command.suggest.open')}
      okButtonProps={{ disabled: !id || count === 0, 'data-testid': 'send-to-response-ok' }}
      destroyOnHidden
    >
      {count === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('command.suggest.basketEmpty')} />
      ) : !list.isPending && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('command.suggest.noActive')} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('command.suggest.pickResponse')}</Typography.Paragraph>
          <Select
            value={id}
            onChange={setId}
            loading={list.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: '100%' }}
            placeholder={t('command.suggest.pickResponse')}
            options={items.map((r) => ({
              value: r.id,
              label: `${r.name.includes(r.incidentTitle) ? r.name : `${r.incidentTitle} · ${r.name}`}（${t(`plans.responseLevels.${r.level}`)}，${formatBeijing(r.launchedAt, false)}）`,
            }))}
            data-testid="send-to-response-select"
          />
        </>
      )}
    </Modal>
  );
}
