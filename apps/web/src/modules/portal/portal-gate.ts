import { redirect } from 'react-router';
import type { ClientConfig } from '../../lib/client-config';
import { publicGet } from './portal.api';

/** Where a page of the signed-in app goes on a deployment profile: the portal on `internet`, nowhere else. */
export function portalRedirectFor(profile: ClientConfig['profile'] | null): string | null {
  return profile === 'internet' ? '/portal' : null;
}

let profile: Promise<ClientConfig['profile'] | null> | null = null;

/** The server's profile, asked once per page load; null when the server cannot be reached (the app decides later). */
function serverProfile(): Promise<ClientConfig['profile'] | null> {
  profile ??= publicGet<ClientConfig>('/api/v1/client-config')
    .then((c) => c.profile)
    .catch(() => {
      profile = null;
      return null;
    });
  return profile;
}

/**
 * Route loader for the login page and the signed-in app: on the `internet` profile (public portal
 * only) they do not exist, so the browser is sent to /portal before anything asks for a session.
 */
export async function portalOnlyGate(): Promise<null> {
  const to = portalRedirectFor(await serverProfile());
  if (to) throw redirect(to);
  return null;
}
