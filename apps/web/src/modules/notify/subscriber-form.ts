import type { CreateSubscriberInput, SubscriberChannel, SubscriberDto, UpdateSubscriberInput, WarningColour } from '@vigil/shared';

export interface SubscriberFormValues {
  name: string;
  channel: SubscriberChannel;
  address: string;
  /** Webhooks: a key typed in; empty = generate one (new) or keep the current one (edit). */
  secret?: string;
  rotateSecret?: boolean;
  divisionCodes: string[];
  minColour: WarningColour | null;
  enabled: boolean;
}

/** The form's starting values: a subscriber being edited, or a new SMS subscriber. */
export function formValuesOf(s?: SubscriberDto | null): SubscriberFormValues {
  if (!s) return { name: '', channel: 'sms', address: '', divisionCodes: [], minColour: null, enabled: true };
  return {
    name: s.name,
    channel: s.channel,
    address: s.address,
    divisionCodes: s.divisionCodes,
    minColour: s.minColour,
    enabled: s.enabled,
  };
}

function common(v: SubscriberFormValues) {
  const secret = v.channel === 'webhook' ? v.secret?.trim() : undefined;
  return {
    name: v.name.trim(),
    channel: v.channel,
    address: v.address.trim(),
    ...(secret ? { secret } : {}),
    divisionCodes: v.divisionCodes ?? [],
    minColour: v.minColour ?? null,
    enabled: v.enabled,
  };
}

/** Body of `POST /notify/subscribers`. */
export function toCreateBody(v: SubscriberFormValues): CreateSubscriberInput {
  return common(v);
}

/** Body of `PUT /notify/subscribers/:id` (optimistic: the version the form was opened on). */
export function toUpdateBody(v: SubscriberFormValues, version: number): UpdateSubscriberInput {
  return { ...common(v), ...(v.channel === 'webhook' && v.rotateSecret && !v.secret?.trim() ? { rotateSecret: true } : {}), version };
}
