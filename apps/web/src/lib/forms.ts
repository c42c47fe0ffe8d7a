import type { FormInstance } from 'antd';
import { ApiError, toFormErrors } from './api-error';
import { notifyError } from './notify';

/**
 * Puts a failed call's field errors onto the matching antd form fields; when none matches (a rule
 * about the whole record, a conflict, a network failure) toasts its `detail` instead.
 * Returns true when at least one field error found its field.
 */
export function showFormError(form: FormInstance, err: unknown): boolean {
  if (!(err instanceof ApiError)) {
    notifyError(err);
    return false;
  }
  const known = Object.keys((form.getFieldsValue(true) as Record<string, unknown> | undefined) ?? {});
  const registered = Object.keys((form.getFieldsValue() as Record<string, unknown> | undefined) ?? {});
  const fields = toFormErrors(err, [...new Set([...known, ...registered])]);
  if (fields.length) form.setFields(fields);
  else notifyError(err);
  return fields.length > 0;
}
