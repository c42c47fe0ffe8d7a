import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SetUserRolesInput, UserDto } from '@vigil/shared';
import { Alert, Button, Form, Modal, Select, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { showFormError } from '../../lib/forms';
import { notifySuccess } from '../../lib/notify';
import { OrgTreeSelect } from '../orgs/OrgTreeSelect';
import { roleName, setUserRoles, useRoles, USERS_KEY } from './users.api';

interface Values {
  roles: { roleId?: string; scopeOrgId?: string }[];
}

/** Assigns a user's roles, each with the org subtree it applies to (default: the user's own org). */
export function RolesModal({ user, onClose }: { user: UserDto | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const roles = useRoles();
  const me = useMe();
  const mayGrant = (adminKind: string | null) => can(me.data, adminKind ? 'role.manage' : 'user.manage');
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (user) form.setFieldsValue({ roles: user.roles.map((r) => ({ roleId: r.roleId, scopeOrgId: r.scopeOrgId })) });
  }, [user, form]);

  const save = useMutation({
    mutationFn: (input: SetUserRolesInput) => setUserRoles(user!.id, input),
    meta: { silent: true },
    onSuccess: async () => {
      notifySuccess(t('common.saved'));
      await qc.invalidateQueries({ queryKey: USERS_KEY });
      onClose();
    },
    onError: (e) => showFormError(form, e),
  });

  const submit = (v: Values) =>
    save.mutate({
      roles: (v.roles ?? [])
        .filter((r) => r.roleId)
        .map((r) => ({ roleId: r.roleId!, ...(r.scopeOrgId ? { scopeOrgId: r.scopeOrgId } : {}) })),
    });

  return (
    <Modal
      open={!!user}
      title={t('users.rolesOf', { name: user?.displayName ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      width={640}
      forceRender
    >
      <Alert type="info" showIcon title={t('users.scopeHint')} style={{ marginBottom: 16 }} />
      <Form<Values> form={form} onFinish={submit} data-testid="roles-form">
        <Form.List name="roles">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'roleId']} rules={[{ required: true, message: t('common.required') }]}>
                    <Select
                      placeholder={t('users.role')}
                      style={{ width: 200 }}
                      options={(roles.data ?? []).map((r) => ({
                        value: r.id,
                        label: roleName(r, i18n.language),
                        disabled: !mayGrant(r.adminKind),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'scopeOrgId']}>
                    <OrgTreeSelect allowClear placeholder={t('users.scopeOrg')} style={{ width: 300 }} />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                </Space>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})}>
                {t('users.addRole')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
