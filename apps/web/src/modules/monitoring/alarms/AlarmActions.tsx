import type { AlarmDto } from '@vigil/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { ConvertModal } from './ConvertModal';
import { NoteModal, type NoteValues } from './NoteModal';
import { alarmAction, fetchAssignees } from './alarms.api';

type Action = 'acknowledge' | 'assign' | 'comment' | 'escalate' | 'close' | 'false-alarm';

/** The buttons for what the person may do next with the alarm (from its abilities), and their forms. */
export function AlarmActions({ alarm, onChanged }: { alarm: AlarmDto; onChanged: (a: AlarmDto) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Action | null>(null);
  const [converting, setConverting] = useState(false);
  const ab = alarm.abilities;
  const assignees = useQuery({
    queryKey: ['monitoring', 'assignees', alarm.id],
    queryFn: () => fetchAssignees(alarm.id),
    enabled: open === 'assign',
  });
  const act = useMutation({
    mutationFn: ({ action, v }: { action: Action; v: NoteValues }) => {
      const note = v.note?.trim() || undefined;
      if (action === 'comment') return alarmAction(alarm.id, action, { note });
      if (action === 'assign') return alarmAction(alarm.id, action, { version: alarm.version, assigneeId: v.assigneeId, note });
      if (action === 'false-alarm') return alarmAction(alarm.id, action, { version: alarm.version, falseAlarm: !alarm.falseAlarm, note });
      return alarmAction(alarm.id, action, { version: alarm.version, note });
    },
    onSuccess: (a) => {
      setOpen(null);
      notifySuccess(t('common.saved'));
      onChanged(a);
    },
    onError: notifyError,
  });
  const button = (action: Action, allowed: boolean, primary = false) =>
    allowed && (
      <Button
        key={action}
        type={primary ? 'primary' : 'default'}
        danger={action === 'escalate'}
        onClick={() => setOpen(action)}
        data-testid={`alarm-${action}`}
      >
        {t(`alarms.actions.${action === 'false-alarm' ? (alarm.falseAlarm ? 'unfalse' : 'falseAlarm') : action}`)}
      </Button>
    );
  return (
    <>
      <Space wrap data-testid="alarm-actions">
        {button('acknowledge', ab.acknowledge, true)}
        {ab.convert && (
          <Button type={ab.acknowledge ? 'default' : 'primary'} onClick={() => setConverting(true)} data-testid="alarm-convert">
            {t('alarms.actions.convert')}
          </Button>
        )}
        {button('assign', ab.assign)}
        {button('escalate', ab.escalate)}
        {button('comment', ab.comment)}
        {button('false-alarm', ab.falseAlarm)}
        {button('close', ab.close)}
      </Space>
      <NoteModal
        open={open !== null}
        title={open ? t(`alarms.actionTitles.${open === 'false-alarm' ? 'falseAlarm' : open}`) : ''}
        noteRequired={open === 'comment'}
        assignees={
          open === 'assign' ? (assignees.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.orgName}）` })) : undefined
        }
        loading={act.isPending}
        onOk={(v) => open && act.mutate({ action: open, v })}
        onCancel={() => setOpen(null)}
      />
      <ConvertModal alarm={alarm} open={converting} onClose={() => setConverting(false)} onDone={onChanged} />
    </>
  );
}
