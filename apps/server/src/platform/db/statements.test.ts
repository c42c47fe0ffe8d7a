import { describe, expect, it } from 'vitest';
import { splitStatements } from './statements.js';

describe('splitStatements', () => {
  it('splits on semicolons but not inside strings, comments or dollar-quoted bodies', () => {
    const script = `
      CREATE TABLE a (x text DEFAULT 'a;b'); -- a comment; with a semicolon
      CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'no; way'; END $$;
      SELECT 1`;
    const parts = splitStatements(script);
    expect(parts).toHaveLength(3);
    expect(parts[0]).toBe("CREATE TABLE a (x text DEFAULT 'a;b')");
    expect(parts[1]).toContain("RAISE EXCEPTION 'no; way'; END $$");
    expect(parts[2]).toBe('SELECT 1');
  });
});
