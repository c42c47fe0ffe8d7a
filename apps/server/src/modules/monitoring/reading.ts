/**
 * A reading that passed validation: the unit that flows from ingestion (MQTT/HTTP) to storage and
 * to the rule engine. Booleans are carried as 0/1.
 */
export interface AcceptedReading {
  /** The point's small integer key (`point.ref`), used by the reading tables. */
  pointRef: number;
  pointId: string;
  deviceId: string;
  metric: string;
  /** Measurement time, epoch milliseconds. */
  ts: number;
  value: number;
  /** When the platform received it, epoch milliseconds. */
  receivedAt: number;
}

/** What ingestion hands every accepted batch to (the rule engine); must not block or throw. */
export interface ReadingSink {
  accept(readings: readonly AcceptedReading[]): void;
}
