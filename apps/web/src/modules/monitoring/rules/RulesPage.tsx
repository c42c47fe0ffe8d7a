import { PlusOutlined } from '@ant-design/icons';
import type { AlarmLevel, RuleDto, RuleTestResult } from '@vigil/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Input, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { can, useMe } from '../../../app/session';
import { notifyError } from '../../../lib/notify';
import { formatBeijing } from '../../../lib/time';
import { PageHeader } from '../../../ui/PageHeader';
import { AlarmLevelTag } from '../alarms/AlarmTags';
import { fetchRules, ruleAction, RULES_KEY, testRule } from '../alarms/alarms.api';
import { RuleEditorModal } from './RuleEditorModal';
import { RuleTestModal } from './RuleTestModal';
import { toRuleInput, type RuleFormValues } from './rule-form';

/** 报警规则: the rules as data — list, switch on and off, create, edit, try on the last 24 hours, archive. */
export default function RulesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const manage = can(me.data, 'monitoring.manage');
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<RuleDto | null | 'new'>(null);
  const [tested, setTested] = useState<RuleTestResult | null>(null);
  const rules = useQuery({ queryKey: [...RULES_KEY, q], queryFn: () => fetchRules({ q: q || undefined }) });
  const act = useMutation({
    mutationFn: (x: { rule: RuleDto; action: 'enable' | 'disable' | 'archive' }) => ruleAction(x.rule.id, x.action, x.rule.version),
    onSuccess: () => void qc.invalidateQueries({ queryKey: RULES_KEY }),
    onError: notifyError,
  });
  const test = useMutation({
    mutationFn: (v: RuleFormValues) => {
      const { deviceTypeCode, deviceId, level, definition } = toRuleInput(v);
      return testRule({ deviceTypeCode, deviceId, level, definition });
    },
    onSuccess: setTested,
    onError: notifyError,
  });

  return (
    <div data-testid="rules-page">
      <PageHeader
        title={t('alarmRules.title')}
        extra={
          <Space>
            <Button onClick={() => void navigate('/monitoring/escalation')}>{t('menu.alarmEscalation')}</Button>
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="rule-create">
                {t('alarmRules.createTitle')}
              </Button>
            )}
          </Space>
        }
      />
      <Card size="small">
        <Input.Search allowClear placeholder={t('alarmRules.searchHint')} onSearch={setQ} style={{ width: 260, marginBottom: 12 }} />
        <Table<RuleDto>
          rowKey="id"
          size="small"
          loading={rules.isFetching}
          dataSource={rules.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          onRow={(r) => ({ 'data-testid': 'rule-row', 'data-rule': r.name }) as object}
          columns={[
            {
              title: t('alarmRules.name'),
              dataIndex: 'name',
              render: (v: string, r) =>
                manage && r.abilities.edit ? <Typography.Link onClick={() => setEditing(r)}>{v}</Typography.Link> : v,
            },
            { title: t('alarmRules.kind'), dataIndex: 'kind', width: 150, render: (k: string) => <Tag>{t(`alarmRules.kinds.${k}`)}</Tag> },
            { title: t('alarmRules.target'), render: (_, r) => r.deviceName ?? r.deviceTypeName ?? r.deviceTypeCode },
            { title: t('alarms.fields.level'), dataIndex: 'level', width: 80, render: (l: AlarmLevel) => <AlarmLevelTag level={l} /> },
            { title: t('alarmRules.openAlarms'), dataIndex: 'openAlarms', width: 90, align: 'right' },
            { title: t('alarmRules.escalation'), dataIndex: 'escalationPolicyName', ellipsis: true },
            { title: t('alarmRules.org'), dataIndex: 'orgName', ellipsis: true },
            { title: t('alarmRules.updatedAt'), dataIndex: 'updatedAt', width: 140, render: (v: string) => formatBeijing(v, false) },
            {
              title: t('alarmRules.enabled'),
              width: 80,
              render: (_, r) => (
                <Switch
                  size="small"
                  checked={r.enabled}
                  disabled={!r.abilities.edit}
                  loading={act.isPending && act.variables?.rule.id === r.id}
                  onChange={(on) => act.mutate({ rule: r, action: on ? 'enable' : 'disable' })}
                />
              ),
            },
            {
              title: t('common.actions'),
              width: 80,
              render: (_, r) =>
                r.abilities.edit && (
                  <Popconfirm title={t('alarmRules.archiveConfirm')} onConfirm={() => act.mutate({ rule: r, action: 'archive' })}>
                    <Typography.Link type="danger">{t('alarmRules.archive')}</Typography.Link>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <RuleEditorModal
        open={editing !== null}
        rule={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onTest={(v) => test.mutate(v)}
      />
      <RuleTestModal result={tested} onClose={() => setTested(null)} />
    </div>
  );
}
