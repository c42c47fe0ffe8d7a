import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { notifyError } from '../../lib/notify';
import { useRealtime } from '../../lib/useRealtime';
import {
  addParticipant,
  CONSULT_KEY,
  fetchExperts,
  fetchMentionable,
  fetchParticipants,
  participantsKey,
  removeParticipant,
} from './consult.api';

/** 会商参与人: staff and invited experts, with add/remove for those who may manage the room. */
export function ParticipantsList({ incidentId, mayManage }: { incidentId: string; mayManage: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const key = participantsKey(incidentId);
  const q = useQuery({ queryKey: key, queryFn: () => fetchParticipants(incidentId), meta: { silent: true } });
  const users = useQuery({
    queryKey: [...CONSULT_KEY, 'mentionable'],
    queryFn: fetchMentionable,
    enabled: mayManage && can(me.data, 'user.read'),
    staleTime: 300_000,
    meta: { silent: true },
  });
  const experts = useQuery({
    queryKey: [...CONSULT_KEY, 'experts'],
    queryFn: fetchExperts,
    enabled: mayManage && can(me.data, 'resource.read'),
    staleTime: 300_000,
    meta: { silent: true },
  });
  useRealtime('consult', (e) => {
    if (e.name === 'consult.participants_changed' && (e.payload as { incidentId?: string }).incidentId === incidentId)
      void qc.invalidateQueries({ queryKey: key });
  });

  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (err) {
      notifyError(err);
    }
    void qc.invalidateQueries({ queryKey: key });
  };
  const options = [
    ...(users.data ?? []).map((u) => ({ value: `user:${u.id}`, label: `${u.displayName}（${u.orgName}）` })),
    ...(experts.data ?? []).map((x) => ({ value: `expert:${x.id}`, label: `${t('consult.expert')}：${x.name}` })),
  ];

  return (
    <div data-testid="consult-participants" style={{ marginBottom: 8 }}>
      <Typography.Text strong>{t('consult.participants')}</Typography.Text>
      <div style={{ margin: '4px 0' }}>
        {(q.data ?? []).length === 0 && <Typography.Text type="secondary">{t('consult.noParticipants')}</Typography.Text>}
        <Space size={[4, 4]} wrap>
          {(q.data ?? []).map((p) => (
            <Tag
              key={p.id}
              color={p.kind === 'expert' ? 'gold' : 'blue'}
              closable={mayManage}
              onClose={(e) => {
                e.preventDefault();
                void run(() => removeParticipant(incidentId, p.id));
              }}
              data-testid="consult-participant"
              data-kind={p.kind}
            >
              {p.kind === 'expert' ? `${t('consult.expert')}：` : ''}
              {p.name}
            </Tag>
          ))}
        </Space>
      </div>
      {mayManage && (
        <Select
          size="small"
          showSearch
          style={{ width: '100%' }}
          value={null}
          placeholder={t('consult.addParticipant')}
          optionFilterProp="label"
          options={options}
          onChange={(v: string | null) => {
            if (!v) return;
            const [kind, refId] = v.split(':') as ['user' | 'expert', string];
            void run(() => addParticipant(incidentId, { kind, refId }));
          }}
          data-testid="consult-add-participant"
        />
      )}
    </div>
  );
}
