import { useMutation, useQueryClient } from '@tanstack/react-query';
import { STOCK_ADJUST_KINDS, type StockLineDto } from '@vigil/shared';
import { Form, Input, InputNumber, Modal, Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../lib/forms';
import { notifySuccess } from '../../lib/notify';
import { adjustStock, RESOURCES_KEY, STOCK_KEY } from './resources.api';
import { previewQuantity, toAdjustInput, type StockAdjustFormValues } from './stock-format';
import { WarehouseSelect } from './WarehouseSelect';

/** 入库 / 出库 / 调拨 / 盘点 of one stock line, with a reason; shows the quantity after the move. */
export function StockAdjustModal(props: { line: StockLineDto; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<StockAdjustFormValues>();
  const kind = Form.useWatch('kind', form) ?? 'in';
  const amount = Form.useWatch('quantity', form);
  const l = props.line;
  const after = previewQuantity(l.quantity, kind, amount);
  const run = useMutation({
    mutationFn: (v: StockAdjustFormValues) => adjustStock(l.id, toAdjustInput(v)),
    meta: { silent: true },
    onSuccess: async () => {
      notifySuccess(t('stock.adjusted'));
      await qc.invalidateQueries({ queryKey: STOCK_KEY });
      await qc.invalidateQueries({ queryKey: RESOURCES_KEY });
      props.onClose();
    },
    onError: (e) => showFormError(form, e),
  });
  return (
    <Modal
      open={props.open}
      title={t('stock.adjustTitle', { name: l.name, quantity: l.quantity, unit: l.unit })}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okButtonProps={{ disabled: after === null, 'data-testid': 'stock-adjust-save' }}
      confirmLoading={run.isPending}
      destroyOnHidden
    >
      <Form<StockAdjustFormValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'in' }}
        onFinish={(v) => run.mutate(v)}
        preserve={false}
      >
        <Form.Item name="kind" label={t('stock.adjustKind')}>
          <Segmented
            options={STOCK_ADJUST_KINDS.map((k) => ({ value: k, label: t(`stock.kinds.${k}`) }))}
            data-testid="stock-adjust-kind"
          />
        </Form.Item>
        <Form.Item
          name="quantity"
          label={kind === 'stocktake' ? t('stock.counted') : t('stock.amount')}
          rules={[{ required: true, message: t('common.required') }]}
          extra={
            after === null ? (
              <Typography.Text type="danger">{t('stock.wouldBeNegative')}</Typography.Text>
            ) : (
              t('stock.after', { quantity: after, unit: l.unit })
            )
          }
        >
          <InputNumber min={0} style={{ width: '100%' }} suffix={l.unit} data-testid="stock-adjust-quantity" />
        </Form.Item>
        {kind === 'transfer' && (
          <Form.Item name="toWarehouseId" label={t('stock.toWarehouse')} rules={[{ required: true, message: t('common.required') }]}>
            <WarehouseSelect exclude={l.warehouseId} testId="stock-adjust-target" />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('stock.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea rows={2} maxLength={300} showCount data-testid="stock-adjust-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
