import { PlusOutlined } from '@ant-design/icons';
import type { EscalationPolicyDto } from '@vigil/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../../app/session';
import { notifyError } from '../../../lib/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { archivePolicy, fetchPolicies, POLICIES_KEY } from '../alarms/alarms.api';
import { PolicyEditorModal } from './PolicyEditorModal';

/** 报警升级策略: the escalation chains rules refer to. */
export default function EscalationPoliciesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const manage = can(me.data, 'monitoring.manage');
  const [editing, setEditing] = useState<EscalationPolicyDto | null | 'new'>(null);
  const list = useQuery({ queryKey: POLICIES_KEY, queryFn: fetchPolicies });
  const archive = useMutation({
    mutationFn: (p: EscalationPolicyDto) => archivePolicy(p.id, p.version),
    onSuccess: () => void qc.invalidateQueries({ queryKey: POLICIES_KEY }),
    onError: notifyError,
  });
  return (
    <div data-testid="escalation-page">
      <PageHeader
        title={t('alarmRules.policiesTitle')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('alarmRules.policyCreate')}
            </Button>
          )
        }
      />
      <Card size="small">
        <Table<EscalationPolicyDto>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          columns={[
            {
              title: t('alarmRules.policyName'),
              dataIndex: 'name',
              render: (v: string, p) => (p.abilities.edit ? <Typography.Link onClick={() => setEditing(p)}>{v}</Typography.Link> : v),
            },
            {
              title: t('alarmRules.steps'),
              render: (_, p) =>
                p.steps.map((s, i) => (
                  <Tag key={i}>
                    {t('alarmRules.stepSummary', { minutes: s.afterMinutes, org: t(`alarmRules.orgLevels.${s.orgLevel}`) })}
                    {s.roleId ? ` · ${s.roleId}` : ''}
                  </Tag>
                )),
            },
            { title: t('alarmRules.usedBy'), dataIndex: 'rules', width: 90, align: 'right' },
            { title: t('alarmRules.org'), dataIndex: 'orgName', width: 180 },
            {
              title: t('common.actions'),
              width: 80,
              render: (_, p) =>
                p.abilities.edit && (
                  <Popconfirm title={t('alarmRules.archiveConfirm')} onConfirm={() => archive.mutate(p)}>
                    <Typography.Link type="danger">{t('alarmRules.archive')}</Typography.Link>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <PolicyEditorModal open={editing !== null} policy={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
    </div>
  );
}
