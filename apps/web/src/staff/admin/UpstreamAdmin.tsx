// [Interop] the upstream (12345) import: pick a column mapping, upload an Excel export
// or a JSON batch, see the totals and every refused row; the saved mappings with a
// simple editor (one "表头=字段" a line).
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import {
  UPSTREAM_MAX_BATCH,
  type UpstreamImportResult,
  type UpstreamMappingList,
  type UpstreamMappingView,
} from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import { ErrorState } from '../../lib/states';
import { fmt, t } from '../../i18n';
import { tInterop } from '../../i18n/interop';
import { AdminPage, DeleteButton, useWrite } from './common';

const T = tInterop.upstream;

interface MappingForm {
  name: string;
  headerRow: number;
  columns: string;
}

function parseColumns(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const [h, f] = line.split('=').map((s) => s.trim());
    if (h && f) out[h] = f;
  }
  return out;
}

export default function UpstreamAdmin() {
  const { message } = App.useApp();
  const mappings = useQuery({
    queryKey: ['upstream-mappings'],
    queryFn: () => api.get<UpstreamMappingList>('/api/upstream/mappings'),
  });
  const [mapping, setMapping] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<UpstreamImportResult | null>(null);
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<MappingForm>();
  const save = useWrite(
    (b: MappingForm) =>
      api.post('/api/upstream/mappings', {
        name: b.name,
        headerRow: b.headerRow,
        columns: parseColumns(b.columns),
      }),
    [['upstream-mappings']],
    () => {
      setEditing(false);
      form.resetFields();
    },
  );
  const remove = useWrite(
    (id: string) => api.del(`/api/upstream/mappings/${id}`),
    [['upstream-mappings']],
  );

  const upload = async (file: File) => {
    setBusy(true);
    setResult(null);
    try {
      if (/\.json$/i.test(file.name)) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(await file.text());
        } catch {
          void message.error(T.notJson);
          return;
        }
        const tickets = Array.isArray(parsed)
          ? parsed
          : (parsed as { tickets?: unknown[] }).tickets;
        setResult(
          await api.post<UpstreamImportResult>('/api/upstream/import', {
            tickets: (tickets ?? []).slice(0, UPSTREAM_MAX_BATCH),
          }),
        );
      } else {
        const q = mapping ? `?mapping=${encodeURIComponent(mapping)}` : '';
        setResult(await api.upload<UpstreamImportResult>(`/api/upstream/import/excel${q}`, file));
      }
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const req = (field: string) => ({ required: true, message: fmt(t.web.form.required, { field }) });

  return (
    <AdminPage title={T.title} allowed={undefined}>
      <Typography.Paragraph type="secondary">{T.help}</Typography.Paragraph>
      <Space wrap>
        <span>{T.mapping}</span>
        <Select
          style={{ minWidth: 220 }}
          value={mapping ?? mappings.data?.items[0]?.name}
          onChange={setMapping}
          options={(mappings.data?.items ?? []).map((m) => ({ value: m.name, label: m.name }))}
        />
        <Upload
          accept=".xlsx,.json"
          showUploadList={false}
          beforeUpload={(f) => {
            void upload(f);
            return false;
          }}
        >
          <Button type="primary" loading={busy}>
            {busy ? T.importing : T.upload}
          </Button>
        </Upload>
      </Space>
      {result && (
        <>
          <Descriptions title={T.result} size="small" column={4}>
            <Descriptions.Item label={T.total}>{result.total}</Descriptions.Item>
            <Descriptions.Item label={T.created}>{result.created}</Descriptions.Item>
            <Descriptions.Item label={T.existing}>{result.existing}</Descriptions.Item>
            <Descriptions.Item label={T.failed}>
              {result.failed ? <Tag color="red">{result.failed}</Tag> : 0}
            </Descriptions.Item>
          </Descriptions>
          {result.errors.length > 0 && (
            <Table
              rowKey={(e) => `${e.row}-${e.field}`}
              size="small"
              dataSource={result.errors}
              pagination={{ pageSize: 20 }}
              columns={[
                { title: T.row, dataIndex: 'row' },
                { title: T.upstreamId, dataIndex: 'upstreamId', render: (v) => v ?? '—' },
                { title: T.field, dataIndex: 'field' },
                { title: T.message, dataIndex: 'message' },
                { title: T.code, dataIndex: 'code' },
              ]}
            />
          )}
        </>
      )}
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {T.mappings}
        </Typography.Title>
        <Button onClick={() => setEditing(true)}>{T.newMapping}</Button>
      </Space>
      {mappings.isError ? (
        <ErrorState error={mappings.error} onRetry={() => void mappings.refetch()} />
      ) : (
        <Table<UpstreamMappingView>
          rowKey={(m) => m.id ?? 'built-in'}
          size="small"
          pagination={false}
          loading={mappings.isPending}
          dataSource={mappings.data?.items ?? []}
          columns={[
            {
              title: T.mappingName,
              key: 'name',
              render: (_: unknown, m) => (
                <Space>
                  {m.name}
                  {m.builtIn && <Tag>{T.builtIn}</Tag>}
                </Space>
              ),
            },
            { title: T.headerRow, dataIndex: 'headerRow' },
            {
              title: T.columns,
              dataIndex: 'columns',
              render: (c: Record<string, string>) =>
                Object.entries(c)
                  .map(([h, f]) => `${h}→${f}`)
                  .join(','),
            },
            {
              title: t.web.common.actions,
              key: 'actions',
              render: (_: unknown, m) =>
                m.id ? <DeleteButton onConfirm={() => remove.mutate(m.id!)} /> : null,
            },
          ]}
        />
      )}
      <Modal
        open={editing}
        title={T.newMapping}
        onCancel={() => setEditing(false)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
      >
        <Form<MappingForm>
          form={form}
          layout="vertical"
          initialValues={{ headerRow: 1 }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item name="name" label={T.mappingName} rules={[req(T.mappingName)]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="headerRow" label={T.headerRow}>
            <InputNumber min={1} max={50} />
          </Form.Item>
          <Form.Item
            name="columns"
            label={T.columns}
            extra={T.columnsHelp}
            rules={[req(T.columns)]}
          >
            <Input.TextArea rows={8} />
          </Form.Item>
        </Form>
      </Modal>
    </AdminPage>
  );
}
