import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CapParseError } from './errors.js';
import { signCapXml, verifyCapSignature } from './signature.js';
import { fixture } from './test-support.js';
import { validateCap } from './validate.js';

/** A fresh RSA key and a self-signed certificate made with the system openssl. */
function makeSigner(cn: string): { privateKeyPem: string; certificatePem: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const dir = mkdtempSync(join(tmpdir(), 'cap-sig-'));
  try {
    writeFileSync(join(dir, 'key.pem'), privateKeyPem);
    execFileSync('openssl', [
      'req',
      '-new',
      '-x509',
      '-key',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-days',
      '2',
      '-subj',
      `/CN=${cn}/O=Vigil Test`,
      '-utf8',
    ]);
    return { privateKeyPem, certificatePem: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('XML-DSig on CAP alerts', () => {
  let signer: ReturnType<typeof makeSigner>;
  let other: ReturnType<typeof makeSigner>;
  const xml = fixture('qz-typhoon-orange.cap.xml');
  let signed: string;

  beforeAll(() => {
    signer = makeSigner('qz-warning-center');
    other = makeSigner('someone-else');
    signed = signCapXml(xml, signer);
  });
  afterAll(() => undefined);

  it('signs with an enveloped RSA-SHA256 signature that verifies as valid and names the signer', () => {
    expect(signed).toContain('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(signed).toContain('<X509Certificate>');
    const result = verifyCapSignature(signed);
    expect(result.status).toBe('valid');
    expect(result.signer).toContain('CN=qz-warning-center');
  });

  it('keeps the signed alert valid CAP 1.2 (the signature is the last child of alert)', () => {
    expect(validateCap(signed)).toEqual([]);
  });

  it('reports a tampered headline as invalid', () => {
    const tampered = signed.replace('台风橙色预警[Ⅱ级/严重]', '台风蓝色预警[Ⅳ级/一般]');
    expect(tampered).not.toBe(signed);
    expect(verifyCapSignature(tampered)).toMatchObject({ status: 'invalid' });
  });

  it('reports an alert without Signature as unsigned', () => {
    expect(verifyCapSignature(xml)).toEqual({ status: 'unsigned' });
  });

  it('reports a certificate swapped into KeyInfo as invalid', () => {
    const foreignCert = other.certificatePem.replace(/-----[^-]+-----|\s/g, '');
    const ownCert = /<X509Certificate>([^<]+)<\/X509Certificate>/.exec(signed)![1]!;
    expect(verifyCapSignature(signed.replace(ownCert, foreignCert)).status).toBe('invalid');
  });

  it('accepts only trusted certificates when a trust list is given', () => {
    expect(verifyCapSignature(signed, { trustedCertificatesPem: [signer.certificatePem] }).status).toBe('valid');
    expect(verifyCapSignature(signed, { trustedCertificatesPem: [other.certificatePem] })).toMatchObject({
      status: 'invalid',
      reason: 'the signing certificate is not trusted',
    });
  });

  it('refuses to sign twice and refuses hostile XML', () => {
    expect(() => signCapXml(signed, signer)).toThrow(/already signed/);
    expect(() => verifyCapSignature('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>')).toThrow(CapParseError);
  });
});
