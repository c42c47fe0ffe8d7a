import type { ResourceKind } from '@vigil/shared';

/**
 * How an attribute of `attrs` is edited and shown: free text, whole or decimal number, yes/no,
 * one of a fixed list, national codes, free tags, or the team's equipment list (name + quantity).
 */
export type AttrFieldType = 'text' | 'int' | 'number' | 'bool' | 'enum' | 'codes' | 'tags' | 'equipmentList';

export interface AttrField {
  /** Key inside `attrs` (also the i18n key `resources.attrs.<name>`). */
  name: string;
  type: AttrFieldType;
  /** enum: the allowed values; labels come from `resources.enums.<enumKey>.<value>`. */
  options?: readonly string[];
  enumKey?: string;
  required?: boolean;
  /** text: maximum length. */
  max?: number;
  /** Unit shown after numbers (i18n key under `resources.units`). */
  unit?: 'people' | 'm2' | 'm' | 'pieces';
  /** Shown as a column of the registry table. */
  column?: boolean;
  /** codes: only codes starting with one of these (event codes for capabilities / specialties). */
  codePrefixes?: readonly string[];
}

/** What differs between the seven registries; everything else is the same generic page. */
export interface KindSpec {
  kind: ResourceKind;
  attrs: readonly AttrField[];
  /** The status a new record starts with. */
  defaultStatus: string;
  /** Experts: the phone and ID number are sealed and shown masked (no public duty phone). */
  sealedContact?: boolean;
  /** Show the shared `phone` field (duty phone). */
  phone: boolean;
  /** Warehouses hold stock lines. */
  stock?: boolean;
}

/** The event categories (1…: natural disasters, accidents, public health, social safety). */
export const EVENT_CODE_PREFIXES = ['1'] as const;
