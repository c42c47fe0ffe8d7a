import { CloseOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Popover, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDistance } from './measure';
import { useDispatchBasket, type BasketItem } from './useDispatchBasket';

/** The dispatch list (调度清单) kept in this browser: count badge, list, remove and clear. */
export function DispatchBasketButton({ onItem }: { onItem: (item: BasketItem) => void }) {
  const { t } = useTranslation();
  const basket = useDispatchBasket();
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
          <Button size="small" danger onClick={basket.clear} data-testid="basket-clear">
            {t('map.basket.clear')}
          </Button>
        </>
      )}
    </div>
  );
  return (
    <Popover content={content} title={t('map.basket.title')} trigger="click" placement="bottomLeft">
      <Tooltip title={t('map.basket.title')}>
        <Button aria-label={t('map.basket.title')} data-testid="basket-button">
          <Badge count={basket.items.length} size="small" offset={[6, -4]}>
            <ShoppingCartOutlined />
          </Badge>
        </Button>
      </Tooltip>
    </Popover>
  );
}
