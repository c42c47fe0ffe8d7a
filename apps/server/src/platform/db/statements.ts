import { sql, type Kysely } from 'kysely';

/**
 * Splits a SQL script into statements on `;` outside quotes, comments and dollar-quoted
 * bodies. PGlite runs one statement per extended-protocol query, so migrations run scripts
 * through this.
 */
export function splitStatements(script: string): string[] {
  const out: string[] = [];
  let cur = '';
  let i = 0;
  let dollarTag: string | null = null;
  let quote: "'" | '"' | null = null;
  while (i < script.length) {
    const ch = script[i]!;
    if (dollarTag) {
      if (script.startsWith(dollarTag, i)) {
        cur += dollarTag;
        i += dollarTag.length;
        dollarTag = null;
      } else {
        cur += ch;
        i++;
      }
      continue;
    }
    if (quote) {
      cur += ch;
      i++;
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === '-' && script[i + 1] === '-') {
      const nl = script.indexOf('\n', i);
      i = nl === -1 ? script.length : nl;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      cur += ch;
      i++;
      continue;
    }
    if (ch === '$') {
      const m = /^\$[A-Za-z_]*\$/.exec(script.slice(i));
      if (m) {
        dollarTag = m[0];
        cur += m[0];
        i += m[0].length;
        continue;
      }
    }
    if (ch === ';') {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
      i++;
      continue;
    }
    cur += ch;
    i++;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** Runs a multi-statement SQL script one statement at a time. */
export async function runScript(db: Kysely<unknown>, script: string): Promise<void> {
  for (const stmt of splitStatements(script)) await sql.raw(stmt).execute(db);
}
