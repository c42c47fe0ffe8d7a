/**
 * The CAP 1.2 model (OASIS Common Alerting Protocol v1.2). Property names mirror the XML element
 * names exactly, so a validation path such as `/alert/info[0]/area[1]/polygon[0]` points at
 * `alert.info[0].area[1].polygon[0]`. Repeated elements are always arrays (possibly empty);
 * optional single elements are omitted when absent.
 */

export const CAP_STATUS = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export const CAP_MSG_TYPE = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
export const CAP_SCOPE = ['Public', 'Restricted', 'Private'] as const;
export const CAP_CATEGORY = [
  'Geo',
  'Met',
  'Safety',
  'Security',
  'Rescue',
  'Fire',
  'Health',
  'Env',
  'Transport',
  'Infra',
  'CBRNE',
  'Other',
] as const;
export const CAP_RESPONSE_TYPE = ['Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None'] as const;
export const CAP_URGENCY = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CAP_SEVERITY = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CAP_CERTAINTY = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;

export type CapStatus = (typeof CAP_STATUS)[number];
export type CapMsgType = (typeof CAP_MSG_TYPE)[number];
export type CapScope = (typeof CAP_SCOPE)[number];
export type CapCategory = (typeof CAP_CATEGORY)[number];
export type CapResponseType = (typeof CAP_RESPONSE_TYPE)[number];
export type CapUrgency = (typeof CAP_URGENCY)[number];
export type CapSeverity = (typeof CAP_SEVERITY)[number];
export type CapCertainty = (typeof CAP_CERTAINTY)[number];

/** A `valueName`/`value` pair as used by eventCode, parameter and geocode. */
export interface CapValuePair {
  valueName: string;
  value: string;
}

export interface CapResource {
  resourceDesc: string;
  mimeType: string;
  /** Size in bytes (xs:integer). */
  size?: number;
  uri?: string;
  /** Base64 data of the resource, when sent inline. */
  derefUri?: string;
  /** SHA-1 digest of the resource (hex), per CAP 1.2. */
  digest?: string;
}

export interface CapArea {
  areaDesc: string;
  /** Each polygon as CAP text: space-separated "lat,lon" pairs, first = last (WGS 84). */
  polygon: string[];
  /** Each circle as CAP text: "lat,lon radiusKm". */
  circle: string[];
  geocode: CapValuePair[];
  /** Altitude in feet above mean sea level (CAP 1.2 §3.2.4). */
  altitude?: number;
  ceiling?: number;
}

export interface CapInfo {
  /** RFC 3066 language tag; CAP's default when absent is en-US. */
  language?: string;
  category: CapCategory[];
  event: string;
  responseType: CapResponseType[];
  urgency: CapUrgency;
  severity: CapSeverity;
  certainty: CapCertainty;
  audience?: string;
  eventCode: CapValuePair[];
  effective?: string;
  onset?: string;
  expires?: string;
  senderName?: string;
  headline?: string;
  description?: string;
  instruction?: string;
  web?: string;
  contact?: string;
  parameter: CapValuePair[];
  resource: CapResource[];
  area: CapArea[];
}

export interface CapAlert {
  identifier: string;
  sender: string;
  /** CAP dateTime, e.g. 2025-07-20T10:00:00+08:00 (timezone required). */
  sent: string;
  status: CapStatus;
  msgType: CapMsgType;
  source?: string;
  scope: CapScope;
  restriction?: string;
  /** Space-separated addresses; an address containing spaces is enclosed in double quotes. */
  addresses?: string;
  code: string[];
  note?: string;
  /** Space-separated "sender,identifier,sent" triples of earlier messages. */
  references?: string;
  /** Space-separated incident identifiers. */
  incidents?: string;
  info: CapInfo[];
}

/** One entry of `references`. */
export interface CapReference {
  sender: string;
  identifier: string;
  sent: string;
}

/** A WGS 84 point as written in CAP: latitude first. */
export interface CapPoint {
  lat: number;
  lon: number;
}

export interface CapCircle {
  center: CapPoint;
  radiusKm: number;
}
