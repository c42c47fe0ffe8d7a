import { describe, expect, it } from 'vitest';
import { contentDisposition } from './files.js';

describe('contentDisposition', () => {
  it('keeps a Chinese file name exact in filename* and gives browsers without RFC 5987 an ASCII stand-in', () => {
    const h = contentDisposition('救援队伍导入模板.xlsx');
    expect(h).toBe(`attachment; filename="________.xlsx"; filename*=UTF-8''${encodeURIComponent('救援队伍导入模板.xlsx')}`);
    expect(decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(h)![1]!)).toBe('救援队伍导入模板.xlsx');
  });

  it('cannot be broken out of by quotes, backslashes or line breaks in the name', () => {
    const h = contentDisposition('a"b\\c\r\nSet-Cookie: x.csv', { kind: 'inline' });
    expect(h.startsWith('inline; filename="a_b_c__Set-Cookie: x.csv"; ')).toBe(true);
    expect(h).not.toMatch(/[\r\n]/);
  });

  it('uses the ASCII name given for old clients, made safe too', () => {
    expect(contentDisposition('审计日志.xlsx', { ascii: 'audit.xlsx' })).toBe(
      `attachment; filename="audit.xlsx"; filename*=UTF-8''${encodeURIComponent('审计日志.xlsx')}`,
    );
    expect(contentDisposition('x', { ascii: 'a"b.xlsx' })).toContain('filename="a_b.xlsx"');
  });
});
