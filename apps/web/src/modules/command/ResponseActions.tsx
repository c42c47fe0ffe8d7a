import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RESPONSE_LEVELS, type ResponseDto, type ResponseLevel } from '@vigil/shared';
import { Button, Form, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { notifyError, notifySuccess } from '../../lib/notify';
import { isVersionConflict } from './command-format';
import { changeResponseLevel, COMMAND_KEY, terminateResponse } from './command.api';
import { ReasonModal } from './ReasonModal';

const LEVELS: readonly ResponseLevel[] = RESPONSE_LEVELS;

/** 调整级别 / 终止响应 (both with a required reason), for `command.launch` holders on an active response. */
export function ResponseActions({ response: r, size = 'middle' }: { response: ResponseDto; size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const [asking, setAsking] = useState<'level' | 'terminate' | null>(null);
  const run = useMutation({
    mutationFn: ({ kind, reason, level }: { kind: 'level' | 'terminate'; reason: string; level?: ResponseLevel }) =>
      kind === 'level'
        ? changeResponseLevel(r.id, { level: level ?? r.level, reason, version: r.version })
        : terminateResponse(r.id, { reason, version: r.version }),
    meta: { silent: true },
    onSuccess: async (_x, { kind }) => {
      setAsking(null);
      notifySuccess(t(kind === 'level' ? 'command.levelChanged' : 'command.terminated'));
      await qc.invalidateQueries({ queryKey: COMMAND_KEY });
    },
    onError: (e) => {
      notifyError(isVersionConflict(e) ? new Error(t('command.conflict')) : e);
      void qc.invalidateQueries({ queryKey: COMMAND_KEY });
    },
  });
  const ab = r.abilities;
  const allowed = can(me.data, 'command.launch') && r.status === 'active';
  const canLevel = allowed && (ab ? ab.changeLevel : true);
  const canTerminate = allowed && (ab ? ab.terminate : true);
  if (!canLevel && !canTerminate) return null;

  return (
    <Space wrap data-testid="response-actions">
      {canLevel && (
        <Button size={size} onClick={() => setAsking('level')} data-testid="response-change-level">
          {t('command.changeLevel')}
        </Button>
      )}
      {canTerminate && (
        <Button size={size} danger onClick={() => setAsking('terminate')} data-testid="response-terminate">
          {t('command.terminate')}
        </Button>
      )}
      {asking === 'level' && (
        <ReasonModal<{ level: ResponseLevel }>
          open
          title={t('command.changeLevel')}
          okText={t('command.changeLevel')}
          busy={run.isPending}
          testId="response-level-modal"
          initial={{ level: r.level }}
          extra={
            <Form.Item name="level" label={t('command.fields.level')} rules={[{ required: true }]}>
              <Select
                options={LEVELS.filter((l) => l !== r.level).map((l) => ({ value: l, label: t(`plans.responseLevels.${l}`) }))}
                data-testid="response-level-select"
              />
            </Form.Item>
          }
          onOk={(reason, v) => run.mutate({ kind: 'level', reason, level: v.level })}
          onClose={() => setAsking(null)}
        />
      )}
      {asking === 'terminate' && (
        <ReasonModal
          open
          title={t('command.terminate')}
          okText={t('command.terminate')}
          busy={run.isPending}
          testId="response-terminate-modal"
          onOk={(reason) => run.mutate({ kind: 'terminate', reason })}
          onClose={() => setAsking(null)}
        />
      )}
    </Space>
  );
}
