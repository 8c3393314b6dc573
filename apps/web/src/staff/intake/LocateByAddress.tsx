// "按地址定位": resolves the typed address to its grid, village and township and sets the
// place picker (the form item `jurisdictionId`) to the deepest of them.
import { useEffect, useState } from 'react';
import { Button, Flex, Form, Typography } from 'antd';
import type { PlaceResolution } from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import { fmt } from '../../i18n';
import { tGrid } from '../../i18n/grid';

export function LocateByAddress() {
  const form = Form.useFormInstance();
  const address = ((Form.useWatch('address', form) as string | undefined) ?? '').trim();
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState<{ ok: boolean; text: string } | null>(null);
  // A new address (or a cleared form) makes the last answer stale.
  useEffect(() => setText(null), [address]);

  async function locate() {
    setBusy(true);
    try {
      const r = await api.get<PlaceResolution>('/api/places/resolve', { address });
      const place = r.grid ?? r.village ?? r.township;
      if (!place) {
        setText({ ok: false, text: tGrid.notLocated });
        return;
      }
      form.setFieldValue('jurisdictionId', place.id);
      const names = [r.township, r.village, r.grid, r.microGrid].flatMap((p) =>
        p ? [p.name] : [],
      );
      const by =
        r.method === 'address'
          ? fmt(tGrid.locatedBy.address, { matched: r.matched ?? '' })
          : tGrid.locatedBy.point;
      setText({ ok: true, text: fmt(tGrid.located, { place: names.join(' / '), by }) });
    } catch (e) {
      setText({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex gap={8} align="center" wrap style={{ marginTop: -12, marginBottom: 12 }}>
      <Button
        size="small"
        onClick={() => void locate()}
        loading={busy}
        disabled={address.length < 2}
        title={address.length < 2 ? tGrid.locateHint : undefined}
        data-testid="locate-by-address"
      >
        {tGrid.locate}
      </Button>
      {text && (
        <Typography.Text type={text.ok ? 'success' : 'warning'} data-testid="locate-result">
          {text.text}
        </Typography.Text>
      )}
    </Flex>
  );
}
