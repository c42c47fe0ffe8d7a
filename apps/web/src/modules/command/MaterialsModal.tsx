import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MaterialDispatchDto, TaskDto } from '@vigil/shared';
import { Button, Col, Form, Input, InputNumber, Modal, Row, Select, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, toFormErrors } from '../../lib/api-error';
import { notifyError, notifySuccess } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { WarehouseSelect } from '../resources/WarehouseSelect';
import { STOCK_KEY } from '../resources/resources.api';
import { outstanding } from './command-format';
import { COMMAND_KEY, dispatchMaterial, fetchMaterials, fetchStockLines, materialsKey, returnMaterial } from './command.api';

interface DispatchValues {
  warehouseId?: string;
  lineId: string;
  quantity: number;
  note?: string;
}

/**
 * 物资调拨: the task's dispatches (with 归还) and, for `command.dispatch`, a dispatch from a warehouse
 * stock line. `warehouse` preselects the warehouse (a suggestion of 周边资源建议).
 */
export function MaterialsModal({
  task,
  open,
  canDispatch,
  onClose,
  warehouse: suggested,
}: {
  task: TaskDto;
  open: boolean;
  canDispatch: boolean;
  onClose: () => void;
  warehouse?: { id: string; name: string };
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<DispatchValues>();
  const [warehouseId, setWarehouseId] = useState<string | undefined>();
  const [keepSuggested, setKeepSuggested] = useState(true);
  const suggestedId = suggested?.id;
  const list = useQuery({ queryKey: materialsKey(task.id), queryFn: () => fetchMaterials(task.id), enabled: open });
  const lines = useQuery({
    queryKey: [...COMMAND_KEY, 'stock', warehouseId],
    queryFn: () => fetchStockLines(warehouseId ?? ''),
    enabled: open && !!warehouseId,
  });
  useEffect(() => {
    if (open) {
      form.resetFields();
      setWarehouseId(suggestedId);
      setKeepSuggested(true);
      if (suggestedId) form.setFieldsValue({ warehouseId: suggestedId });
    }
  }, [open, form, suggestedId]);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: COMMAND_KEY });
    void qc.invalidateQueries({ queryKey: STOCK_KEY });
  };

  const send = useMutation({
    mutationFn: (v: DispatchValues) =>
      dispatchMaterial(task.id, { lineId: v.lineId, quantity: v.quantity, ...(v.note?.trim() ? { note: v.note.trim() } : {}) }),
    meta: { silent: true },
    onSuccess: async () => {
      notifySuccess(t('command.dispatched'));
      form.resetFields(['lineId', 'quantity', 'note']);
      await refresh();
    },
    onError: (e) => {
      if (e instanceof ApiError) form.setFields(toFormErrors(e, ['lineId', 'quantity', 'note']) as never);
      notifyError(e);
      void refresh();
    },
  });
  const giveBack = useMutation({
    mutationFn: (d: MaterialDispatchDto) => returnMaterial(task.id, d.id, {}),
    meta: { silent: true },
    onSuccess: async () => {
      notifySuccess(t('command.returned'));
      await refresh();
    },
    onError: (e) => {
      notifyError(e);
      void refresh();
    },
  });

  return (
    <Modal open={open} title={`${t('command.materialsTitle')} · ${task.title}`} onCancel={onClose} footer={null} width={820} forceRender>
      <Table<MaterialDispatchDto>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: t('command.noDispatches') }}
        data-testid="task-materials-table"
        onRow={(d) => ({ 'data-testid': 'task-material-row', 'data-id': d.id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('command.fields.warehouse'), dataIndex: 'warehouseName' },
          { title: t('command.fields.item'), dataIndex: 'name' },
          { title: t('command.fields.quantity'), render: (_, d) => `${d.quantity} ${d.unit}` },
          {
            title: t('command.fields.returnedQuantity'),
            render: (_, d) => <span data-testid="task-material-returned">{d.returnedQuantity ?? 0}</span>,
          },
          { title: t('command.fields.at'), render: (_, d) => `${formatBeijing(d.at, false)}${d.by ? ` · ${d.by}` : ''}` },
          {
            title: '',
            render: (_, d) =>
              canDispatch && outstanding(d) > 0 ? (
                <Button
                  size="small"
                  loading={giveBack.isPending && giveBack.variables?.id === d.id}
                  onClick={() => giveBack.mutate(d)}
                  data-testid="task-material-return"
                >
                  {t('command.returnMaterial')}
                </Button>
              ) : null,
          },
        ]}
      />
      {canDispatch && (
        <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)} style={{ marginTop: 16 }} data-testid="task-dispatch-form">
          <Row gutter={8}>
            <Col xs={24} md={12}>
              <Form.Item name="warehouseId" label={t('command.fields.warehouse')}>
                {suggested && keepSuggested ? (
                  <Select
                    options={[{ value: suggested.id, label: suggested.name }]}
                    data-testid="task-dispatch-warehouse-suggested"
                    popupRender={(menu) => (
                      <>
                        {menu}
                        <Button
                          type="link"
                          size="small"
                          onClick={() => {
                            setKeepSuggested(false);
                            setWarehouseId(undefined);
                            form.setFieldsValue({ warehouseId: undefined, lineId: undefined });
                          }}
                        >
                          {t('command.suggest.otherWarehouse')}
                        </Button>
                      </>
                    )}
                  />
                ) : (
                  <WarehouseSelect
                    testId="task-dispatch-warehouse"
                    onChange={(v) => {
                      setWarehouseId(v);
                      form.setFieldsValue({ warehouseId: v, lineId: undefined });
                    }}
                  />
                )}
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="lineId" label={t('command.fields.item')} rules={[{ required: true, message: t('command.pickLine') }]}>
                <Select
                  placeholder={t('command.pickLine')}
                  loading={lines.isFetching}
                  disabled={!warehouseId}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(lines.data ?? []).map((l) => ({
                    value: l.id,
                    label: `${l.name}${l.spec ? `（${l.spec}）` : ''} · ${t('command.available', { n: l.quantity, unit: l.unit })}`,
                  }))}
                  data-testid="task-dispatch-line"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="quantity" label={t('command.fields.quantity')} rules={[{ required: true }]}>
                <InputNumber min={0.001} style={{ width: '100%' }} data-testid="task-dispatch-quantity" />
              </Form.Item>
            </Col>
            <Col xs={12} md={12}>
              <Form.Item name="note" label={t('command.fields.note')}>
                <Input maxLength={500} data-testid="task-dispatch-note" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6} style={{ display: 'flex', alignItems: 'end', paddingBottom: 24 }}>
              <Button type="primary" htmlType="submit" loading={send.isPending} block data-testid="task-dispatch-ok">
                {t('command.dispatch')}
              </Button>
            </Col>
          </Row>
        </Form>
      )}
      {!canDispatch && !list.data?.length && <Typography.Text type="secondary">{t('command.noDispatches')}</Typography.Text>}
    </Modal>
  );
}
