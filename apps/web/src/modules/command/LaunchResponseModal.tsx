import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { POST_ROLES, RESPONSE_LEVELS, type ResponseLevel } from '@vigil/shared';
import { Alert, Button, Col, Form, Input, InputNumber, Modal, Row, Select, Space } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { can, useMe } from '../../app/session';
import { ApiError, toFormErrors } from '../../lib/api-error';
import { notifyError, notifySuccess } from '../../lib/notify';
import { fetchPlanMatch, PLANS_KEY } from '../plans/plans.api';
import { launchBody, launchDefaults, type LaunchFormValues } from './command-format';
import { COMMAND_KEY, launchResponse } from './command.api';
import { UserSelect } from './UserSelect';

const LEVELS: readonly ResponseLevel[] = RESPONSE_LEVELS;

/** 启动响应: plan (prefilled with the best match), level (prefilled with its suggestion), command post and members. */
export function LaunchResponseModal({ incidentId, open, onClose }: { incidentId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<LaunchFormValues>();
  const match = useQuery({
    queryKey: [...PLANS_KEY, 'match', incidentId, null],
    queryFn: () => fetchPlanMatch(incidentId),
    enabled: open && can(me.data, 'plan.read'),
    meta: { silent: true },
  });
  const matches = useMemo(() => match.data?.items ?? [], [match.data]);
  const defaults = useMemo(() => launchDefaults(matches), [matches]);

  // Reset on open; prefill from the match once it has loaded (once per opening, so a refetch never overwrites a choice).
  const prefilled = useRef(false);
  useEffect(() => {
    if (!open) return;
    prefilled.current = false;
    form.resetFields();
    form.setFieldsValue({ level: 'IV', escalateAfterMinutes: 15, members: [] });
  }, [open, form]);
  const matchLoaded = match.isSuccess;
  useEffect(() => {
    if (!open || !matchLoaded || prefilled.current) return;
    prefilled.current = true;
    form.setFieldsValue({ level: defaults.level, planId: defaults.planId });
  }, [open, matchLoaded, defaults, form]);

  const launch = useMutation({
    mutationFn: (v: LaunchFormValues) => launchResponse(incidentId, launchBody(v)),
    meta: { silent: true },
    onSuccess: async (r) => {
      notifySuccess(t('command.launched'));
      onClose();
      await qc.invalidateQueries({ queryKey: COMMAND_KEY });
      void qc.invalidateQueries({ queryKey: ['incidents'] });
      void navigate(`/responses/${r.id}`);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 400) {
        const errs = toFormErrors(e, ['planId', 'level', 'name', 'reason', 'escalateAfterMinutes']);
        if (errs.length) form.setFields(errs as never);
      }
      notifyError(e);
    },
  });

  return (
    <Modal
      open={open}
      title={t('command.launchTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('command.launch')}
      confirmLoading={launch.isPending}
      okButtonProps={{ 'data-testid': 'response-launch-ok' }}
      width={720}
      forceRender
    >
      {defaults.planId && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('command.matchHint')} />}
      <Form form={form} layout="vertical" onFinish={(v) => launch.mutate(v)} data-testid="response-launch-form">
        <Row gutter={12}>
          <Col xs={24} md={16}>
            <Form.Item name="planId" label={t('command.fields.plan')}>
              <Select
                allowClear
                placeholder={t('command.pickPlan')}
                loading={match.isFetching}
                options={matches.map((m) => ({ value: m.planId, label: `${m.name}（${m.orgName}）` }))}
                data-testid="response-launch-plan"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="level" label={t('command.fields.level')} rules={[{ required: true }]}>
              <Select
                options={LEVELS.map((l) => ({ value: l, label: t(`plans.responseLevels.${l}`) }))}
                data-testid="response-launch-level"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('command.fields.name')}>
              <Input maxLength={200} data-testid="response-launch-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="escalateAfterMinutes" label={t('command.fields.escalateAfterMinutes')}>
              <InputNumber min={1} max={1440} precision={0} style={{ width: '100%' }} data-testid="response-launch-escalate" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="reason" label={t('command.reason')}>
              <Input.TextArea rows={2} maxLength={1000} data-testid="response-launch-reason" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="postName" label={t('command.fields.postName')}>
              <Input maxLength={200} data-testid="response-launch-post-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="postAddress" label={t('command.fields.postAddress')}>
              <Input maxLength={300} data-testid="response-launch-post-address" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="lng" label={t('command.fields.lng')}>
              <InputNumber min={-180} max={180} step={0.000001} style={{ width: '100%' }} data-testid="response-launch-lng" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="lat" label={t('command.fields.lat')}>
              <InputNumber min={-90} max={90} step={0.000001} style={{ width: '100%' }} data-testid="response-launch-lat" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('command.members')}>
          <Form.List name="members">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((f) => (
                  <Row key={f.key} gutter={8} align="middle" data-testid="response-launch-member">
                    <Col flex="auto">
                      <Form.Item name={[f.name, 'userId']} noStyle rules={[{ required: true }]}>
                        <UserSelect testId="response-launch-member-user" />
                      </Form.Item>
                    </Col>
                    <Col flex="140px">
                      <Form.Item name={[f.name, 'role']} noStyle rules={[{ required: true }]} initialValue="member">
                        <Select
                          options={POST_ROLES.map((r) => ({ value: r, label: t(`command.postRoles.${r}`) }))}
                          data-testid="response-launch-member-role"
                        />
                      </Form.Item>
                    </Col>
                    <Col>
                      <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="remove" />
                    </Col>
                  </Row>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ role: 'member' })}
                  data-testid="response-launch-add-member"
                >
                  {t('command.addMember')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Modal>
  );
}
