// 导入住户人员: upload an .xlsx → the server validates every row and answers a
// preview (counts, per-row errors with row numbers, the first valid rows) →
// confirm → the valid rows are written in chunks while a progress bar follows
// the job → the result. Nothing is written before the confirmation.
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Flex,
  Modal,
  Progress,
  Result,
  Statistic,
  Steps,
  Table,
  Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { ResidentImportJob } from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import { fmt } from '../../i18n';
import { tResidents } from '../../i18n/residents';

const r = tResidents;

export function ImportWizard({ onClose }: { onClose: () => void }) {
  const qc = useQueryClient();
  const [job, setJob] = useState<ResidentImportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => api.upload<ResidentImportJob>('/api/residents/imports', file),
    onSuccess: (j) => {
      setError(null);
      setJob(j);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const commit = useMutation({
    mutationFn: (id: string) => api.post<ResidentImportJob>(`/api/residents/imports/${id}/commit`),
    onSuccess: (j) => setJob(j),
    onError: (e) => setError(errorMessage(e)),
  });
  const running = job?.status === 'running';
  const poll = useQuery({
    queryKey: ['resident-import', job?.id],
    queryFn: () => api.get<ResidentImportJob>(`/api/residents/imports/${job!.id}`),
    enabled: running,
    refetchInterval: running ? 400 : false,
  });
  const polled = poll.data;
  useEffect(() => {
    if (polled) setJob((j) => (j && j.id === polled.id && j.status !== 'previewed' ? polled : j));
  }, [polled]);
  const finished = job?.status === 'done' || job?.status === 'failed';
  useEffect(() => {
    if (finished) {
      void qc.invalidateQueries({ queryKey: ['households'] });
      void qc.invalidateQueries({ queryKey: ['residents'] });
    }
  }, [finished, qc]);

  const step = !job ? 0 : job.status === 'previewed' ? 1 : running ? 2 : 3;
  const percent = job && job.valid ? Math.round((job.done / job.valid) * 100) : 0;

  return (
    <Modal
      open
      title={r.importTitle}
      onCancel={onClose}
      width={860}
      footer={null}
      maskClosable={false}
      destroyOnHidden
    >
      <Flex vertical gap={16}>
        <Steps
          size="small"
          current={step}
          items={[
            { title: r.stepUpload },
            { title: r.stepPreview },
            { title: r.stepCommit },
            { title: r.stepResult },
          ]}
        />
        {error && <Alert type="error" showIcon role="alert" title={error} />}
        {step === 0 && (
          <Flex vertical gap={12} align="flex-start">
            <span>{r.uploadHint}</span>
            <Flex gap={8} wrap>
              <Upload
                accept=".xlsx"
                showUploadList={false}
                beforeUpload={(file) => {
                  upload.mutate(file);
                  return false;
                }}
              >
                <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending}>
                  {upload.isPending ? r.uploading : r.chooseFile}
                </Button>
              </Upload>
              <Button href="/api/residents/import-template" download>
                {r.template}
              </Button>
            </Flex>
          </Flex>
        )}
        {job && step === 1 && (
          <Flex vertical gap={12}>
            <div data-testid="import-summary">
              {fmt(r.summary, { total: job.total, valid: job.valid, invalid: job.invalid })}
            </div>
            <Flex gap={32}>
              <Statistic
                title={r.validRows}
                value={job.valid}
                styles={{ content: { color: '#237804' } }}
              />
              <Statistic
                title={r.errorRows}
                value={job.invalid}
                styles={{ content: { color: job.invalid ? '#cf1322' : undefined } }}
              />
            </Flex>
            {job.errors.length > 0 && (
              <Table
                data-testid="import-errors"
                size="small"
                title={() => r.errorsTitle}
                rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
                dataSource={job.errors}
                pagination={{ pageSize: 8, hideOnSinglePage: true }}
                columns={[
                  { title: r.row, dataIndex: 'row', width: 70 },
                  { title: r.column, dataIndex: 'column', width: 100 },
                  { title: r.problem, dataIndex: 'message' },
                  { title: r.code, dataIndex: 'code', width: 170 },
                ]}
              />
            )}
            {job.sample.length > 0 && (
              <Table
                size="small"
                title={() => fmt(r.sampleTitle, { n: job.sample.length })}
                rowKey="row"
                dataSource={job.sample}
                pagination={{ pageSize: 5, hideOnSinglePage: true }}
                columns={[
                  { title: r.row, dataIndex: 'row', width: 70 },
                  { title: r.grid, dataIndex: 'grid' },
                  { title: r.address, dataIndex: 'address' },
                  { title: r.name, dataIndex: 'name' },
                  { title: r.idNumber, dataIndex: 'idNumber' },
                ]}
              />
            )}
            {job.valid === 0 && <Alert type="warning" showIcon title={r.noValid} />}
            <Flex gap={8} justify="flex-end">
              <Button onClick={() => setJob(null)}>{r.reupload}</Button>
              <Button
                type="primary"
                disabled={job.valid === 0}
                loading={commit.isPending}
                onClick={() => commit.mutate(job.id)}
              >
                {fmt(r.confirm, { n: job.valid })}
              </Button>
            </Flex>
          </Flex>
        )}
        {job && (step === 2 || step === 3) && (
          <Flex vertical gap={12}>
            <Progress
              percent={job.status === 'done' ? 100 : percent}
              status={job.status === 'failed' ? 'exception' : running ? 'active' : 'success'}
              aria-label={r.committing}
            />
            <div data-testid="import-progress">
              {fmt(r.progress, { done: job.done, total: job.valid })}
            </div>
          </Flex>
        )}
        {job && step === 3 && (
          <Result
            status={job.status === 'done' ? 'success' : 'error'}
            title={
              job.status === 'done'
                ? fmt(r.done, { n: job.done, h: job.householdsCreated })
                : r.failed
            }
            subTitle={
              job.status === 'done'
                ? job.invalid
                  ? fmt(r.skipped, { n: job.invalid })
                  : undefined
                : job.failure
            }
            extra={
              <Button type="primary" onClick={onClose}>
                {r.close}
              </Button>
            }
          />
        )}
      </Flex>
    </Modal>
  );
}
