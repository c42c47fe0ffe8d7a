import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SecurityPolicy } from '@vigil/shared';
import { Button, Card, Col, Form, InputNumber, Row, Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { http } from '../../lib/api';
import { showFormError } from '../../lib/forms';
import { notifySuccess } from '../../lib/notify';
import { PageHeader } from '../../ui/PageHeader';

const KEY = ['security-policy'] as const;
type Field = keyof SecurityPolicy;

// The same bounds the server enforces, read from the shared schema.
const FIELDS = Object.entries(SecurityPolicy.shape).map(([name, schema]) => ({
  name: name as Field,
  min: schema.minValue ?? undefined,
  max: schema.maxValue ?? undefined,
}));

const GROUPS: { title: string; fields: Field[] }[] = [
  { title: 'security.password', fields: ['passwordMinLength', 'passwordMinClasses', 'passwordHistory', 'passwordMaxAgeDays'] },
  { title: 'security.lockout', fields: ['lockoutThreshold', 'lockoutMinutes'] },
  { title: 'security.session', fields: ['idleTimeoutMinutes', 'absoluteTimeoutHours'] },
];

/** 安全策略: password rules, lockout and session timeouts (security administrator). */
export default function SecurityPolicyPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<SecurityPolicy>();
  const policy = useQuery({ queryKey: KEY, queryFn: () => http.get<SecurityPolicy>('/security/policy') });
  useEffect(() => {
    if (policy.data) form.setFieldsValue(policy.data);
  }, [policy.data, form]);
  const save = useMutation({
    mutationFn: (v: SecurityPolicy) => http.put<SecurityPolicy>('/security/policy', v),
    meta: { silent: true },
    onSuccess: (p) => {
      qc.setQueryData(KEY, p ?? form.getFieldsValue());
      notifySuccess(t('common.saved'));
    },
    onError: (e) => showFormError(form, e),
  });

  if (policy.isPending) return <Spin />;
  return (
    <div data-testid="security-page">
      <PageHeader title={t('security.title')} />
      <Form<SecurityPolicy> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} disabled={policy.isError}>
        <Row gutter={16}>
          {GROUPS.map((g) => (
            <Col key={g.title} xs={24} lg={8}>
              <Card size="small" title={t(g.title)} style={{ marginBottom: 16 }}>
                {g.fields.map((name) => {
                  const f = FIELDS.find((x) => x.name === name)!;
                  return (
                    <Form.Item
                      key={name}
                      name={name}
                      label={t(`security.fields.${name}`)}
                      extra={t('security.range', { min: f.min, max: f.max })}
                      rules={[
                        {
                          required: true,
                          type: 'integer',
                          min: f.min,
                          max: f.max,
                          message: t('security.range', { min: f.min, max: f.max }),
                        },
                      ]}
                    >
                      <InputNumber min={f.min} max={f.max} precision={0} style={{ width: '100%' }} data-testid={`policy-${name}`} />
                    </Form.Item>
                  );
                })}
              </Card>
            </Col>
          ))}
        </Row>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="policy-save">
          {t('common.save')}
        </Button>
      </Form>
    </div>
  );
}
