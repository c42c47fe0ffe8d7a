import { loadConfig } from './config/config.js';
import { verifyAuditChain } from './platform/audit/audit.js';
import { migrateToLatest, openDatabase } from './platform/db/database.js';

/** Operator commands: `migrate`, `audit-verify`. */
async function main(): Promise<number> {
  const cmd = process.argv[2];
  const config = loadConfig();
  const handle = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    switch (cmd) {
      case 'migrate': {
        const r = await migrateToLatest(handle.db);
        const applied = r.results?.filter((x) => x.status === 'Success').map((x) => x.migrationName) ?? [];
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
        return 0;
      }
      case 'audit-verify': {
        const r = await verifyAuditChain(handle.db, config.AUDIT_HMAC_KEY);
        console.log(JSON.stringify(r, null, 2));
        console.log(r.ok ? `audit chain intact (${r.checked} rows)` : `AUDIT CHAIN BROKEN at row ${r.firstBadSeq}: ${r.problem}`);
        return r.ok ? 0 : 1;
      }
      default:
        console.error('usage: cli <migrate|audit-verify>');
        return 2;
    }
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
