import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cellText, decodeText, extensionType, ImportFileError, parseCsv, readImportFile, sniffImportFile } from './import-file.js';

describe('CSV (RFC 4180)', () => {
  it('splits fields and records, with quotes, doubled quotes, commas and line breaks inside quotes', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","line1\nline2"\n1,,3';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', 'line1\nline2'] },
      { line: 4, fields: ['1', '', '3'] },
    ]);
  });

  it('reports an unclosed quote with the line it starts on', () => {
    expect(() => parseCsv('a,b\n"open,1\n2')).toThrow(ImportFileError);
    expect(() => parseCsv('a,b\n"open,1\n2')).toThrow('第 2 行');
  });

  it('decodes UTF-8 with or without BOM, and GB18030 when the bytes are not UTF-8', () => {
    expect(decodeText(Buffer.from('\uFEFF名称', 'utf8'))).toBe('名称');
    expect(decodeText(Buffer.from('名称', 'utf8'))).toBe('名称');
    expect(decodeText(Buffer.from([0xc3, 0xfb, 0xb3, 0xc6]))).toBe('名称');
  });
});

describe('file type', () => {
  it('tells an xlsx workbook, text, and anything else apart by content', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRow(['a']);
    expect(sniffImportFile(Buffer.from(await wb.xlsx.writeBuffer()))).toBe('xlsx');
    expect(sniffImportFile(Buffer.from('外部编码,名称\n', 'utf8'))).toBe('csv');
    expect(sniffImportFile(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]))).toBeNull(); // a zip, not a workbook
    expect(sniffImportFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toBeNull(); // legacy .xls
    expect(sniffImportFile(Buffer.alloc(0))).toBeNull();
    expect(extensionType('队伍.XLSX')).toBe('xlsx');
    expect(extensionType('teams.csv')).toBe('csv');
    expect(extensionType('teams.xls')).toBeNull();
  });
});

describe('reading a workbook', () => {
  it('returns the header and non-blank rows as text, dates as YYYY-MM-DD', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['外部 编码', '数量', '生产日期']);
    ws.addRow(['A1', 12.5, new Date(Date.UTC(2026, 0, 5))]);
    ws.addRow([]);
    ws.addRow(['A2', { formula: '1+1', result: 2 }, null]);
    wb.addWorksheet('说明').addRow(['ignored']);
    const sheet = await readImportFile(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx');
    expect(sheet.header).toEqual(['外部编码', '数量', '生产日期']);
    expect(sheet.rows).toEqual([
      { row: 2, cells: ['A1', '12.5', '2026-01-05'] },
      { row: 4, cells: ['A2', '2'] }, // trailing empty cells are not stored
    ]);
  });

  it('fails a corrupt workbook with a readable reason', async () => {
    const broken = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from('xl/workbook.xml'), Buffer.alloc(100)]);
    await expect(readImportFile(broken, 'xlsx')).rejects.toThrow('无法读取 Excel 文件');
  });

  it('reads rich text and booleans as text', () => {
    expect(cellText({ richText: [{ text: '泉州' }, { text: '市' }] })).toBe('泉州市');
    expect(cellText(true)).toBe('是');
    expect(cellText({ text: '链接', hyperlink: 'http://x' })).toBe('链接');
  });
});
