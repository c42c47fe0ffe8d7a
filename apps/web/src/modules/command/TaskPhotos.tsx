import { CameraOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ATTACHMENT_MAX_BYTES, type TaskDto } from '@vigil/shared';
import { App, Button, Image, Space } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session';
import { notifyError, notifySuccess } from '../../lib/notify';
import { COMMAND_KEY, uploadTaskPhoto } from './command.api';
import { photoProblem } from './command-format';

/** Whether the task still takes photos (the server decides again): not a rejected one, nor an open one of an ended response. */
export function mayAddPhoto(task: TaskDto, responseActive: boolean): boolean {
  return task.status !== 'rejected' && (responseActive || task.status === 'done');
}

interface Props {
  task: TaskDto;
  responseActive?: boolean;
  /** Thumb-sized controls for the phone page. */
  big?: boolean;
  /** Both (default), only the thumbnails, or only the upload button. */
  show?: 'all' | 'thumbs' | 'button';
}

/**
 * A task's photos as thumbnails (tap to enlarge) and, for whoever works the task or a commander, a
 * button that opens the phone's camera (`capture="environment"`) or the file picker.
 */
export function TaskPhotos({ task, responseActive = true, big = false, show = 'all' }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const upload = useMutation({
    mutationFn: (f: File) => uploadTaskPhoto(task.id, f),
    meta: { silent: true },
    onSuccess: async () => {
      notifySuccess(t('command.photoUploaded'));
      await qc.invalidateQueries({ queryKey: COMMAND_KEY });
    },
    onError: notifyError,
  });
  const mayUpload = show !== 'thumbs' && can(me.data, 'task.update') && mayAddPhoto(task, responseActive);
  const thumbs = show === 'button' ? [] : task.photos;
  const size = big ? 64 : 40;
  if (!mayUpload && thumbs.length === 0) return null;

  const onPick = (files: FileList | null) => {
    const f = files?.[0];
    if (input.current) input.current.value = '';
    if (!f) return;
    const problem = photoProblem(f, ATTACHMENT_MAX_BYTES);
    if (problem) void message.error(t(`command.photoProblems.${problem}`, { name: f.name }));
    else upload.mutate(f);
  };

  return (
    <Space wrap size={6} data-testid="task-photos" data-count={task.photos.length}>
      <Image.PreviewGroup>
        {thumbs.map((p) => (
          <Image
            key={p.id}
            src={p.url}
            alt={p.fileName}
            title={`${p.fileName} · ${p.uploadedByName ?? ''}`}
            width={size}
            height={size}
            style={{ objectFit: 'cover', borderRadius: 4 }}
            data-testid="task-photo"
          />
        ))}
      </Image.PreviewGroup>
      {mayUpload && (
        <>
          <input
            ref={input}
            type="file"
            accept="image/*"
            capture="environment"
            style={{ display: 'none' }}
            onChange={(e) => onPick(e.target.files)}
            data-testid="task-photo-input"
          />
          <Button
            size={big ? 'large' : 'small'}
            style={big ? { minHeight: 44 } : undefined}
            icon={<CameraOutlined />}
            loading={upload.isPending}
            onClick={() => input.current?.click()}
            data-testid="task-photo-upload"
          >
            {t('command.addPhoto')}
          </Button>
        </>
      )}
    </Space>
  );
}

/** Only the upload button (the table's action column). */
export function TaskPhotoButton(props: Omit<Props, 'show'>) {
  return <TaskPhotos {...props} show="button" />;
}
