import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ORG_KINDS, ORG_KIND_LABELS, type CreateOrgInput, type OrgDto, type OrgKind } from '@vigil/shared';
import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { showFormError } from '../../lib/forms';
import { pick } from '../../lib/i18n';
import { notifySuccess } from '../../lib/notify';
import { createOrg, ORGS_KEY } from './orgs.api';

interface Values {
  name: string;
  kind: OrgKind;
  code: string;
  divisionCode?: string;
}

/** Creates an org under `parent`. */
export function OrgCreateModal(props: { open: boolean; parent: OrgDto; onClose: () => void; onCreated: (o: OrgDto) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const create = useMutation({
    mutationFn: (input: CreateOrgInput) => createOrg(input),
    meta: { silent: true },
    onSuccess: async (o) => {
      notifySuccess(t('orgs.created', { name: o.name }));
      await qc.invalidateQueries({ queryKey: ORGS_KEY });
      form.resetFields();
      props.onClose();
      props.onCreated(o);
    },
    onError: (e) => showFormError(form, e),
  });

  return (
    <Modal
      open={props.open}
      title={t('orgs.addChildOf', { name: props.parent.name })}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: 'department' }}
        onFinish={(v) =>
          create.mutate({
            parentId: props.parent.id,
            name: v.name.trim(),
            kind: v.kind,
            code: v.code.trim(),
            divisionCode: v.divisionCode?.trim() || null,
          })
        }
      >
        <Form.Item name="name" label={t('orgs.name')} rules={[{ required: true, message: t('common.required') }]}>
          <Input maxLength={100} data-testid="org-create-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('orgs.kind')} rules={[{ required: true }]}>
          <Select options={ORG_KINDS.map((k) => ({ value: k, label: pick(ORG_KIND_LABELS[k]) }))} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('orgs.code')}
          rules={[{ required: true, pattern: /^[A-Za-z0-9_]{2,40}$/, message: t('orgs.codeInvalid') }]}
        >
          <Input maxLength={40} placeholder="qz_new_dept" data-testid="org-create-code" />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label={t('orgs.divisionCode')}
          rules={[{ pattern: /^(\d{6}(\d{3})?)?$/, message: t('orgs.divisionCodeInvalid') }]}
        >
          <Input maxLength={9} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
