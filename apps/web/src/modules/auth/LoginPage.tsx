import { useQueryClient } from '@tanstack/react-query';
import type { Locale, MeDto, SessionStage } from '@vigil/shared';
import { Button, Card, Spin, Steps, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { ME_KEY, useMe } from '../../app/session';
import { http, setCsrfToken } from '../../lib/api';
import { useClientConfig } from '../../lib/client-config';
import { logout, type StepResult } from './auth.api';
import { PasswordChangeStep } from './PasswordChangeStep';
import { PasswordStep } from './PasswordStep';
import { TotpEnrollStep } from './TotpEnrollStep';
import { TotpStep } from './TotpStep';
import './login.css';

type Step = 'password' | SessionStage;

type StepKey = 'password' | 'totp' | 'newPassword';

/** The progress shown above a login step: only the steps this account actually goes through so far. */
function progress(step: Step, visited: ReadonlySet<Step>): StepKey[] {
  const keys: StepKey[] = ['password'];
  if (step === 'totp' || step === 'totp_enroll' || visited.has('totp') || visited.has('totp_enroll')) keys.push('totp');
  if (step === 'password_change') keys.push('newPassword');
  return keys;
}

/** Sign-in: password, then (as the account requires) TOTP or its enrolment, then a forced password change. */
export default function LoginPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const config = useClientConfig();
  const [local, setLocal] = useState<Step | null>(null);
  const [visited, setVisited] = useState<ReadonlySet<Step>>(new Set());
  const step: Step = local ?? me.data?.stage ?? 'password';
  const from = (location.state as { from?: string } | null)?.from;
  const target = from && from !== '/login' ? from : '/';

  // A language picked on this page becomes the account's language once signed in.
  const picked = useRef<Locale | null>(null);

  useEffect(() => {
    if (step !== 'active') return;
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'client-config' && q.queryKey[0] !== ME_KEY[0] });
    const saveLocale = picked.current ? http.patch<MeDto>('/me', { locale: picked.current }).catch(() => undefined) : Promise.resolve();
    void saveLocale.then(() => qc.invalidateQueries({ queryKey: ME_KEY })).then(() => navigate(target, { replace: true }));
  }, [step, qc, navigate, target]);

  const done = (r: StepResult) => {
    if (r.csrfToken) setCsrfToken(r.csrfToken);
    setVisited((v) => new Set([...v, step]));
    setLocal(r.stage);
  };

  const startOver = async () => {
    try {
      await logout();
    } catch {
      // already signed out
    }
    setCsrfToken(null);
    qc.setQueryData(ME_KEY, null);
    setVisited(new Set());
    setLocal('password');
  };
  const steps = progress(step, visited);

  let body;
  if (me.isPending && !local) body = <Spin />;
  else if (step === 'password') body = <PasswordStep onDone={done} />;
  else if (step === 'totp') body = <TotpStep onDone={done} />;
  else if (step === 'totp_enroll') body = <TotpEnrollStep onDone={done} />;
  else if (step === 'password_change') body = <PasswordChangeStep onDone={done} />;
  else body = <Spin />;

  return (
    <div className="vg-login">
      <div className="vg-login-top">
        <LanguageSwitch persist={false} onChanged={(l) => (picked.current = l)} />
      </div>
      <Card className="vg-login-card" data-testid="login-card" data-step={step}>
        <div className="vg-login-brand">
          <span className="vg-brand-mark">V</span>
          <div>
            <div className="vg-login-title">{t('app.name')}</div>
            <div className="vg-login-sub">
              Vigil {config.data?.version ?? ''}
              {config.data?.demo && (
                <Tag color="orange" style={{ marginLeft: 8 }}>
                  {t('app.demo')}
                </Tag>
              )}
            </div>
          </div>
        </div>
        {step !== 'password' && step !== 'active' && (
          <Steps
            size="small"
            current={steps.length - 1}
            style={{ marginBottom: 24 }}
            items={steps.map((k) => ({ title: t(`login.steps.${k}`) }))}
          />
        )}
        {body}
        {step !== 'password' && step !== 'active' && (
          <Button type="link" block onClick={() => void startOver()} data-testid="login-start-over">
            {t('login.startOver')}
          </Button>
        )}
      </Card>
    </div>
  );
}
