/**
 * XML-DSig for CAP alerts (Node only: uses node:crypto through xml-crypto). Signatures are enveloped:
 * one ds:Signature appended as the last child of <alert>, referencing the whole document (URI ""),
 * RSA-SHA256 over exclusive C14N, certificate in KeyInfo/X509Data — as CAP 1.2 §3.3.4 describes.
 */
import { X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { DSIG_NS, childElements, localName, parseXmlDocument } from './xml.js';

const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

export interface SignatureResult {
  status: 'valid' | 'invalid' | 'unsigned';
  /** Subject of the signing certificate, e.g. "CN=泉州市气象台, O=…". */
  signer?: string;
  /** Why the signature is invalid (English). */
  reason?: string;
}

export interface VerifyOptions {
  /** When given, only signatures by one of these certificates (PEM) count as valid. */
  trustedCertificatesPem?: readonly string[];
  /** Also require the certificate to be within its validity period at this moment. */
  checkValidityAt?: Date;
}

export interface SignOptions {
  privateKeyPem: string;
  certificatePem: string;
}

/** Signs a CAP XML document with an enveloped RSA-SHA256 signature; returns the signed XML. */
export function signCapXml(xml: string, opts: SignOptions): string {
  const root = parseXmlDocument(xml).documentElement;
  if (childElements(root).some((c) => c.namespaceURI === DSIG_NS && localName(c) === 'Signature')) {
    throw new Error('document is already signed');
  }
  const sig = new SignedXml({
    privateKey: opts.privateKeyPem,
    publicCert: opts.certificatePem,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
  });
  sig.addReference({ xpath: '/*', transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: SHA256, isEmptyUri: true });
  sig.computeSignature(xml, { location: { reference: '/*', action: 'append' } });
  return sig.getSignedXml();
}

function certPem(base64: string): string {
  const body = base64.replace(/\s+/g, '').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

/**
 * Verifies the enveloped XML signature of a CAP (or GB/T 35965.1) alert. `unsigned` when the alert
 * carries no ds:Signature; `invalid` when the digest or signature does not match, the signature does
 * not cover the whole alert, the certificate is missing/untrusted/expired. Throws CapParseError for
 * input that is not safe XML.
 */
export function verifyCapSignature(xml: string, opts: VerifyOptions = {}): SignatureResult {
  const root = parseXmlDocument(xml).documentElement;
  const sigs = childElements(root).filter((c) => c.namespaceURI === DSIG_NS && localName(c) === 'Signature');
  if (sigs.length === 0) return { status: 'unsigned' };
  if (sigs.length > 1) return { status: 'invalid', reason: 'more than one Signature element' };
  const sigEl = sigs[0]!;
  const certEl = sigEl.getElementsByTagNameNS(DSIG_NS, 'X509Certificate')[0];
  if (!certEl?.textContent?.trim()) return { status: 'invalid', reason: 'no X509Certificate in KeyInfo' };
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem(certEl.textContent));
  } catch {
    return { status: 'invalid', reason: 'the KeyInfo certificate cannot be read' };
  }
  const signer = cert.subject.replace(/\n/g, ', ');
  if (
    opts.trustedCertificatesPem &&
    !opts.trustedCertificatesPem.some((pem) => new X509Certificate(pem).fingerprint256 === cert.fingerprint256)
  ) {
    return { status: 'invalid', signer, reason: 'the signing certificate is not trusted' };
  }
  if (opts.checkValidityAt) {
    const t = opts.checkValidityAt.getTime();
    if (t < Date.parse(cert.validFrom) || t > Date.parse(cert.validTo))
      return { status: 'invalid', signer, reason: 'the signing certificate is not valid at this time' };
  }
  const sig = new SignedXml({ publicCert: cert.publicKey.export({ type: 'spki', format: 'pem' }) });
  try {
    sig.loadSignature(sigEl);
  } catch (e) {
    return { status: 'invalid', signer, reason: `unreadable signature: ${e instanceof Error ? e.message : String(e)}` };
  }
  const refs = sig.getReferences();
  if (refs.length !== 1 || !(refs[0]!.uri === '' || refs[0]!.isEmptyUri) || !refs[0]!.transforms.includes(ENVELOPED)) {
    return { status: 'invalid', signer, reason: 'the signature must be enveloped and cover the whole alert (one Reference with URI="")' };
  }
  let ok = false;
  let reason = 'signature or digest mismatch';
  try {
    ok = sig.checkSignature(xml);
  } catch (e) {
    reason = e instanceof Error ? e.message : String(e);
  }
  return ok ? { status: 'valid', signer } : { status: 'invalid', signer, reason };
}
