import { CloseOutlined, SendOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Popover, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../app/session';
import { SendToResponseModal } from '../modules/command/SendToResponseModal';
import { formatDistance } from './measure';
import { useDispatchBasket, type BasketItem } from './useDispatchBasket';

/**
 * The dispatch list (调度清单) kept in this browser: count badge, list, remove and clear, and
 * 派往响应 — open an active response with the list as its suggestions (needs `command.read`).
 */
export function DispatchBasketButton({ onItem }: { onItem: (item: BasketItem) => void }) {
  const { t } = useTranslation();
  const basket = useDispatchBasket();
  const me = useMe();
  const [sending, setSending] = useState(false);
  const [open, setOpen] = useState(false);
  const content = (
    <div className="vg-basket" data-testid="dispatch-basket">
      {basket.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('map.basket.empty')} />
      ) : (
        <>
          {basket.items.map((i) => (
            <div key={`${i.layer}:${i.id}`} className="vg-result-item" data-testid="basket-item">
              <span>
                <Typography.Link onClick={() => onItem(i)}>{i.name}</Typography.Link>
                <Typography.Text type="secondary" style={{ marginLeft: 6 }}>
                  {t(`map.kinds.${i.layer}`)}
                  {i.distanceM !== null && ` · ${formatDistance(i.distanceM)}`}
                </Typography.Text>
              </span>
              <Button
                size="small"
                type="text"
                icon={<CloseOutlined />}
                onClick={() => basket.remove(i)}
                aria-label={t('map.basket.remove')}
              />
            </div>
          ))}
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>
            {t('map.basket.hint')}
          </Typography.Paragraph>
          <Space size={4}>
            {can(me.data, 'command.read') && (
              <Button
                size="small"
                type="primary"
                icon={<SendOutlined />}
                onClick={() => {
                  setOpen(false);
                  setSending(true);
                }}
                data-testid="basket-send"
              >
                {t('command.suggest.sendToResponse')}
              </Button>
            )}
            <Button size="small" danger onClick={basket.clear} data-testid="basket-clear">
              {t('map.basket.clear')}
            </Button>
          </Space>
        </>
      )}
    </div>
  );
  return (
    <>
      <Popover content={content} title={t('map.basket.title')} trigger="click" placement="bottomLeft" open={open} onOpenChange={setOpen}>
        <Tooltip title={t('map.basket.title')}>
          <Button aria-label={t('map.basket.title')} data-testid="basket-button">
            <Badge count={basket.items.length} size="small" offset={[6, -4]}>
              <ShoppingCartOutlined />
            </Badge>
          </Button>
        </Tooltip>
      </Popover>
      <SendToResponseModal open={sending} count={basket.items.length} onClose={() => setSending(false)} />
    </>
  );
}
