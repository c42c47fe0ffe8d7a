import { ALARM_LEVELS, RULE_KINDS, type RuleDto, type RuleKind } from '@vigil/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Divider, Form, Input, Modal, Radio, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../../lib/forms';
import { notifySuccess } from '../../../lib/notify';
import { createRule, fetchDevices, fetchDeviceTypes, fetchPolicies, POLICIES_KEY, RULES_KEY, updateRule } from '../alarms/alarms.api';
import { RuleKindFields } from './RuleKindFields';
import { ScheduleFields } from './ScheduleFields';
import { fromRule, NEW_RULE, toRuleInput, type RuleFormValues } from './rule-form';

/** Creates or edits a rule: what it watches, the condition of its kind, its colour, time windows and escalation. */
export function RuleEditorModal(props: { open: boolean; rule: RuleDto | null; onClose: () => void; onTest: (v: RuleFormValues) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<RuleFormValues>();
  const [deviceQ, setDeviceQ] = useState('');
  const kind = (Form.useWatch('kind', form) ?? 'threshold') as RuleKind;
  const targetKind = Form.useWatch('targetKind', form) ?? 'type';
  const typeCode = Form.useWatch('deviceTypeCode', form);
  const types = useQuery({ queryKey: ['monitoring', 'device-types'], queryFn: fetchDeviceTypes, staleTime: 300_000, enabled: props.open });
  const policies = useQuery({ queryKey: POLICIES_KEY, queryFn: fetchPolicies, enabled: props.open });
  const devices = useQuery({
    queryKey: ['monitoring', 'devices', 'pick', deviceQ],
    queryFn: () => fetchDevices({ q: deviceQ || undefined }),
    enabled: props.open && targetKind === 'device',
  });
  useEffect(() => {
    if (props.open) form.setFieldsValue(props.rule ? fromRule(props.rule) : NEW_RULE);
  }, [props.open, props.rule, form]);

  const deviceType =
    targetKind === 'device' ? devices.data?.items.find((d) => d.id === form.getFieldValue('deviceId'))?.typeCode : typeCode;
  const metrics = (types.data?.find((x) => x.code === deviceType)?.points ?? []).map((p) => ({
    value: p.metric,
    label: `${p.nameZh}（${p.metric}${p.unit ? `，${p.unit}` : ''}）`,
  }));
  const save = useMutation({
    mutationFn: (v: RuleFormValues) =>
      props.rule ? updateRule(props.rule.id, { ...toRuleInput(v), version: props.rule.version }) : createRule(toRuleInput(v)),
    onSuccess: () => {
      notifySuccess(t('common.saved'));
      void qc.invalidateQueries({ queryKey: RULES_KEY });
      props.onClose();
    },
    onError: (err) => showFormError(form, err),
  });
  const req = [{ required: true, message: t('common.required') }];
  return (
    <Modal
      open={props.open}
      width={760}
      title={props.rule ? t('alarmRules.editTitle', { name: props.rule.name }) : t('alarmRules.createTitle')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      footer={(_, { OkBtn, CancelBtn }) => (
        <>
          <a
            style={{ float: 'left', lineHeight: '32px' }}
            onClick={() => void form.validateFields().then(props.onTest)}
            data-testid="rule-test"
          >
            {t('alarmRules.test')}
          </a>
          <CancelBtn />
          <OkBtn />
        </>
      )}
      data-testid="rule-editor"
    >
      <Form<RuleFormValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={NEW_RULE}>
        <Form.Item name="name" label={t('alarmRules.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={100} data-testid="rule-name" />
        </Form.Item>
        <Form.Item name="targetKind" label={t('alarmRules.target')}>
          <Radio.Group options={(['type', 'device'] as const).map((k) => ({ value: k, label: t(`alarmRules.targets.${k}`) }))} />
        </Form.Item>
        {targetKind === 'type' ? (
          <Form.Item name="deviceTypeCode" label={t('alarmRules.deviceType')} rules={req}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={types.isPending}
              options={(types.data ?? []).map((x) => ({ value: x.code, label: x.nameZh }))}
              data-testid="rule-type"
            />
          </Form.Item>
        ) : (
          <Form.Item name="deviceId" label={t('alarmRules.device')} rules={req}>
            <Select
              showSearch={{ filterOption: false, onSearch: setDeviceQ }}
              loading={devices.isFetching}
              options={(devices.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.name}（${d.code}）` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('alarmRules.kind')}>
          <Select options={RULE_KINDS.map((k) => ({ value: k, label: t(`alarmRules.kinds.${k}`) }))} data-testid="rule-kind" />
        </Form.Item>
        <RuleKindFields kind={kind} metrics={metrics} />
        {kind !== 'threshold' && (
          <Form.Item name="level" label={t('alarms.fields.level')} rules={req}>
            <Select options={ALARM_LEVELS.map((l) => ({ value: l, label: t(`alarms.levels.${l}`) }))} style={{ width: 160 }} />
          </Form.Item>
        )}
        <Divider style={{ margin: '8px 0' }} />
        <ScheduleFields />
        <Form.Item name="escalationPolicyId" label={t('alarmRules.escalation')}>
          <Select
            allowClear
            options={(policies.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            placeholder={t('alarmRules.noEscalation')}
          />
        </Form.Item>
        <Form.Item name="enabled" label={t('alarmRules.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="description" label={t('alarmRules.description')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
