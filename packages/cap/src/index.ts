/**
 * @vigil/cap — CAP 1.2 and GB/T 35965.1-2018 warning messages: model, build, parse, validate and
 * profile conversion. Pure TypeScript (no Node APIs); XML signatures live in `@vigil/cap/signature`.
 */
export * from './model.js';
export { CapError, CapParseError, CapBuildError, type CapErrorCode } from './errors.js';
export { buildCapXml } from './build.js';
export { parseCapXml } from './parse.js';
export { validateCap, type CapValidationError } from './validate.js';
export {
  CAP_SCHEMA,
  CAP_DATETIME_XSD_PATTERN,
  CAP_ALERT_ANY_NAMESPACE,
  type ElementRule,
  type ValueType,
  type ComplexTypeName,
} from './schema.js';
export {
  capTimeMs,
  checkCapDateTime,
  formatCapDateTime,
  parsePolygon,
  formatPolygon,
  checkPolygon,
  findSelfIntersection,
  parseCircle,
  formatCircle,
  checkCircle,
  parseReferences,
  formatReferences,
  checkReferences,
  parseAddresses,
  formatAddresses,
} from './values.js';
export * from './gb-codes.js';
export { GB_NAMES, toGbProfile, fromGbProfile, gbDataOf, type GbMethod, type GbProfileOptions, type FromGbOptions } from './gb-profile.js';
export { validateGbProfile, type GbValidationOptions } from './gb-validate.js';
export { CAP_NS, DSIG_NS } from './xml.js';
