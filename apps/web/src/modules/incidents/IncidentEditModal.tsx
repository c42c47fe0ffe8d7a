import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { IncidentDto } from '@vigil/shared';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api-error';
import { notifyError, notifySuccess } from '../../lib/notify';
import { IncidentBasicFields, IncidentCasualtyFields, preventEnterSubmit } from './IncidentFormFields';
import { incidentFieldErrors, toFormValues, toUpdateInput, type IncidentFormValues } from './incident-form';
import { INCIDENTS_KEY, updateIncident } from './incidents.api';
import { LocationPicker } from './LocationPicker';
import { pickerValue } from './picker-time';

/**
 * Corrects an incident's facts. The edit carries the version it started from: when someone else
 * saved in between, the server answers 409 and the form offers to reload their changes.
 */
export function IncidentEditModal(props: { incident: IncidentDto; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<IncidentFormValues>();
  const [stale, setStale] = useState<string | null>(null);
  const i = props.incident;

  useEffect(() => {
    if (props.open) setStale(null);
  }, [props.open]);

  const save = useMutation({
    mutationFn: (v: IncidentFormValues) => updateIncident(i.id, toUpdateInput(v, i.version)),
    meta: { silent: true },
    onSuccess: async () => {
      notifySuccess(t('common.saved'));
      await qc.invalidateQueries({ queryKey: INCIDENTS_KEY });
      props.onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) return setStale(e.userMessage);
      const fields = incidentFieldErrors(e);
      if (fields.length) form.setFields(fields);
      else notifyError(e);
    },
  });

  const reload = async () => {
    await qc.invalidateQueries({ queryKey: INCIDENTS_KEY });
    props.onClose();
  };

  return (
    <Modal
      open={props.open}
      width={880}
      title={t('incidents.editTitle', { title: i.title })}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okButtonProps={{ disabled: !!stale, 'data-testid': 'incident-edit-save' }}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {stale && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('incidents.conflictTitle')}
          description={stale}
          action={
            <Button size="small" onClick={() => void reload()} data-testid="incident-conflict-reload">
              {t('common.reload')}
            </Button>
          }
          data-testid="incident-conflict"
        />
      )}
      {/* Mounted afresh on every opening, so later refreshes never wipe what the officer is typing. */}
      <Form<IncidentFormValues>
        form={form}
        layout="vertical"
        initialValues={toFormValues(i, pickerValue)}
        onFinish={(v) => save.mutate(v)}
        onKeyDown={preventEnterSubmit}
        data-testid="incident-edit-form"
      >
        <IncidentBasicFields typeLabel={i.eventTypeName} />
        <Form.Item name="location" label={t('incidents.sections.location')}>
          <LocationPicker />
        </Form.Item>
        <Form.Item name="address" label={t('incidents.fields.address')}>
          <Input maxLength={300} />
        </Form.Item>
        <IncidentCasualtyFields />
      </Form>
    </Modal>
  );
}
