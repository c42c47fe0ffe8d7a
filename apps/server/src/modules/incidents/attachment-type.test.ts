import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cleanFileName, extensionProblem, officeType, sniffHead, zipEntryNames } from './attachment-type.js';
import { makeZip } from './incidents.test-support.js';

describe('sniffHead', () => {
  it('recognises images and PDF by their magic bytes', () => {
    expect(sniffHead(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('jpeg');
    expect(sniffHead(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(sniffHead(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', 'latin1'))).toBe('webp');
    expect(sniffHead(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffHead(makeZip(['a']))).toBe('zip');
  });

  it('refuses executables, scripts and text whatever they are called', () => {
    expect(sniffHead(Buffer.from('MZ\u0090\u0000\u0003', 'latin1'))).toBeNull();
    expect(sniffHead(Buffer.from('\u007fELF', 'latin1'))).toBeNull();
    expect(sniffHead(Buffer.from('#!/bin/sh\n'))).toBeNull();
    expect(sniffHead(Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVE', 'latin1'))).toBeNull();
    expect(sniffHead(Buffer.alloc(0))).toBeNull();
  });
});

describe('Office documents', () => {
  it('tells a real Excel workbook from a Word document and from another ZIP', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRow(['x']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect(officeType(zipEntryNames(xlsx))).toBe('xlsx');
    expect(officeType(zipEntryNames(makeZip(['[Content_Types].xml', 'word/document.xml'])))).toBe('docx');
    expect(officeType(zipEntryNames(makeZip(['payload.exe'])))).toBeNull();
    expect(zipEntryNames(Buffer.from('PK\u0003\u0004 truncated', 'latin1'))).toEqual([]);
  });
});

describe('file names', () => {
  it('flags an extension that does not match the content', () => {
    expect(extensionProblem('photo.JPG', 'jpeg')).toBeNull();
    expect(extensionProblem('scan.pdf', 'png')).toContain('.pdf');
    expect(extensionProblem('noext', 'pdf')).toBeNull();
  });

  it('keeps only a clean base name', () => {
    expect(cleanFileName('../../etc/passwd', 'pdf')).toBe('passwd');
    expect(cleanFileName('C:\\temp\\现场照片.jpg', 'jpeg')).toBe('现场照片.jpg');
    expect(cleanFileName('a"b<c>.png', 'png')).toBe('a_b_c_.png');
    expect(cleanFileName(undefined, 'xlsx')).toBe('attachment.xlsx');
  });
});
