import { loadConfig } from './config/config.js';
import { verifyAuditChain } from './platform/audit/audit.js';
import { migrateToLatest, openDatabase } from './platform/db/database.js';
import { clearScale, seedScale } from './modules/resources/seed-scale.js';

/** Operator commands: `migrate`, `audit-verify`, `seed-scale [--features N] [--batch N] [--clear]`. */
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
      case 'seed-scale': {
        const args = process.argv.slice(3);
        const num = (flag: string, dflt: number) => {
          const i = args.indexOf(flag);
          const n = i >= 0 ? Number(args[i + 1]) : dflt;
          if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} expects a whole number`);
          return n;
        };
        await migrateToLatest(handle.db);
        if (args.includes('--clear')) {
          console.log(`seed-scale: removed ${await clearScale(handle.db)} synthetic resources`);
          return 0;
        }
        const r = await seedScale(handle.db, {
          features: num('--features', 100_000),
          batch: Math.max(1, num('--batch', 10_000)),
          now: new Date(),
          progress: (msg) => console.log(msg),
        });
        console.log(JSON.stringify(r));
        return 0;
      }
      default:
        console.error('usage: cli <migrate|audit-verify|seed-scale>');
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
