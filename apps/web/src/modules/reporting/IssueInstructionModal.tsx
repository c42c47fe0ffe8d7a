import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DutyBoardDto, IncidentDto, InstructionTargetInput, PageOf, UserDto } from '@vigil/shared';
import { DatePicker, Form, Input, Modal, Select, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { http } from '../../lib/api';
import { showFormError } from '../../lib/forms';
import { notifySuccess } from '../../lib/notify';
import { beijingWallToIso } from '../incidents/incident-format';
import { INCIDENTS_KEY } from '../incidents/incidents.api';
import type { Dayjs } from '../incidents/picker-time';
import { buildOrgTree } from '../orgs/org-tree';
import { useOrgs } from '../orgs/orgs.api';
import { INSTRUCTIONS_KEY, issueInstruction } from './reporting.api';

interface Values {
  text: string;
  orgIds?: string[];
  userIds?: string[];
  dueAt?: Dayjs | null;
}

/** People a leader can name: those on duty now (from the board) and, for user administrators' scope, all users. */
function usePeople(open: boolean) {
  const me = useMe();
  const board = useQuery({
    queryKey: ['duty', 'board', 'people'],
    queryFn: () => http.get<DutyBoardDto>('/duty/now'),
    enabled: open,
    meta: { silent: true },
  });
  const users = useQuery({
    queryKey: ['users', 'instruction-targets'],
    queryFn: () => http.get<PageOf<UserDto>>('/users', { limit: 500, status: 'active' }),
    enabled: open && can(me.data, 'user.read'),
    meta: { silent: true },
  });
  return useMemo(() => {
    const out = new Map<string, string>();
    for (const e of board.data?.items ?? [])
      for (const p of [...(e.leader ? [e.leader] : []), ...e.officers]) if (p.userId) out.set(p.userId, `${p.name}（${e.orgName}）`);
    for (const u of users.data?.items ?? []) out.set(u.id, `${u.displayName}（${u.orgName}）`);
    return [...out].map(([value, label]) => ({ value, label }));
  }, [board.data, users.data]);
}

/** 领导批示: text, the people and orgs who must act on it, and when their feedback is due (2 hours by default). */
export function IssueInstructionModal(props: { incident: IncidentDto; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const orgs = useOrgs(props.open);
  const tree = useMemo(() => buildOrgTree(orgs.data ?? []), [orgs.data]);
  const people = usePeople(props.open);
  const issue = useMutation({
    mutationFn: (v: Values) => {
      const targets: InstructionTargetInput[] = [
        ...(v.orgIds ?? []).map((orgId) => ({ orgId })),
        ...(v.userIds ?? []).map((userId) => ({ userId })),
      ];
      return issueInstruction(props.incident.id, {
        text: v.text.trim(),
        targets,
        ...(v.dueAt ? { dueAt: beijingWallToIso(v.dueAt.format('YYYY-MM-DD HH:mm:ss')) } : {}),
      });
    },
    meta: { silent: true },
    onSuccess: async () => {
      notifySuccess(t('instructions.issued'));
      await qc.invalidateQueries({ queryKey: INSTRUCTIONS_KEY });
      await qc.invalidateQueries({ queryKey: [...INCIDENTS_KEY, 'timeline', props.incident.id] });
      props.onClose();
    },
    onError: (e) => showFormError(form, e),
  });

  return (
    <Modal
      open={props.open}
      title={t('instructions.issue')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={issue.isPending}
      destroyOnHidden
      width={600}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => issue.mutate(v)} data-testid="instruction-form">
        <Form.Item name="text" label={t('instructions.text')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="instruction-text" />
        </Form.Item>
        <Form.Item
          name="orgIds"
          label={t('instructions.targetOrgs')}
          dependencies={['userIds']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v: string[] | undefined) =>
                v?.length || (getFieldValue('userIds') as string[] | undefined)?.length
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('instructions.targetRequired'))),
            }),
          ]}
        >
          <TreeSelect
            multiple
            treeData={tree}
            treeDefaultExpandAll
            showSearch={{ treeNodeFilterProp: 'title' }}
            loading={orgs.isPending}
            popupMatchSelectWidth={false}
            data-testid="instruction-orgs"
          />
        </Form.Item>
        <Form.Item name="userIds" label={t('instructions.targetUsers')} extra={t('instructions.usersHint')}>
          <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={people} data-testid="instruction-users" />
        </Form.Item>
        <Form.Item name="dueAt" label={t('instructions.dueAt')} extra={t('instructions.dueHint')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
