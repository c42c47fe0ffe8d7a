import { z } from 'zod';
import { Text } from './common.js';

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

/** Letters of any script, digits, spaces and the punctuation real names of people and bodies use. */
const NAME_CHARS = /^[\p{L}\p{M}\p{N} ·•'’.\-_()（）、,，&/#《》【】[\]]+$/u;

/**
 * A person's or an organisation's name: plain text without markup or statement separators
 * (`<`, `>`, `;`, quotes…), so that names are safe wherever they are shown or exported.
 */
export const PlainName = (max: number) =>
  Text(max)
    .pipe(z.string().min(1, '不能为空'))
    .refine((s) => NAME_CHARS.test(s), {
      message: '只能包含文字、数字、空格和常用标点（· . - _ ( ) 、 , & / #），不能包含 < > ; " 等字符',
    });

export const DivisionCode = z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为 6 位或 9 位数字');

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

export const OrgListDto = z.object({ items: z.array(OrgDto) });

export const CreateOrgInput = z
  .object({
    parentId: z.uuid(),
    name: PlainName(100),
    kind: OrgKind,
    code: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9_]{2,40}$/, '编码只能包含字母、数字和下划线（2–40 位）'),
    divisionCode: DivisionCode.nullable().optional(),
  })
  .strict();
export type CreateOrgInput = z.infer<typeof CreateOrgInput>;

export const UpdateOrgInput = z
  .object({
    name: PlainName(100).optional(),
    divisionCode: DivisionCode.nullable().optional(),
    status: z.enum(['active', 'disabled']).optional(),
  })
  .strict()
  .refine((o) => Object.keys(o).length > 0, { message: '至少需要修改一项' });
export type UpdateOrgInput = z.infer<typeof UpdateOrgInput>;

export const OrgListQuery = z.object({ q: Text(100).optional(), kind: OrgKind.optional() }).strict();
export type OrgListQuery = z.infer<typeof OrgListQuery>;
