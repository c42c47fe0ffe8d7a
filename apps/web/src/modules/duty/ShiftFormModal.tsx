import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DUTY_SHIFT_KINDS, type DutyShiftDto, type DutyShiftKind } from '@vigil/shared';
import { Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../lib/forms';
import { notifySuccess } from '../../lib/notify';
import { pickerValue } from '../incidents/picker-time';
import { createShift, deleteShift, DUTY_KEY, updateShift } from './duty.api';
import { PersonFields, type KnownPerson } from './PersonFields';
import { defaultShiftTimes, shiftToValues, toShiftInput, type ShiftFormValues } from './shift-form';

/** What the modal edits: a new shift on a day, or an existing one; null = closed. */
export type ShiftTarget = { kind: 'new'; orgId: string; date: string } | { kind: 'edit'; shift: DutyShiftDto } | null;

/** Creates, edits or deletes a shift: kind, times (Beijing), leader and officers with phones. */
export function ShiftFormModal(props: { target: ShiftTarget; people: KnownPerson[]; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<ShiftFormValues>();
  const target = props.target;
  const done = async () => {
    notifySuccess(t('common.saved'));
    await qc.invalidateQueries({ queryKey: DUTY_KEY });
    props.onClose();
  };
  const save = useMutation({
    mutationFn: (v: ShiftFormValues) => {
      if (target?.kind === 'edit') {
        const { orgId: _o, ...rest } = toShiftInput(target.shift.orgId, v);
        return updateShift(target.shift.id, { ...rest, note: v.note?.trim() || null });
      }
      return createShift(toShiftInput(target?.kind === 'new' ? target.orgId : '', v));
    },
    meta: { silent: true },
    onSuccess: done,
    onError: (e) => showFormError(form, e),
  });
  const remove = useMutation({ mutationFn: () => deleteShift(target?.kind === 'edit' ? target.shift.id : ''), onSuccess: done });

  const initial = (): Partial<ShiftFormValues> => {
    if (target?.kind === 'edit') return shiftToValues(target.shift, pickerValue);
    if (target?.kind === 'new') {
      const d = defaultShiftTimes(target.date, 'day');
      return { kind: 'day', range: [pickerValue(d.start), pickerValue(d.end)], officers: [{}] };
    }
    return {};
  };
  const setKind = (kind: DutyShiftKind) => {
    const date = (form.getFieldValue(['range', 0]) as { format(t: string): string } | undefined)?.format('YYYY-MM-DD');
    if (!date) return;
    const d = defaultShiftTimes(date, kind);
    form.setFieldValue('range', [pickerValue(d.start), pickerValue(d.end)]);
  };

  return (
    <Modal
      open={!!target}
      width={720}
      title={target?.kind === 'edit' ? t('duty.editShift', { org: target.shift.orgName }) : t('duty.newShift')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      footer={(orig) => (
        <Space>
          {target?.kind === 'edit' && (
            <Popconfirm title={t('duty.deleteShiftConfirm')} onConfirm={() => remove.mutate()}>
              <Button danger loading={remove.isPending} data-testid="shift-delete">
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
          {orig}
        </Space>
      )}
    >
      <Form<ShiftFormValues>
        form={form}
        layout="vertical"
        initialValues={initial()}
        onFinish={(v) => save.mutate(v)}
        data-testid="shift-form"
      >
        <Space align="start" wrap>
          <Form.Item name="kind" label={t('duty.kind')} rules={[{ required: true, message: t('common.required') }]}>
            <Select
              style={{ width: 120 }}
              onChange={setKind}
              options={DUTY_SHIFT_KINDS.map((k) => ({ value: k, label: t(`duty.kinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="range" label={t('duty.time')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Space>
        <Form.Item label={t('duty.leader')}>
          <PersonFields name={['leader']} fullName={['leader']} people={props.people} testId="shift-leader" />
        </Form.Item>
        <Form.List name="officers">
          {(fields, { add, remove: drop }) => (
            <Form.Item label={t('duty.officers')}>
              {fields.map((f) => (
                <Space key={f.key} align="start" style={{ display: 'flex', marginBottom: 6 }}>
                  <div style={{ width: 600 }}>
                    <PersonFields name={[f.name]} fullName={['officers', f.name]} people={props.people} testId="shift-officer" />
                  </div>
                  <MinusCircleOutlined onClick={() => drop(f.name)} aria-label={t('common.delete')} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 10}>
                {t('duty.addOfficer')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="note" label={t('duty.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
