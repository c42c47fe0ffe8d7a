import {
  WARNING_COLOURS,
  type SignatureStatus,
  type WarningColour,
  type WarningSource,
  type WarningStatus,
  type WarningTypeDto,
} from '@vigil/shared';

/** The national warning-signal colours (blue Ⅳ, yellow Ⅲ, orange Ⅱ, red Ⅰ) as shown on tags and the map. */
export const COLOUR_HEX: Record<WarningColour, string> = {
  blue: '#0050d8',
  yellow: '#f2c200',
  orange: '#ff7a00',
  red: '#e0001b',
};

/** Text colour on a filled colour tag (dark on yellow, white elsewhere). */
export const COLOUR_TEXT: Record<WarningColour, string> = { blue: '#ffffff', yellow: '#262626', orange: '#ffffff', red: '#ffffff' };

/** Grey for a warning without a colour (some imported alerts). */
export const NO_COLOUR_HEX = '#8c8c8c';

/** antd tag colours of the workflow statuses. */
export const STATUS_TAG: Record<WarningStatus, string> = {
  draft: 'default',
  submitted: 'gold',
  approved: 'cyan',
  published: 'green',
  superseded: 'purple',
  cancelled: 'default',
  expired: 'default',
};

export const SIGNATURE_TAG: Record<SignatureStatus, string> = { valid: 'green', invalid: 'red', unsigned: 'default' };

export const SOURCE_TAG: Record<WarningSource, string> = { internal: 'blue', external: 'purple' };

/** Statuses in which a warning is public and in force (or was). */
export const PUBLIC_STATUSES: readonly WarningStatus[] = ['published', 'superseded', 'cancelled', 'expired'];

/** The hex colour of a warning (grey when it has none). */
export function colourHex(colour: WarningColour | null | undefined): string {
  return colour ? COLOUR_HEX[colour] : NO_COLOUR_HEX;
}

/** The colours a type allows, in level order (blue → red); empty for an unknown type. */
export function coloursOf(types: readonly WarningTypeDto[] | undefined, code: string | null | undefined): WarningColour[] {
  const type = types?.find((t) => t.code === code);
  if (!type) return [];
  return WARNING_COLOURS.filter((c) => type.colours.includes(c));
}

/** The 防御指南 of a type and colour ('' when there is none). */
export function guideOf(
  types: readonly WarningTypeDto[] | undefined,
  code: string | null | undefined,
  colour: WarningColour | null | undefined,
): string {
  if (!code || !colour) return '';
  return types?.find((t) => t.code === code)?.guides[colour] ?? '';
}

/** `11B01 台风` (or `11B01 Typhoon`) for selects and tables. */
export function typeLabel(t: Pick<WarningTypeDto, 'code' | 'nameZh' | 'nameEn'>, locale: string): string {
  return `${t.code} ${locale === 'en' ? t.nameEn : t.nameZh}`;
}
