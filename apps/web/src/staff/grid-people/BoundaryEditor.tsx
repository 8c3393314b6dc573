// 绘制网格边界: a small SVG editor, no map tiles (works offline). It shows the
// village's outline (dashed) and its other grids (grey) and the edited polygon:
// click to add a vertex, click the first vertex or 闭合 to close, drag a vertex
// to move it, drag an edge's midpoint to insert one, Delete removes the
// selected vertex, Ctrl+Z undoes; a GeoJSON file can be imported. Saving sends
// the polygon to the server, whose checks (closed rings, ranges, no
// self-intersection) come back as a list. Loaded lazily from the grid page.
import { useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Modal, Space, Tag, Typography } from 'antd';
import type { GridBoundaryView, SaveGridBoundaryBody } from '@jiesu/contracts';
import { ApiError, api, errorMessage } from '../../api/client';
import { ErrorState, PageLoading } from '../../lib/states';
import { fmt } from '../../i18n';
import { tGridBoundary } from '../../i18n/grid-boundary';
import {
  boxAround,
  openRing,
  projection,
  readGeoJson,
  ringsOf,
  toPolygon,
  zoomBox,
  type Box,
  type LngLat,
} from './boundaryGeometry';

const b = tGridBoundary;
const W = 640;
const H = 440;

interface Shape {
  vertices: LngLat[];
  closed: boolean;
}

const pathOf = (pts: [number, number][], close: boolean) =>
  pts.length
    ? `M${pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join('L')}${close ? 'Z' : ''}`
    : '';

function Editor({ data, onClose }: { data: GridBoundaryView; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const initial = useMemo<Shape>(() => {
    const first = ringsOf(data.boundary)[0];
    return first ? { vertices: openRing(first), closed: true } : { vertices: [], closed: false };
  }, [data.boundary]);
  const [shape, setShape] = useState<Shape>(initial);
  const [history, setHistory] = useState<Shape[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [drag, setDrag] = useState<{ index: number; before: Shape; moved: boolean } | null>(null);
  const [cursor, setCursor] = useState<LngLat | null>(null);
  const [errors, setErrors] = useState<Array<{ path: string; message: string }> | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const editable = data.canEdit;

  const others = useMemo(
    () => data.neighbours.map((n) => ({ ...n, rings: ringsOf(n.boundary) })),
    [data.neighbours],
  );
  const villageRings = useMemo(() => ringsOf(data.villageBoundary), [data.villageBoundary]);
  const fitBox = (vertices: LngLat[]): Box =>
    boxAround(
      [...vertices, ...villageRings.flat(), ...others.flatMap((o) => o.rings.flat())],
      data.centre ? [data.centre.lng, data.centre.lat] : null,
    );
  const [box, setBox] = useState<Box>(() => fitBox(initial.vertices));
  const proj = useMemo(() => projection(box, W, H), [box]);

  /** Records the shape before a change, for undo. */
  const change = (next: Shape) => {
    setHistory((h) => [...h.slice(-99), shape]);
    setShape(next);
    setErrors(null);
  };
  const undo = () => {
    const prev = history.at(-1);
    if (!prev) return;
    setHistory((h) => h.slice(0, -1));
    setShape(prev);
    setSelected(null);
    setErrors(null);
  };
  const removeSelected = () => {
    if (selected === null) return;
    const vertices = shape.vertices.filter((_, i) => i !== selected);
    change({ vertices, closed: shape.closed && vertices.length >= 3 });
    setSelected(null);
  };
  const close = () => {
    if (!shape.closed && shape.vertices.length >= 3) change({ ...shape, closed: true });
  };

  const pointOf = (e: { clientX: number; clientY: number }): LngLat => {
    const r = svgRef.current!.getBoundingClientRect();
    return proj.toLngLat(
      ((e.clientX - r.left) * W) / r.width,
      ((e.clientY - r.top) * H) / r.height,
    );
  };

  function onBackground(e: ReactPointerEvent<SVGRectElement>) {
    if (!editable || e.button !== 0) return;
    setSelected(null);
    if (shape.closed) return;
    change({ vertices: [...shape.vertices, pointOf(e)], closed: false });
  }

  function onVertexDown(e: ReactPointerEvent<SVGCircleElement>, i: number) {
    e.stopPropagation();
    if (!editable) return;
    if (!shape.closed && i === 0 && shape.vertices.length >= 3) {
      close();
      return;
    }
    setSelected(i);
    svgRef.current?.setPointerCapture(e.pointerId);
    setDrag({ index: i, before: shape, moved: false });
  }

  function onMidpointDown(e: ReactPointerEvent<SVGRectElement>, i: number) {
    e.stopPropagation();
    if (!editable) return;
    const vertices = [...shape.vertices];
    vertices.splice(i + 1, 0, pointOf(e));
    const before = shape;
    setShape({ ...shape, vertices });
    setSelected(i + 1);
    svgRef.current?.setPointerCapture(e.pointerId);
    setDrag({ index: i + 1, before, moved: true });
  }

  function onMove(e: ReactPointerEvent<SVGSVGElement>) {
    const p = pointOf(e);
    setCursor(p);
    if (!drag) return;
    setShape((s) => ({
      ...s,
      vertices: s.vertices.map((v, i) => (i === drag.index ? p : v)),
    }));
    if (!drag.moved) setDrag({ ...drag, moved: true });
  }

  function onUp() {
    if (drag?.moved) {
      setHistory((h) => [...h.slice(-99), drag.before]);
      setErrors(null);
    }
    setDrag(null);
  }

  async function onFile(file: File | undefined) {
    if (!file) return;
    const r = readGeoJson(await file.text());
    if (fileRef.current) fileRef.current.value = '';
    if (!r.ok) {
      setNote(null);
      setErrors([
        {
          path: file.name,
          message: fmt(b.importFailed, {
            reason: r.reason === 'not_json' ? 'JSON' : b.importNotGeo,
          }),
        },
      ]);
      return;
    }
    change({ vertices: r.vertices, closed: r.vertices.length >= 3 });
    setNote(r.trimmed ? b.importTrimmed : null);
    setBox(fitBox(r.vertices));
  }

  const save = useMutation({
    mutationFn: (body: SaveGridBoundaryBody) =>
      api.put<GridBoundaryView>(`/api/grids/${data.grid.id}/boundary`, body),
    onSuccess: (v) => {
      qc.setQueryData(['grid-boundary', data.grid.id], v);
      void qc.invalidateQueries({ queryKey: ['grids'] });
      void message.success(v.boundary ? b.saved : b.removed);
      setErrors(null);
      setHistory([]);
    },
    onError: (e) =>
      setErrors(
        e instanceof ApiError && e.details.length
          ? e.details
          : [{ path: '', message: errorMessage(e) }],
      ),
  });

  function submit() {
    if (!shape.closed || shape.vertices.length < 3) {
      setErrors([{ path: '', message: b.notClosed }]);
      return;
    }
    save.mutate({ boundary: toPolygon(shape.vertices) });
  }

  const pts = shape.vertices.map((v) => proj.toXY(v));
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {editable ? b.help : b.readOnly}
      </Typography.Text>
      {editable && (
        <Space wrap size={[6, 6]}>
          <Button size="small" onClick={undo} disabled={!history.length}>
            {b.undo}
          </Button>
          <Button size="small" onClick={removeSelected} disabled={selected === null}>
            {b.removeVertex}
          </Button>
          <Button size="small" onClick={close} disabled={shape.closed || shape.vertices.length < 3}>
            {b.close}
          </Button>
          <Button
            size="small"
            onClick={() => {
              change({ vertices: [], closed: false });
              setSelected(null);
            }}
            disabled={!shape.vertices.length}
          >
            {b.clear}
          </Button>
          <Button size="small" onClick={() => fileRef.current?.click()}>
            {b.importFile}
          </Button>
          <input
            ref={fileRef}
            type="file"
            accept=".geojson,.json,application/geo+json,application/json"
            aria-label={b.importFile}
            data-testid="boundary-file"
            style={{ display: 'none' }}
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
        </Space>
      )}
      <Space size={4}>
        <Button size="small" onClick={() => setBox(fitBox(shape.vertices))}>
          {b.fit}
        </Button>
        <Button size="small" aria-label="+" onClick={() => setBox((x) => zoomBox(x, 0.7))}>
          +
        </Button>
        <Button size="small" aria-label="-" onClick={() => setBox((x) => zoomBox(x, 1.4))}>
          −
        </Button>
        <Tag color={shape.closed ? 'green' : 'default'}>
          {fmt(b.vertices, { n: shape.vertices.length })} · {shape.closed ? b.closed : b.open}
        </Tag>
        {cursor && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fmt(b.cursor, { lng: cursor[0].toFixed(5), lat: cursor[1].toFixed(5) })}
          </Typography.Text>
        )}
      </Space>
      <svg
        ref={svgRef}
        viewBox={`0 0 ${W} ${H}`}
        role="application"
        aria-label={b.canvas}
        data-testid="boundary-canvas"
        tabIndex={0}
        style={{
          width: '100%',
          maxWidth: W,
          background: '#f7f9fc',
          border: '1px solid #d9d9d9',
          borderRadius: 4,
          touchAction: 'none',
          userSelect: 'none',
          cursor: editable && !shape.closed ? 'crosshair' : 'default',
        }}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerLeave={() => setCursor(null)}
        onKeyDown={(e) => {
          if ((e.key === 'Delete' || e.key === 'Backspace') && selected !== null) {
            e.preventDefault();
            removeSelected();
          } else if (e.key === 'z' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            undo();
          }
        }}
      >
        <rect x={0} y={0} width={W} height={H} fill="transparent" onPointerDown={onBackground} />
        {villageRings.map((r, i) => (
          <path
            key={`v${i}`}
            d={pathOf(
              r.map((p) => proj.toXY(p)),
              true,
            )}
            fill="none"
            stroke="#8c8c8c"
            strokeDasharray="6 4"
            pointerEvents="none"
          />
        ))}
        {others.map((o) => {
          const ring = o.rings[0];
          const c = ring?.length ? proj.toXY(ring[0]!) : null;
          const xs = ring?.map((p) => proj.toXY(p)) ?? [];
          const cx = xs.reduce((a, p) => a + p[0], 0) / Math.max(xs.length, 1);
          const cy = xs.reduce((a, p) => a + p[1], 0) / Math.max(xs.length, 1);
          return (
            <g key={o.id} pointerEvents="none">
              {o.rings.map((r, i) => (
                <path
                  key={i}
                  d={pathOf(
                    r.map((p) => proj.toXY(p)),
                    true,
                  )}
                  fill="#e8e8e8"
                  fillOpacity={0.6}
                  stroke="#bfbfbf"
                />
              ))}
              {c && (
                <text x={cx} y={cy} fontSize={11} fill="#8c8c8c" textAnchor="middle">
                  {o.name}
                </text>
              )}
            </g>
          );
        })}
        <path
          d={pathOf(pts, shape.closed)}
          fill={shape.closed ? '#1458c8' : 'none'}
          fillOpacity={0.15}
          stroke={errors?.length ? '#cf1322' : '#1458c8'}
          strokeWidth={2}
          pointerEvents="none"
          data-testid="boundary-shape"
        />
        {editable &&
          shape.closed &&
          pts.map((p, i) => {
            const q = pts[(i + 1) % pts.length]!;
            return (
              <rect
                key={`m${i}`}
                x={(p[0] + q[0]) / 2 - 4}
                y={(p[1] + q[1]) / 2 - 4}
                width={8}
                height={8}
                fill="#fff"
                stroke="#1458c8"
                style={{ cursor: 'copy' }}
                onPointerDown={(e) => onMidpointDown(e, i)}
              />
            );
          })}
        {pts.map(([x, y], i) => (
          <circle
            key={i}
            cx={x}
            cy={y}
            r={i === selected ? 7 : 5.5}
            fill={i === selected ? '#faad14' : i === 0 && !shape.closed ? '#52c41a' : '#fff'}
            stroke="#1458c8"
            strokeWidth={2}
            data-testid="boundary-vertex"
            aria-label={fmt(b.vertex, { n: i + 1 })}
            style={{ cursor: editable ? 'move' : 'default' }}
            onPointerDown={(e) => onVertexDown(e, i)}
          />
        ))}
      </svg>
      <Space size={12} style={{ fontSize: 12, color: '#8c8c8c' }}>
        <span>
          <span style={{ display: 'inline-block', width: 12, height: 8, background: '#e8e8e8' }} />{' '}
          {b.legendNeighbour}
        </span>
        <span>┄ {b.legendVillage}</span>
      </Space>
      {note && <Alert type="info" showIcon title={note} />}
      {errors && errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="boundary-errors"
          title={b.serverErrors}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {errors.map((e, i) => (
                <li key={i}>
                  {e.message}
                  {e.path && (
                    <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                      {e.path}
                    </Typography.Text>
                  )}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Flex justify="end" gap={8} wrap>
        <Button onClick={onClose}>{b.cancel}</Button>
        {editable && data.boundary && (
          <Button danger onClick={() => save.mutate({ boundary: null })} loading={save.isPending}>
            {b.remove}
          </Button>
        )}
        {editable && (
          <Button type="primary" onClick={submit} loading={save.isPending}>
            {b.save}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}

export default function BoundaryEditor({
  gridId,
  title,
  onClose,
}: {
  gridId: string;
  title: string;
  onClose: () => void;
}) {
  const q = useQuery({
    queryKey: ['grid-boundary', gridId],
    queryFn: () => api.get<GridBoundaryView>(`/api/grids/${gridId}/boundary`),
    // The editor keeps its own copy while open: a refetch would not reset a drawing.
    staleTime: Infinity,
  });
  return (
    <Modal open title={title} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      {q.isPending && <PageLoading />}
      {q.isError && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && <Editor key={gridId} data={q.data} onClose={onClose} />}
    </Modal>
  );
}
