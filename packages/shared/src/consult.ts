import { z } from 'zod';
import { NonEmptyText, Text } from './common.js';

/**
 * Consultation room (协同会商) and collaborative plotting (协同标绘) of an incident: a chat with
 * @mentions, named participants (staff and experts), recorded conclusions (会商结论), and a
 * shared layer of plotted features drawn with an emergency symbol set.
 */

// ---------------------------------------------------------------- symbols (data, not an enum)

export type SymbolGeometry = 'Point' | 'LineString' | 'Polygon';

export interface PlotSymbol {
  code: string;
  zh: string;
  en: string;
  /** The geometry types this symbol may be drawn as. */
  geometries: readonly SymbolGeometry[];
  /** Default colour (#rrggbb). */
  colour: string;
}

/** The emergency plotting symbol set. Held as data: add a row to add a symbol. */
export const PLOT_SYMBOLS: readonly PlotSymbol[] = [
  { code: 'command_post', zh: '指挥部', en: 'Command post', geometries: ['Point'], colour: '#c62828' },
  { code: 'danger_zone', zh: '危险区', en: 'Danger zone', geometries: ['Polygon'], colour: '#e53935' },
  { code: 'evacuation_route', zh: '疏散路线', en: 'Evacuation route', geometries: ['LineString'], colour: '#2e7d32' },
  { code: 'road_closure', zh: '交通管制', en: 'Road closure', geometries: ['Point', 'LineString'], colour: '#f57c00' },
  { code: 'water_source', zh: '水源', en: 'Water source', geometries: ['Point'], colour: '#1565c0' },
  { code: 'staging_area', zh: '集结点', en: 'Staging area', geometries: ['Point', 'Polygon'], colour: '#6a1b9a' },
  { code: 'medical_point', zh: '医疗点', en: 'Medical point', geometries: ['Point'], colour: '#d81b60' },
  { code: 'helipad', zh: '直升机起降点', en: 'Helipad', geometries: ['Point'], colour: '#00838f' },
  { code: 'shelter', zh: '避难场所', en: 'Shelter', geometries: ['Point', 'Polygon'], colour: '#558b2f' },
  { code: 'warning_line', zh: '警戒线', en: 'Cordon', geometries: ['LineString', 'Polygon'], colour: '#fbc02d' },
  { code: 'note', zh: '标注', en: 'Note', geometries: ['Point', 'LineString', 'Polygon'], colour: '#455a64' },
];

/** The symbol with this code, if any. */
export function findPlotSymbol(code: string): PlotSymbol | undefined {
  return PLOT_SYMBOLS.find((s) => s.code === code);
}

// ---------------------------------------------------------------- geometry validation

/** China's bounding box (WGS84): plotted coordinates must fall inside. */
export const CHINA_BBOX = [73.0, 3.0, 136.0, 54.0] as const;
export const MAX_PLOT_VERTICES = 5000;

type Position = number[];
export type PlotGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Position[][] };

/** Why a GeoJSON geometry cannot be plotted (in Chinese), or null when it can. Pure; used on both ends. */
export function plotGeometryProblem(g: PlotGeometry): string | null {
  const inChina = (p: Position) => {
    const [lng, lat] = p as [number, number];
    return lng >= CHINA_BBOX[0] && lng <= CHINA_BBOX[2] && lat >= CHINA_BBOX[1] && lat <= CHINA_BBOX[3];
  };
  const positions: Position[] = g.type === 'Point' ? [g.coordinates] : g.type === 'LineString' ? g.coordinates : g.coordinates.flat();
  if (positions.length > MAX_PLOT_VERTICES) return `顶点数不能超过 ${MAX_PLOT_VERTICES}`;
  for (const p of positions) {
    if (p.length !== 2 || !p.every((n) => Number.isFinite(n))) return '坐标须为 [经度, 纬度]';
    if (!inChina(p)) return '坐标超出中国范围（WGS84）';
  }
  if (g.type === 'LineString' && g.coordinates.length < 2) return '线至少需要 2 个点';
  if (g.type === 'Polygon') {
    if (g.coordinates.length < 1) return '面至少需要 1 个环';
    for (const ring of g.coordinates) {
      if (ring.length < 4) return '面的每个环至少需要 4 个点（首尾相同）';
      const first = ring[0]!;
      const last = ring[ring.length - 1]!;
      if (first[0] !== last[0] || first[1] !== last[1]) return '面的环必须闭合（首尾坐标相同）';
    }
  }
  return null;
}

const Position = z.array(z.number('坐标须为数字'), '坐标须为数组');
export const PlotGeometry = z
  .discriminatedUnion(
    'type',
    [
      z.object({ type: z.literal('Point'), coordinates: Position }).strict(),
      z.object({ type: z.literal('LineString'), coordinates: z.array(Position).max(MAX_PLOT_VERTICES + 1) }).strict(),
      z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)).max(100) }).strict(),
    ],
    '几何类型须为点、线或面',
  )
  .superRefine((g, c) => {
    const problem = plotGeometryProblem(g as PlotGeometry);
    if (problem) c.addIssue({ code: 'custom', message: problem });
  });

const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, '颜色须为 #RRGGBB');
const SymbolCode = z
  .string()
  .max(40)
  .refine((s) => findPlotSymbol(s) !== undefined, '未知的标绘符号');

export const CreatePlotFeatureInput = z
  .object({
    symbol: SymbolCode,
    geometry: PlotGeometry,
    label: Text(100).optional(),
    colour: Colour.optional(),
  })
  .strict()
  .superRefine((v, c) => {
    const s = findPlotSymbol(v.symbol);
    if (s && !s.geometries.includes(v.geometry.type))
      c.addIssue({ code: 'custom', path: ['geometry'], message: `“${s.zh}”不能绘制为该几何类型` });
  });
export type CreatePlotFeatureInput = z.infer<typeof CreatePlotFeatureInput>;

export const UpdatePlotFeatureInput = z
  .object({
    version: z.number('版本须为数字').int().min(1),
    geometry: PlotGeometry.optional(),
    label: Text(100).optional(),
    colour: Colour.optional(),
  })
  .strict();
export type UpdatePlotFeatureInput = z.infer<typeof UpdatePlotFeatureInput>;

export const DeletePlotFeatureQuery = z.object({ version: z.coerce.number('版本须为数字').int().min(1).optional() }).strict();

export const PlotFeatureParams = z.object({ id: z.uuid(), featureId: z.uuid() }).strict();

export const PlotFeatureProperties = z.object({
  symbol: z.string(),
  label: z.string().nullable(),
  colour: z.string(),
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});
export const PlotFeatureDto = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: z.object({ type: z.enum(['Point', 'LineString', 'Polygon']), coordinates: z.array(z.any()) }),
  properties: PlotFeatureProperties,
});
export type PlotFeatureDto = z.infer<typeof PlotFeatureDto>;
export const PlotLayerDto = z.object({ type: z.literal('FeatureCollection'), features: z.array(PlotFeatureDto) });
export type PlotLayerDto = z.infer<typeof PlotLayerDto>;

// ---------------------------------------------------------------- chat, participants, decisions

export const MAX_CONSULT_MESSAGE = 4000;

/** At most this many attachments on one message. */
export const MAX_CONSULT_ATTACHMENTS = 5;

/** A message's text may be empty only when it carries attachments. */
export const ConsultMessageInput = z
  .object({
    body: Text(MAX_CONSULT_MESSAGE).default(''),
    mentions: z.array(z.uuid('提及的用户须为用户 ID')).max(50).optional(),
    attachmentIds: z
      .array(z.uuid('附件须为附件 ID'))
      .max(MAX_CONSULT_ATTACHMENTS, `每条消息最多 ${MAX_CONSULT_ATTACHMENTS} 个附件`)
      .optional(),
  })
  .strict()
  .superRefine((v, c) => {
    if (!v.body && !v.attachmentIds?.length) c.addIssue({ code: 'custom', path: ['body'], message: '消息内容不能为空' });
  });
export type ConsultMessageInput = z.infer<typeof ConsultMessageInput>;

export const ConsultListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type ConsultListQuery = z.infer<typeof ConsultListQuery>;

/** A file on a consultation message (an attachment of the incident); `url` streams it under the room's scope. */
export const ConsultAttachmentDto = z.object({
  id: z.string(),
  fileName: z.string(),
  mime: z.string(),
  kind: z.enum(['image', 'document']),
  sizeBytes: z.number().int(),
  url: z.string(),
});
export type ConsultAttachmentDto = z.infer<typeof ConsultAttachmentDto>;
export const ConsultAttachmentParams = z.object({ id: z.uuid(), attId: z.uuid() }).strict();

export const ConsultMessageDto = z.object({
  id: z.string(),
  incidentId: z.string(),
  body: z.string(),
  mentions: z.array(z.object({ userId: z.string(), name: z.string() })),
  attachments: z.array(ConsultAttachmentDto),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  at: z.string(),
});
export type ConsultMessageDto = z.infer<typeof ConsultMessageDto>;
export const ConsultMessagePage = z.object({ items: z.array(ConsultMessageDto), nextCursor: z.string().nullable() });
export type ConsultMessagePage = z.infer<typeof ConsultMessagePage>;

export const PARTICIPANT_KINDS = ['user', 'expert'] as const;
export const ParticipantKind = z.enum(PARTICIPANT_KINDS, '参与人类型须为 user 或 expert');
export type ParticipantKind = z.infer<typeof ParticipantKind>;

export const AddParticipantInput = z.object({ kind: ParticipantKind, refId: z.uuid('参与人须为 ID') }).strict();
export type AddParticipantInput = z.infer<typeof AddParticipantInput>;
export const ParticipantParams = z.object({ id: z.uuid(), participantId: z.uuid() }).strict();

export const ConsultParticipantDto = z.object({
  id: z.string(),
  kind: ParticipantKind,
  refId: z.string(),
  name: z.string(),
  addedBy: z.string().nullable(),
  addedAt: z.string(),
});
export type ConsultParticipantDto = z.infer<typeof ConsultParticipantDto>;

export const ConsultDecisionInput = z.object({ summary: NonEmptyText(2000) }).strict();
export type ConsultDecisionInput = z.infer<typeof ConsultDecisionInput>;

export const ConsultDecisionDto = z.object({
  id: z.string(),
  summary: z.string(),
  authorName: z.string().nullable(),
  at: z.string(),
});
export type ConsultDecisionDto = z.infer<typeof ConsultDecisionDto>;
export const ConsultDecisionPage = z.object({ items: z.array(ConsultDecisionDto), nextCursor: z.string().nullable() });
export type ConsultDecisionPage = z.infer<typeof ConsultDecisionPage>;

/** The realtime topic of consultation and plotting events (payloads carry `incidentId`). */
export const CONSULT_TOPIC = 'consult';

export const CONSULT_EVENTS = {
  messagePosted: 'consult.message_posted',
  decisionRecorded: 'consult.decision_recorded',
  participantsChanged: 'consult.participants_changed',
  featureCreated: 'consult.feature_created',
  featureUpdated: 'consult.feature_updated',
  featureDeleted: 'consult.feature_deleted',
} as const;
