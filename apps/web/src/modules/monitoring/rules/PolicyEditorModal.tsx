import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { BUILTIN_ROLES, ESCALATION_ORG_LEVELS, type EscalationPolicyDto, type EscalationStep } from '@vigil/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../../lib/forms';
import { notifySuccess } from '../../../lib/notify';
import { createPolicy, POLICIES_KEY, updatePolicy } from '../alarms/alarms.api';

interface Values {
  name: string;
  steps: EscalationStep[];
}

const FIRST: Values = { name: '', steps: [{ afterMinutes: 5, orgLevel: 'own' }] };
const HANDLER_ROLES = BUILTIN_ROLES.filter((r) => !r.adminKind && r.permissions.includes('alarm.handle'));

/** An escalation chain: steps of "still unacknowledged after N minutes → notify the people of an org level". */
export function PolicyEditorModal(props: { open: boolean; policy: EscalationPolicyDto | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (props.open) form.setFieldsValue(props.policy ? { name: props.policy.name, steps: props.policy.steps } : FIRST);
  }, [props.open, props.policy, form]);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const steps = v.steps.map((s) => ({ afterMinutes: s.afterMinutes, orgLevel: s.orgLevel, roleId: s.roleId || null }));
      return props.policy
        ? updatePolicy(props.policy.id, { name: v.name, steps, version: props.policy.version })
        : createPolicy({ name: v.name, steps });
    },
    onSuccess: () => {
      notifySuccess(t('common.saved'));
      void qc.invalidateQueries({ queryKey: POLICIES_KEY });
      props.onClose();
    },
    onError: (err) => showFormError(form, err),
  });
  const req = [{ required: true, message: t('common.required') }];
  return (
    <Modal
      open={props.open}
      width={640}
      title={props.policy ? props.policy.name : t('alarmRules.policyCreate')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={FIRST}>
        <Form.Item
          name="name"
          label={t('alarmRules.policyName')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.List name="steps">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  title={t('alarmRules.step', { n: i + 1 })}
                  extra={fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                >
                  <Space wrap>
                    <Form.Item name={[f.name, 'afterMinutes']} label={t('alarmRules.afterMinutes')} rules={req}>
                      <InputNumber min={0} max={10_080} precision={0} suffix={t('alarmRules.minutes')} style={{ width: 150 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'orgLevel']} label={t('alarmRules.orgLevel')} rules={req}>
                      <Select
                        options={ESCALATION_ORG_LEVELS.map((l) => ({ value: l, label: t(`alarmRules.orgLevels.${l}`) }))}
                        style={{ width: 140 }}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'roleId']} label={t('alarmRules.role')}>
                      <Select
                        allowClear
                        placeholder={t('alarmRules.anyHandler')}
                        options={HANDLER_ROLES.map((r) => ({ value: r.id, label: i18n.language === 'en' ? r.en : r.zh }))}
                        style={{ width: 180 }}
                      />
                    </Form.Item>
                  </Space>
                </Card>
              ))}
              {fields.length < 10 && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() =>
                    add({
                      afterMinutes: (Number(form.getFieldValue(['steps', fields.length - 1, 'afterMinutes'])) || 0) + 10,
                      orgLevel: 'parent',
                    })
                  }
                >
                  {t('alarmRules.addStep')}
                </Button>
              )}
            </Space>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
