/** Machine-readable reasons a CAP document could not be read or written. */
export type CapErrorCode =
  'NOT_XML' | 'MALFORMED_XML' | 'DOCTYPE_FORBIDDEN' | 'ENTITY_FORBIDDEN' | 'NOT_CAP' | 'INVALID_CHARACTER' | 'INVALID_INPUT';

/**
 * Thrown when input cannot be handled at all (not XML, hostile XML, wrong root element) or when a
 * model cannot be serialised. Carries an English and a Chinese message so callers can show either.
 */
export class CapError extends Error {
  readonly code: CapErrorCode;
  readonly messageZh: string;
  readonly path: string | undefined;

  constructor(code: CapErrorCode, message: string, messageZh: string, path?: string) {
    super(message);
    this.name = 'CapError';
    this.code = code;
    this.messageZh = messageZh;
    this.path = path;
  }
}

/** The input is not a readable CAP / GB/T 35965.1 XML document. */
export class CapParseError extends CapError {
  constructor(code: CapErrorCode, message: string, messageZh: string, path?: string) {
    super(code, message, messageZh, path);
    this.name = 'CapParseError';
  }
}

/** A model value cannot be written as XML (e.g. a control character XML 1.0 cannot carry). */
export class CapBuildError extends CapError {
  constructor(code: CapErrorCode, message: string, messageZh: string, path?: string) {
    super(code, message, messageZh, path);
    this.name = 'CapBuildError';
  }
}
