// "用我的位置": the phone's position resolves to the resident's township, village and grid
// and fills the place pickers; the point goes with the request so that the platform files it
// under the grid it lies in.
import { useState } from 'react';
import { Button, Form, theme } from 'antd';
import type { PlaceResolution, PublicRequestBody } from '@jiesu/contracts';

type Point = NonNullable<PublicRequestBody['point']>;
import { api, errorMessage } from '../api/client';
import { fmt, t } from '../i18n';

export function LocateMe(props: { onPoint: (p: Point | undefined) => void }) {
  const form = Form.useFormInstance();
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState<{ ok: boolean; text: string } | null>(null);
  const c = t.web.citizen;
  const { token } = theme.useToken();

  function fail(message: string) {
    props.onPoint(undefined);
    setText({ ok: false, text: message });
    setBusy(false);
  }

  function locate() {
    if (!('geolocation' in navigator)) return fail(c.locateDenied);
    setBusy(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const point = { lng: pos.coords.longitude, lat: pos.coords.latitude };
        api
          .get<PlaceResolution>('/api/public/places/resolve', point)
          .then((r) => {
            if (!r.township || !r.village) return fail(c.locateOutside);
            form.setFieldsValue({ township: r.township.id, jurisdictionId: r.village.id });
            props.onPoint(point);
            const names = [r.township, r.village, r.grid, r.microGrid].flatMap((p) =>
              p ? [p.name] : [],
            );
            setText({ ok: true, text: fmt(c.locatedHere, { place: names.join(' / ') }) });
            setBusy(false);
          })
          .catch((e: unknown) => fail(errorMessage(e)));
      },
      () => fail(c.locateDenied),
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  }

  // Plain elements, not Typography/Flex: the resident page stays within its bundle budget.
  return (
    <div
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        gap: 8,
        alignItems: 'center',
        margin: '-8px 0 16px',
      }}
    >
      <Button
        icon={<span aria-hidden>📍</span>}
        onClick={locate}
        loading={busy}
        title={c.locateMeHelp}
        data-testid="locate-me"
      >
        {c.locateMe}
      </Button>
      {text && (
        <span
          role="status"
          style={{ color: text.ok ? token.colorSuccessText : token.colorWarningText }}
          data-testid="locate-me-result"
        >
          {text.text}
        </span>
      )}
    </div>
  );
}
