import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { StockLineDto } from '@vigil/shared';
import { Col, DatePicker, Form, Input, InputNumber, Modal, Row } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../lib/forms';
import { notifySuccess } from '../../lib/notify';
import { addStockLine, STOCK_KEY, updateStockLine } from './resources.api';
import { toStockLineInput, toStockLineUpdate, type StockLineFormValues } from './stock-format';

/** Keeps a date field as `YYYY-MM-DD` in the form while the picker works with dayjs. */
const dateItem = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

const valuesOf = (l: StockLineDto): StockLineFormValues => ({
  externalCode: l.externalCode,
  materialCode: l.materialCode,
  name: l.name,
  spec: l.spec,
  unit: l.unit,
  quantity: l.quantity,
  minQuantity: l.minQuantity,
  batch: l.batch,
  producedOn: l.producedOn,
  expiresOn: l.expiresOn,
});

/** Adds a stock line to a warehouse, or edits a line's description (the quantity moves only by adjustments). */
export function StockLineModal(props: { warehouseId: string; line?: StockLineDto | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<StockLineFormValues>();
  const line = props.line;
  const save = useMutation({
    mutationFn: (v: StockLineFormValues) =>
      line ? updateStockLine(line.id, toStockLineUpdate(v)) : addStockLine(props.warehouseId, toStockLineInput(v)),
    meta: { silent: true },
    onSuccess: async () => {
      notifySuccess(t('common.saved'));
      await qc.invalidateQueries({ queryKey: STOCK_KEY });
      props.onClose();
    },
    onError: (e) => showFormError(form, e),
  });
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Modal
      open={props.open}
      width={720}
      title={line ? t('stock.editLine', { name: line.name }) : t('stock.addLine')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'stock-line-save' }}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<StockLineFormValues>
        form={form}
        layout="vertical"
        initialValues={line ? valuesOf(line) : { minQuantity: 0, quantity: 0 }}
        onFinish={(v) => save.mutate(v)}
        preserve={false}
        data-testid="stock-line-form"
      >
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              name="materialCode"
              label={t('stock.materialCode')}
              rules={[...required, { pattern: /^4[0-9A-Za-z]{4}$/, message: t('stock.materialCodeInvalid') }]}
            >
              <Input maxLength={5} placeholder="43B01" data-testid="stock-material-code" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('stock.name')} rules={required}>
              <Input maxLength={100} data-testid="stock-name" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="spec" label={t('stock.spec')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="unit" label={t('stock.unit')} rules={required}>
              <Input maxLength={10} data-testid="stock-unit" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="quantity" label={t('stock.quantity')} rules={required} extra={line ? t('stock.quantityByAdjust') : undefined}>
              <InputNumber min={0} disabled={!!line} style={{ width: '100%' }} data-testid="stock-quantity-input" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="minQuantity" label={t('stock.minQuantity')}>
              <InputNumber min={0} style={{ width: '100%' }} data-testid="stock-min-input" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="batch" label={t('stock.batch')}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="producedOn" label={t('stock.producedOn')} {...dateItem}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="expiresOn" label={t('stock.expiresOn')} {...dateItem}>
              <DatePicker style={{ width: '100%' }} data-testid="stock-expires" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="externalCode" label={t('resources.fields.externalCode')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
