import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RoleDto, UpsertRoleInput } from '@vigil/shared';

interface Values {
  id: string;
  nameZh: string;
  nameEn: string;
  permissions: string[];
}
import { Alert, Button, Drawer, Form, Input, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../lib/forms';
import { notifySuccess } from '../../lib/notify';
import { ROLES_KEY } from '../users/users.api';
import { PermissionChecklist } from './PermissionChecklist';
import { createRole, updateRole } from './roles.api';

/** Views a role or edits a custom one (id, names, permissions); built-in roles are read-only. */
export function RoleEditor({ role, readOnly, onClose }: { role: RoleDto | 'new' | null; readOnly: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const isNew = role === 'new';
  const existing = role && role !== 'new' ? role : null;

  useEffect(() => {
    if (!role) return;
    form.resetFields();
    if (existing)
      form.setFieldsValue({ id: existing.id, nameZh: existing.nameZh, nameEn: existing.nameEn, permissions: existing.permissions });
    else form.setFieldsValue({ permissions: [] });
  }, [role, existing, form]);

  const save = useMutation({
    mutationFn: (v: UpsertRoleInput) => (existing ? updateRole(existing.id, v) : createRole(v)),
    meta: { silent: true },
    onSuccess: async () => {
      notifySuccess(t('common.saved'));
      await qc.invalidateQueries({ queryKey: ROLES_KEY });
      onClose();
    },
    onError: (e) => showFormError(form, e),
  });

  return (
    <Drawer
      open={!!role}
      onClose={onClose}
      size={640}
      title={isNew ? t('roles.create') : existing ? `${existing.nameZh} / ${existing.nameEn}` : ''}
      forceRender
      extra={
        !readOnly && (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="role-save">
              {t('common.save')}
            </Button>
          </Space>
        )
      }
    >
      {readOnly && existing?.builtin && <Alert type="info" showIcon title={t('roles.builtinHint')} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={readOnly}
        onFinish={(v) =>
          save.mutate({ ...v, id: existing?.id ?? v.id, permissions: (v.permissions ?? []) as UpsertRoleInput['permissions'] })
        }
        data-testid="role-form"
      >
        <Form.Item
          name="id"
          label={t('roles.id')}
          rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{2,59}$/, message: t('roles.idInvalid') }]}
        >
          <Input disabled={!isNew} maxLength={60} placeholder="flood_duty" data-testid="role-id" />
        </Form.Item>
        <Form.Item name="nameZh" label={t('roles.nameZh')} rules={[{ required: true, message: t('common.required') }]}>
          <Input maxLength={40} data-testid="role-name-zh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('roles.nameEn')} rules={[{ required: true, message: t('common.required') }]}>
          <Input maxLength={60} data-testid="role-name-en" />
        </Form.Item>
        <Form.Item
          name="permissions"
          label={t('roles.permissions')}
          extra={t('roles.separationHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('roles.permissionsRequired') }]}
        >
          <PermissionChecklist />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
