import type { NotifyChannel } from '@vigil/shared';

/**
 * How recipient addresses are shown to someone who may watch dissemination but not manage it:
 * enough to tell deliveries apart, not enough to reuse the contact.
 */
export function maskAddress(channel: NotifyChannel, address: string): string {
  switch (channel) {
    case 'sms':
      return address.length >= 7 ? `${address.slice(0, 3)}****${address.slice(-4)}` : '****';
    case 'email': {
      const at = address.lastIndexOf('@');
      if (at < 1) return '****';
      return `${address[0]}***${address.slice(at)}`;
    }
    case 'webhook': {
      try {
        const u = new URL(address);
        return `${u.protocol}//${u.host}/…`;
      } catch {
        return '****';
      }
    }
    case 'in_app':
    case 'device':
      return address;
  }
}

/** Trims text to `max` characters, marking the cut with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
