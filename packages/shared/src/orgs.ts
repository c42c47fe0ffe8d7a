import { z } from 'zod';
import { NonEmptyText, Text } from './common.js';

export const ORG_KINDS = ['province', 'city', 'county', 'township', 'department', 'enterprise', 'rescue_team'] as const;
export const OrgKind = z.enum(ORG_KINDS);
export type OrgKind = z.infer<typeof OrgKind>;

export const ORG_KIND_LABELS: Record<OrgKind, { zh: string; en: string }> = {
  province: { zh: '省级', en: 'Province' },
  city: { zh: '市级', en: 'City' },
  county: { zh: '县区级', en: 'County/district' },
  township: { zh: '乡镇街道', en: 'Township' },
  department: { zh: '部门', en: 'Department' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  rescue_team: { zh: '救援队伍', en: 'Rescue team' },
};

export const OrgDto = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  kind: OrgKind,
  code: z.string(),
  divisionCode: z.string().nullable(),
  divisionName: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  path: z.string(),
  depth: z.number().int(),
});
export type OrgDto = z.infer<typeof OrgDto>;

export const CreateOrgInput = z
  .object({
    parentId: z.uuid(),
    name: NonEmptyText(100),
    kind: OrgKind,
    code: z.string().regex(/^[A-Za-z0-9_]{2,40}$/, '编码只能包含字母、数字和下划线（2–40 位）'),
    divisionCode: z
      .string()
      .regex(/^\d{6}(\d{3})?$/, '行政区划代码应为 6 位或 9 位数字')
      .nullable()
      .optional(),
  })
  .strict();
export type CreateOrgInput = z.infer<typeof CreateOrgInput>;

export const UpdateOrgInput = z
  .object({
    name: NonEmptyText(100).optional(),
    divisionCode: z
      .string()
      .regex(/^\d{6}(\d{3})?$/)
      .nullable()
      .optional(),
    status: z.enum(['active', 'disabled']).optional(),
  })
  .strict();
export type UpdateOrgInput = z.infer<typeof UpdateOrgInput>;

export const OrgListQuery = z.object({ q: Text(100).optional(), kind: OrgKind.optional() });
