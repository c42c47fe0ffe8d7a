import { z } from 'zod';

/** UUID (v7 in practice) identifiers. */
export const Id = z.uuid();
export const IdParams = z.object({ id: z.uuid() }).strict();

/** Text without control characters, trimmed; used for every free-text field. */
export const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { message: '包含非法控制字符' });

export const NonEmptyText = (max: number) => Text(max).pipe(z.string().min(1));

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
  q: Text(100).optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int() });

export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

/** RFC 9457 problem details as Vigil emits them. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;
