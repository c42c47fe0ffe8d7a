import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateUserInput, UpdateUserInput, UserDto } from '@vigil/shared';
import { Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { showFormError } from '../../lib/forms';
import { notifySuccess } from '../../lib/notify';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { createUser, updateUser, USERS_KEY, type TemporaryPassword } from './users.api';

interface Values {
  username: string;
  displayName: string;
  orgId: string;
  phone?: string;
  email?: string;
}

const blankToNull = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/** Creates a user (then shows the temporary password) or edits one; `user` null = closed. */
export function UserFormModal(props: { user: UserDto | 'new' | null; onClose: () => void; onCreated: (r: TemporaryPassword) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const isNew = props.user === 'new';
  const existing = props.user && props.user !== 'new' ? props.user : null;

  useEffect(() => {
    if (!props.user) return;
    form.resetFields();
    if (existing)
      form.setFieldsValue({
        username: existing.username,
        displayName: existing.displayName,
        orgId: existing.orgId,
        phone: existing.phone ?? '',
        email: existing.email ?? '',
      });
    else form.setFieldsValue({ orgId: me.data?.org.id });
  }, [props.user, existing, form, me.data?.org.id]);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const common = { displayName: v.displayName.trim(), orgId: v.orgId, phone: blankToNull(v.phone), email: blankToNull(v.email) };
      if (existing) return { updated: await updateUser(existing.id, common satisfies UpdateUserInput) };
      return { created: await createUser({ ...common, username: v.username.trim(), roles: [] } satisfies CreateUserInput) };
    },
    meta: { silent: true },
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: USERS_KEY });
      if (r.created) props.onCreated(r.created);
      else {
        notifySuccess(t('common.saved'));
        props.onClose();
      }
    },
    onError: (e) => showFormError(form, e),
  });

  return (
    <Modal
      open={!!props.user}
      title={isNew ? t('users.create') : t('users.edit', { name: existing?.displayName ?? '' })}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="user-form">
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[{ required: true, pattern: /^[A-Za-z][A-Za-z0-9_.-]{2,39}$/, message: t('users.usernameInvalid') }]}
        >
          <Input disabled={!isNew} maxLength={40} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, message: t('common.required') }]}>
          <Input maxLength={60} data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="orgId" label={t('users.org')} rules={[{ required: true, message: t('common.required') }]}>
          <OrgTreeSelect testId="user-org" />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')} rules={[{ pattern: /^[0-9+\-() ]{5,20}$/, message: t('users.phoneInvalid') }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('users.emailInvalid') }]}>
          <Input maxLength={120} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
