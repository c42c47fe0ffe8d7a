import { NotEditable, RecordError, RecordLoading } from '../../ui/RecordStates';
import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PLAN_LEVELS, PLAN_TYPES, type PlanDto } from '@vigil/shared';
import { Button, Card, Col, Form, Input, Row, Select, Space, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../lib/api-error';
import { notifyError, notifySuccess } from '../../lib/notify';
import { PageHeader } from '../../ui/PageHeader';
import { preventEnterSubmit } from '../incidents/IncidentFormFields';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { EventCodesSelect } from './EventCodesSelect';
import { emptyLevel, planFieldErrors, planFormFieldOf, toPlanFormValues, toPlanRequest, type PlanFormValues } from './plan-form';
import { createPlan, PLANS_KEY, updatePlan, usePlan } from './plans.api';
import { PlanLevelsEditor } from './PlanLevelsEditor';

/** 编制预案 / 修改草稿: `/plans/new` writes a new plan, `/plans/:id/edit` edits a draft. */
export default function PlanEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const existing = usePlan(id, !!id);

  if (id && existing.isPending) return <RecordLoading />;
  if (id && existing.isError) return <RecordError error={existing.error} back={{ to: '/plans', label: t('plans.backToList') }} />;
  const p = existing.data;
  if (p && !p.abilities?.edit)
    return <NotEditable title={t('plans.notEditable')} back={{ to: `/plans/${p.id}`, label: t('plans.backToDetail') }} />;
  return <PlanForm key={p ? `${p.id}:${p.revision}` : 'new'} plan={p} />;
}

function PlanForm({ plan }: { plan: PlanDto | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<PlanFormValues>();
  const initial: PlanFormValues = plan
    ? toPlanFormValues(plan)
    : { level: 'city', type: 'special', eventCodes: [], levels: [emptyLevel('IV')] };

  const save = useMutation({
    mutationFn: (v: PlanFormValues) => {
      const body = toPlanRequest(v);
      return plan ? updatePlan(plan.id, { ...body, revision: plan.revision }) : createPlan(v.orgId ? { ...body, orgId: v.orgId } : body);
    },
    meta: { silent: true },
    onSuccess: async (saved) => {
      notifySuccess(t('common.saved'));
      await qc.invalidateQueries({ queryKey: PLANS_KEY });
      void navigate(`/plans/${saved.id}`);
    },
    onError: (e) => {
      const fields = planFieldErrors(e);
      if (fields.length) (form as FormInstance).setFields(fields);
      const unplaced = !(e instanceof ApiError) || e.fieldErrors.some((x) => !planFormFieldOf(x.field));
      if (!fields.length || unplaced) notifyError(e);
    },
  });

  return (
    <div data-testid="plan-edit-page">
      <PageHeader
        title={
          <Space>
            <Link to={plan ? `/plans/${plan.id}` : '/plans'} aria-label={t('plans.backToList')}>
              <ArrowLeftOutlined />
            </Link>
            {plan ? `${t('plans.editTitle')} · ${t('plans.versionN', { n: plan.versionNo })}` : t('plans.create')}
          </Space>
        }
      />
      <Form<PlanFormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save.mutate(v)}
        onKeyDown={preventEnterSubmit}
        scrollToFirstError
        data-testid="plan-form"
      >
        <Card size="small" title={t('plans.sections.basic')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="name"
                label={t('plans.fields.name')}
                rules={[{ required: true, whitespace: true, message: t('plans.rules.name') }]}
              >
                <Input maxLength={200} data-testid="plan-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              {plan ? (
                <Form.Item label={t('plans.fields.org')}>
                  <Input value={plan.orgName} disabled />
                </Form.Item>
              ) : (
                <Form.Item name="orgId" label={t('plans.fields.org')}>
                  <OrgTreeSelect allowClear testId="plan-org" />
                </Form.Item>
              )}
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="level" label={t('plans.fields.level')} rules={[{ required: true, message: t('plans.rules.level') }]}>
                <Select options={PLAN_LEVELS.map((l) => ({ value: l, label: t(`plans.planLevels.${l}`) }))} data-testid="plan-level" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="type" label={t('plans.fields.type')} rules={[{ required: true, message: t('plans.rules.type') }]}>
                <Select options={PLAN_TYPES.map((x) => ({ value: x, label: t(`plans.planTypes.${x}`) }))} data-testid="plan-type" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="eventCodes"
                label={t('plans.fields.eventCodes')}
                rules={[{ required: true, type: 'array', min: 1, message: t('plans.rules.eventCodes') }]}
              >
                <EventCodesSelect testId="plan-event-codes" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="summary" label={t('plans.fields.summary')}>
                <Input.TextArea rows={3} maxLength={8000} data-testid="plan-summary" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('plans.sections.levels')} style={{ marginBottom: 16 }}>
          <PlanLevelsEditor />
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending} data-testid="plan-save">
            {t('plans.saveDraft')}
          </Button>
          <Button onClick={() => form.resetFields()}>{t('common.reset')}</Button>
        </Space>
      </Form>
    </div>
  );
}
