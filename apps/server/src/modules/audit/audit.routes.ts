import { PassThrough } from 'node:stream';
import { AuditEntryDto, AuditFilterQuery, AuditQuery, AuditVerifyDto, Page } from '@vigil/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as svc from './audit.service.js';
import { contentDisposition, XLSX_TYPE } from '../../platform/http/files.js';

function exportFileName(now: Date): string {
  const stamp = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace(/[-:T]/g, '');
  return `审计日志-${stamp}.xlsx`;
}

/** The audit administrator's API: search, export to Excel, verify the hash chain. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      schema: { tags: ['audit'], summary: '审计日志查询', querystring: AuditQuery, response: { 200: Page(AuditEntryDto) } },
      preHandler: app.requirePermission('audit.read'),
    },
    async (req) => app.run(req, (ctx) => svc.listAudit(ctx, req.query)),
  );

  app.get(
    '/audit/export',
    {
      schema: { tags: ['audit'], summary: '导出审计日志（xlsx）', querystring: AuditFilterQuery },
      preHandler: app.requirePermission('audit.export'),
    },
    async (req, reply) => {
      const plan = await app.run(req, (ctx) => svc.planAuditExport(ctx, req.query));
      const out = new PassThrough();
      svc.writeAuditExport(app.platform.db, plan, out).catch((err: unknown) => {
        req.log.error({ err }, 'audit export failed while streaming');
        out.destroy(err instanceof Error ? err : new Error(String(err)));
      });
      const name = exportFileName(app.platform.clock.now());
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', contentDisposition(name, { ascii: 'audit.xlsx' }))
        .header('x-total-count', String(plan.total))
        .header('cache-control', 'no-store')
        .send(out);
    },
  );

  app.get(
    '/audit/verify',
    {
      schema: { tags: ['audit'], summary: '校验审计日志哈希链', response: { 200: AuditVerifyDto } },
      preHandler: app.requirePermission('audit.read'),
    },
    async () => svc.verifyAudit(app.platform),
  );
};
