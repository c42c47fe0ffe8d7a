import { uuidv7 } from 'uuidv7';

/** New UUIDv7 identifier (time-ordered, so indexes stay compact). */
export function newId(): string {
  return uuidv7();
}
