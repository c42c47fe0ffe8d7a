import type { AuditEntryDto, AuditVerifyDto, PageOf } from '@vigil/shared';
import { download, http } from '../../lib/api';
import { beijingDate } from '../../lib/time';
import type { AuditFilters } from './audit-query';

export const AUDIT_KEY = ['audit'] as const;

export const fetchAudit = (f: AuditFilters & { limit: number; cursor?: string }) => http.get<PageOf<AuditEntryDto>>('/audit', { ...f });
export const verifyAudit = () => http.get<AuditVerifyDto>('/audit/verify');

/** Downloads the filtered audit log as an Excel file. */
export const exportAudit = (f: AuditFilters) => download('/audit/export', { ...f }, `audit-${beijingDate(new Date())}.xlsx`);
