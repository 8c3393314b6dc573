// Controls the grid worker's pages share: the position (the phone's, or typed in when
// the browser cannot tell), photo uploads, and the query of today's duties.
import { useState } from 'react';
import { Button, Flex, InputNumber, Typography, Upload } from 'antd';
import type { UploadFile, UploadProps } from 'antd';
import { EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { AttachmentView, DutyToday } from '@jiesu/contracts';
import { api, errorMessage } from '../api/client';
import { fmt } from '../i18n';
import { tDuties } from '../i18n/duties';

export interface LngLat {
  lng: number;
  lat: number;
}

export const todayKey = ['duties', 'today'] as const;

export function useDutyToday() {
  return useQuery({ queryKey: todayKey, queryFn: () => api.get<DutyToday>('/api/duties/today') });
}

/** The phone's position, or a typed one when geolocation is missing or refused. */
export function LocationField(props: {
  value?: LngLat;
  onChange: (p: LngLat | undefined) => void;
  label?: string;
}) {
  const L = tDuties.locate;
  const [busy, setBusy] = useState(false);
  const [manual, setManual] = useState(false);
  const [msg, setMsg] = useState<string | null>(null);
  const [lng, setLng] = useState<number | null>(null);
  const [lat, setLat] = useState<number | null>(null);

  function locate() {
    if (!('geolocation' in navigator)) {
      setManual(true);
      setMsg(L.denied);
      return;
    }
    setBusy(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const p = {
          lng: Number(pos.coords.longitude.toFixed(6)),
          lat: Number(pos.coords.latitude.toFixed(6)),
        };
        props.onChange(p);
        setMsg(null);
        setBusy(false);
      },
      () => {
        setBusy(false);
        setManual(true);
        setMsg(L.denied);
      },
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 30_000 },
    );
  }

  return (
    <div data-testid="location-field">
      <Flex gap={8} wrap align="center">
        <Button icon={<EnvironmentOutlined />} onClick={locate} loading={busy}>
          {props.label ?? L.button}
        </Button>
        <Button type="link" onClick={() => setManual((v) => !v)} style={{ paddingInline: 4 }}>
          {L.manual}
        </Button>
      </Flex>
      {msg && <Typography.Text type="warning">{msg}</Typography.Text>}
      {manual && (
        <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
          <InputNumber
            aria-label={L.lng}
            placeholder={L.lng}
            min={-180}
            max={180}
            step={0.0001}
            value={lng}
            onChange={(v) => setLng(v)}
            style={{ width: 130 }}
          />
          <InputNumber
            aria-label={L.lat}
            placeholder={L.lat}
            min={-90}
            max={90}
            step={0.0001}
            value={lat}
            onChange={(v) => setLat(v)}
            style={{ width: 130 }}
          />
          <Button
            disabled={lng === null || lat === null}
            onClick={() => {
              if (lng !== null && lat !== null) props.onChange({ lng, lat });
              setMsg(null);
            }}
          >
            {L.use}
          </Button>
        </Flex>
      )}
      {props.value && (
        <div>
          <Typography.Text type="success" data-testid="location-value">
            {fmt(L.got, { lng: props.value.lng.toFixed(5), lat: props.value.lat.toFixed(5) })}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

/** Up to nine photos, uploaded as the worker picks them; `ids` are the uploaded ones. */
export function usePhotos() {
  const [files, setFiles] = useState<UploadFile<AttachmentView>[]>([]);
  const upload: UploadProps<AttachmentView>['customRequest'] = (opts) => {
    api
      .upload<AttachmentView>('/api/attachments', opts.file as File)
      .then((res) => opts.onSuccess?.(res))
      .catch((e: unknown) => opts.onError?.(new Error(errorMessage(e))));
  };
  const ids = files.flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : []));
  const pending = files.some((f) => f.status === 'uploading');
  const control = (
    <Upload<AttachmentView>
      listType="picture-card"
      accept="image/*"
      multiple
      maxCount={9}
      fileList={files}
      customRequest={upload}
      onChange={({ fileList }) => setFiles(fileList)}
    >
      {files.length < 9 && (
        <button
          type="button"
          style={{ border: 0, background: 'none' }}
          aria-label={tDuties.patrol.addPhoto}
        >
          <PlusOutlined />
          <div style={{ marginTop: 4 }}>{tDuties.patrol.addPhoto}</div>
        </button>
      )}
    </Upload>
  );
  return { ids, pending, control, reset: () => setFiles([]) };
}

export const hhmm = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' });
export const mdhm = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
