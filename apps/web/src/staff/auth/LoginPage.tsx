import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import type { LoginBody, MeView } from '@jiesu/contracts';
import { api, errorMessage, setCsrfToken } from '../../api/client';
import { keys } from '../../api/hooks';
import { t } from '../../i18n';

export default function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: LoginBody) {
    setBusy(true);
    setError(null);
    try {
      const me = await api.post<MeView>('/api/auth/login', values);
      setCsrfToken(me.csrfToken);
      qc.clear();
      qc.setQueryData(keys.me, me);
      const next = params.get('next');
      // A grid worker (and nothing else) lands on the mobile pages.
      const home =
        me.roles.length > 0 && me.roles.every((r) => r.role === 'grid_worker') ? '/g' : '/';
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : home, {
        replace: true,
      });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
      }}
    >
      <Card style={{ width: 360, maxWidth: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 22, textAlign: 'center' }}>
          {t.web.app.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t.web.login.subtitle}
        </Typography.Paragraph>
        {error && (
          <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />
        )}
        <Form<LoginBody> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item
            name="username"
            label={t.web.login.username}
            rules={[{ required: true, message: t.web.login.usernameRequired }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t.web.login.password}
            rules={[{ required: true, message: t.web.login.passwordRequired }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t.web.login.submit}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, textAlign: 'center' }}>
          <a href="/m/raise">{t.web.login.residentLink}</a>
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
