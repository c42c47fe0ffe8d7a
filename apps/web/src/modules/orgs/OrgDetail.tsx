import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ORG_KIND_LABELS, type OrgDto, type UpdateOrgInput } from '@vigil/shared';
import { Button, Descriptions, Form, Input, Popconfirm, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../lib/forms';
import { pick } from '../../lib/i18n';
import { notifySuccess } from '../../lib/notify';
import { ORGS_KEY, updateOrg } from './orgs.api';

interface Values {
  name: string;
  divisionCode: string;
}

/** One org: its facts, and (with org.manage) a form to rename it, set its division code, disable or enable it. */
export function OrgDetail({ org, manage }: { org: OrgDto; manage: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (input: UpdateOrgInput) => updateOrg(org.id, input),
    meta: { silent: true },
    onSuccess: async () => {
      notifySuccess(t('common.saved'));
      await qc.invalidateQueries({ queryKey: ORGS_KEY });
    },
    onError: (e) => showFormError(form, e),
  });
  const nextStatus = org.status === 'active' ? 'disabled' : 'active';

  return (
    <div data-testid="org-detail">
      <Descriptions size="small" column={{ xs: 1, lg: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('orgs.code')}>{org.code}</Descriptions.Item>
        <Descriptions.Item label={t('orgs.kind')}>{pick(ORG_KIND_LABELS[org.kind])}</Descriptions.Item>
        <Descriptions.Item label={t('orgs.division')}>
          {org.divisionCode ? `${org.divisionName ?? ''} ${org.divisionCode}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('common.status')}>
          {org.status === 'active' ? <Tag color="green">{t('common.active')}</Tag> : <Tag color="red">{t('common.disabled')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('orgs.path')}>{org.path}</Descriptions.Item>
      </Descriptions>
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={!manage}
        initialValues={{ name: org.name, divisionCode: org.divisionCode ?? '' }}
        onFinish={(v) => save.mutate({ name: v.name.trim(), divisionCode: v.divisionCode.trim() || null })}
        style={{ maxWidth: 520 }}
      >
        <Form.Item name="name" label={t('orgs.name')} rules={[{ required: true, message: t('common.required') }]}>
          <Input maxLength={100} data-testid="org-name" />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label={t('orgs.divisionCode')}
          rules={[{ pattern: /^(\d{6}(\d{3})?)?$/, message: t('orgs.divisionCodeInvalid') }]}
        >
          <Input maxLength={9} placeholder="350582" />
        </Form.Item>
        {manage && (
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="org-save">
              {t('common.save')}
            </Button>
            <Popconfirm
              title={t(nextStatus === 'disabled' ? 'orgs.disableConfirm' : 'orgs.enableConfirm', { name: org.name })}
              onConfirm={() => save.mutate({ status: nextStatus })}
            >
              <Button danger={nextStatus === 'disabled'} data-testid="org-toggle-status">
                {t(nextStatus === 'disabled' ? 'common.disable' : 'common.enable')}
              </Button>
            </Popconfirm>
          </Space>
        )}
      </Form>
    </div>
  );
}
