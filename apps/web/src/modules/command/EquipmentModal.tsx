import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EquipmentAllocationDto, TaskDto } from '@vigil/shared';
import { Button, Col, Form, Input, Modal, Row, Select, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, toFormErrors } from '../../lib/api-error';
import { notifyError, notifySuccess } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { fetchResources, RESOURCES_KEY } from '../resources/resources.api';
import { COMMAND_KEY, dispatchEquipment, fetchTaskEquipment, returnEquipment, taskEquipmentKey } from './command.api';

interface DispatchValues {
  equipmentId: string;
  note?: string;
}

/** Picks available equipment by name (searched on the server). Works as an antd form control. */
function AvailableEquipmentSelect(props: { value?: string; onChange?: (v: string | undefined) => void; open: boolean }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: [...RESOURCES_KEY, 'equipment', 'pick', 'available', q],
    queryFn: () => fetchResources('equipment', { q: q || undefined, status: 'available', limit: 20, sort: 'name', order: 'asc' }),
    enabled: props.open,
  });
  const typeOf = (attrs: Record<string, unknown>) =>
    typeof attrs.equipmentType === 'string' ? t(`resources.enums.equipmentType.${attrs.equipmentType}`) : '';
  const options = (list.data?.items ?? []).map((e) => ({
    value: e.id,
    label: [e.name, typeOf(e.attrs), e.orgName].filter(Boolean).join(' · '),
  }));
  return (
    <Select
      value={props.value}
      onChange={(v: string | undefined) => props.onChange?.(v)}
      options={options}
      showSearch={{ onSearch: setQ, filterOption: false }}
      loading={list.isFetching}
      allowClear
      placeholder={t('command.pickEquipment')}
      notFoundContent={list.isFetching ? undefined : t('command.noEquipment')}
      style={{ width: '100%' }}
      data-testid="task-equipment-pick"
    />
  );
}

/**
 * 装备调派: the equipment allocated to the task (with 归还 for what is still out) and, for
 * `command.dispatch` on an open task of an active response, a dispatch of available equipment.
 */
export function EquipmentModal({
  task,
  open,
  canDispatch,
  onClose,
}: {
  task: TaskDto;
  open: boolean;
  canDispatch: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<DispatchValues>();
  const list = useQuery({ queryKey: taskEquipmentKey(task.id), queryFn: () => fetchTaskEquipment(task.id), enabled: open });
  const taskOpen = task.status !== 'done' && task.status !== 'rejected';
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: COMMAND_KEY });
    void qc.invalidateQueries({ queryKey: RESOURCES_KEY });
  };

  const send = useMutation({
    mutationFn: (v: DispatchValues) =>
      dispatchEquipment(task.id, { equipmentId: v.equipmentId, ...(v.note?.trim() ? { note: v.note.trim() } : {}) }),
    meta: { silent: true },
    onSuccess: async () => {
      notifySuccess(t('command.equipmentDispatched'));
      form.resetFields();
      await refresh();
    },
    onError: (e) => {
      if (e instanceof ApiError) form.setFields(toFormErrors(e, ['equipmentId', 'note']) as never);
      notifyError(e);
      void refresh();
    },
  });
  const giveBack = useMutation({
    mutationFn: (a: EquipmentAllocationDto) => returnEquipment(task.id, a.id, {}),
    meta: { silent: true },
    onSuccess: async () => {
      notifySuccess(t('command.equipmentReturned'));
      await refresh();
    },
    onError: (e) => {
      notifyError(e);
      void refresh();
    },
  });

  return (
    <Modal open={open} title={`${t('command.equipmentTitle')} · ${task.title}`} onCancel={onClose} footer={null} width={820} forceRender>
      <Table<EquipmentAllocationDto>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: t('command.noAllocations') }}
        data-testid="task-equipment-table"
        onRow={(a) =>
          ({ 'data-testid': 'task-equipment-row', 'data-id': a.id, 'data-out': !a.returnedAt }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: t('command.fields.equipment'), dataIndex: 'name' },
          {
            title: t('command.fields.equipmentType'),
            render: (_, a) => (a.equipmentType ? t(`resources.enums.equipmentType.${a.equipmentType}`) : '—'),
          },
          {
            title: t('command.fields.dispatchedAt'),
            render: (_, a) => `${formatBeijing(a.dispatchedAt, false)}${a.dispatchedBy ? ` · ${a.dispatchedBy}` : ''}`,
          },
          { title: t('command.fields.note'), render: (_, a) => a.note ?? '' },
          {
            title: t('command.fields.returnedAt'),
            render: (_, a) =>
              a.returnedAt ? (
                <Typography.Text type="secondary" data-testid="task-equipment-returned">
                  {formatBeijing(a.returnedAt, false)}
                  {a.returnedBy ? ` · ${a.returnedBy}` : ''}
                  {a.returnNote ? `（${a.returnNote}）` : ''}
                </Typography.Text>
              ) : (
                <Tag color="processing">{t('command.equipmentOut')}</Tag>
              ),
          },
          {
            title: '',
            render: (_, a) =>
              canDispatch && !a.returnedAt ? (
                <Button
                  size="small"
                  loading={giveBack.isPending && giveBack.variables?.id === a.id}
                  onClick={() => giveBack.mutate(a)}
                  data-testid="task-equipment-return"
                >
                  {t('command.returnEquipment')}
                </Button>
              ) : null,
          },
        ]}
      />
      {canDispatch && taskOpen && (
        <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)} style={{ marginTop: 16 }} data-testid="task-equipment-form">
          <Row gutter={8}>
            <Col xs={24} md={10}>
              <Form.Item
                name="equipmentId"
                label={t('command.fields.equipment')}
                rules={[{ required: true, message: t('command.pickEquipment') }]}
              >
                <AvailableEquipmentSelect open={open} />
              </Form.Item>
            </Col>
            <Col xs={24} md={9}>
              <Form.Item name="note" label={t('command.fields.note')}>
                <Input maxLength={500} data-testid="task-equipment-note" />
              </Form.Item>
            </Col>
            <Col xs={24} md={5} style={{ display: 'flex', alignItems: 'end', paddingBottom: 24 }}>
              <Button type="primary" htmlType="submit" loading={send.isPending} block data-testid="task-equipment-ok">
                {t('command.dispatchEquipment')}
              </Button>
            </Col>
          </Row>
        </Form>
      )}
    </Modal>
  );
}
