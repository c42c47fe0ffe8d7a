import { Spin } from 'antd';
import { Suspense, type ComponentType } from 'react';

/**
 * A lazily loaded page of the public portal. Unlike the app's `Guarded`, it never asks for the
 * signed-in user: the portal works without a session and must not load one.
 */
export function PublicPage({ component: Component }: { component: ComponentType }) {
  return (
    <Suspense
      fallback={
        <div style={{ display: 'flex', justifyContent: 'center', padding: 48 }}>
          <Spin size="large" />
        </div>
      }
    >
      <Component />
    </Suspense>
  );
}
