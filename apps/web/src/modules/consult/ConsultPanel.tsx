import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UserDto } from '@vigil/shared';
import { Button, Card, Empty, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../../app/session';
import { errorText, notifyError } from '../../lib/notify';
import { formatBeijing } from '../../lib/time';
import { useRealtime } from '../../lib/useRealtime';
import { CONSULT_KEY, decisionsKey, fetchMentionable, fetchMessages, messagesKey, postMessage } from './consult.api';
import { DecisionsList } from './DecisionsList';
import { MessageFiles, PendingFiles, usePendingFiles } from './MessageFiles';
import { ParticipantsList } from './ParticipantsList';

/**
 * 协同会商 on the incident detail page: the room's chat (live over the `consult` topic) with files
 * (pictures shown as thumbnails, documents as links), an @mention picker, the conclusions with 记录结论, and a link to the collaborative plot. Nothing without `command.read`.
 */
export function ConsultPanel({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const allowed = can(me.data, 'command.read');
  const [text, setText] = useState('');
  const [mentions, setMentions] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const pending = usePendingFiles(incidentId);
  const messages = useInfiniteQuery({
    queryKey: messagesKey(incidentId),
    queryFn: ({ pageParam }) => fetchMessages(incidentId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: allowed,
    meta: { silent: true },
  });
  const users = useQuery({
    queryKey: [...CONSULT_KEY, 'mentionable'],
    queryFn: fetchMentionable,
    enabled: allowed && can(me.data, 'user.read'),
    staleTime: 300_000,
    meta: { silent: true },
  });
  useRealtime('consult', (e) => {
    const p = e.payload as { incidentId?: string };
    if (p.incidentId !== incidentId) return;
    if (e.name === 'consult.message_posted') void qc.invalidateQueries({ queryKey: messagesKey(incidentId) });
    if (e.name === 'consult.decision_recorded') void qc.invalidateQueries({ queryKey: decisionsKey(incidentId) });
  });
  if (!allowed) return null;

  const byId = new Map((users.data ?? []).map((u: UserDto) => [u.id, u]));
  const send = async () => {
    const body = text.trim();
    const attachmentIds = pending.files.map((f) => f.id);
    if (!body && attachmentIds.length === 0) return;
    setBusy(true);
    try {
      await postMessage(incidentId, {
        body,
        mentions: mentions.length ? mentions : undefined,
        attachmentIds: attachmentIds.length ? attachmentIds : undefined,
      });
      setText('');
      setMentions([]);
      pending.clear();
      void qc.invalidateQueries({ queryKey: messagesKey(incidentId) });
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  const onMention = (ids: string[]) => {
    const added = ids.filter((id) => !mentions.includes(id));
    setMentions(ids);
    const names = added.map((id) => `@${byId.get(id)?.displayName ?? ''}`).join(' ');
    if (names) setText((s) => (s ? `${s} ${names} ` : `${names} `));
  };
  // Pages come newest first; show oldest at the top like a chat.
  const items = (messages.data?.pages ?? []).flatMap((p) => p.items).reverse();

  return (
    <Card
      size="small"
      title={t('consult.title')}
      style={{ marginBottom: 12 }}
      data-testid="consult-panel"
      extra={
        <Link to={`/incidents/${incidentId}/plot`} data-testid="consult-open-plot">
          {t('consult.openPlot')}
        </Link>
      }
    >
      <ParticipantsList incidentId={incidentId} mayManage={can(me.data, 'command.dispatch')} />
      {messages.hasNextPage && (
        <Button type="link" size="small" onClick={() => void messages.fetchNextPage()} data-testid="consult-older">
          {t('consult.older')}
        </Button>
      )}
      {messages.isError && <Typography.Text type="danger">{errorText(messages.error)}</Typography.Text>}
      <div style={{ maxHeight: 320, overflowY: 'auto', marginBottom: 8 }} data-testid="consult-messages">
        {messages.data && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consult.noMessages')} />}
        {items.map((m) => (
          <div key={m.id} data-testid="consult-message" data-id={m.id} style={{ padding: '4px 0' }}>
            <Typography.Text strong>{m.authorName ?? '—'}</Typography.Text>{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatBeijing(m.at, false)}
            </Typography.Text>
            {m.body && (
              <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="consult-message-body">
                {m.body}
              </div>
            )}
            <MessageFiles files={m.attachments ?? []} />
          </div>
        ))}
      </div>
      <Space orientation="vertical" style={{ width: '100%' }} size={4}>
        <Select
          mode="multiple"
          size="small"
          style={{ width: '100%' }}
          placeholder={t('consult.mention')}
          value={mentions}
          onChange={onMention}
          optionFilterProp="label"
          options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.orgName}）` }))}
          data-testid="consult-mention-picker"
        />
        <Input.TextArea
          rows={2}
          maxLength={4000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send();
          }}
          placeholder={t('consult.placeholder')}
          data-testid="consult-input"
        />
        <PendingFiles pending={pending} />
        <Button
          type="primary"
          size="small"
          loading={busy}
          disabled={(!text.trim() && pending.files.length === 0) || pending.uploading}
          onClick={() => void send()}
          data-testid="consult-send"
        >
          {t('consult.send')}
        </Button>
      </Space>
      <div style={{ marginTop: 12 }}>
        <DecisionsList incidentId={incidentId} mayDecide={can(me.data, 'command.dispatch')} />
      </div>
    </Card>
  );
}
