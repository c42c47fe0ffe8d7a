import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ALL_PERMISSIONS, PERMISSIONS } from '@vigil/shared';
import { Checkbox, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../lib/forms';
import { pick } from '../../lib/i18n';
import { fetchUsers } from '../users/users.api';
import { createToken, TOKENS_KEY, type CreateTokenValues } from './tokens.api';

interface Values {
  name: string;
  userId: string;
  permissions: string[];
  expiresInDays: number;
  never: boolean;
}

/** Creates an API token acting as a chosen user with chosen permissions; the token itself is handed to `onCreated`. */
export function TokenCreateModal(props: { open: boolean; onClose: () => void; onCreated: (token: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [q, setQ] = useState('');
  const never = Form.useWatch('never', form);
  const users = useQuery({
    queryKey: ['users', 'pick', q],
    queryFn: () => fetchUsers({ q: q || undefined, limit: 20 }),
    enabled: props.open,
  });
  const create = useMutation({
    mutationFn: (v: CreateTokenValues) => createToken(v),
    meta: { silent: true },
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: TOKENS_KEY });
      form.resetFields();
      props.onCreated(r.token);
    },
    onError: (e) => showFormError(form, e),
  });

  return (
    <Modal
      open={props.open}
      title={t('tokens.create')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      width={600}
      forceRender
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ expiresInDays: 365, never: false, permissions: [] }}
        onFinish={(v) =>
          create.mutate({
            name: v.name.trim(),
            userId: v.userId,
            permissions: v.permissions,
            expiresInDays: v.never ? null : v.expiresInDays,
          })
        }
        data-testid="token-form"
      >
        <Form.Item name="name" label={t('tokens.name')} rules={[{ required: true, message: t('common.required') }]}>
          <Input maxLength={80} placeholder={t('tokens.namePlaceholder')} data-testid="token-name" />
        </Form.Item>
        <Form.Item
          name="userId"
          label={t('tokens.user')}
          extra={t('tokens.userHint')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            loading={users.isFetching}
            options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username}) · ${u.orgName}` }))}
            data-testid="token-user"
          />
        </Form.Item>
        <Form.Item
          name="permissions"
          label={t('tokens.permissions')}
          rules={[{ required: true, type: 'array', min: 1, message: t('tokens.permissionsRequired') }]}
        >
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={ALL_PERMISSIONS.map((p) => ({ value: p, label: `${pick(PERMISSIONS[p])} (${p})` }))}
            data-testid="token-permissions"
          />
        </Form.Item>
        <Space align="baseline">
          <Form.Item
            name="expiresInDays"
            label={t('tokens.expiresInDays')}
            rules={[{ required: !never, type: 'integer', min: 1, max: 730 }]}
          >
            <InputNumber min={1} max={730} precision={0} disabled={never} />
          </Form.Item>
          <Form.Item name="never" valuePropName="checked">
            <Checkbox>{t('tokens.never')}</Checkbox>
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
