import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Checkbox, Form, Input, Radio, Result, Upload } from 'antd';
import type { UploadFile, UploadProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { TICKET_TYPES, type AttachmentView, type PublicRequestBody } from '@jiesu/contracts';
import { api, errorMessage } from '../api/client';
import { useJurisdictions } from '../api/hooks';
import type { PublicCreated } from '../api/types';
import { ErrorState, PageLoading } from '../lib/states';
import { requiredRule, requiredText } from '../lib/formRules';
import { CategoryPlaceFields, useLeafCategoryOptions } from '../lib/ticketFields';
import { fmt, t } from '../i18n';
import { LocateMe } from './LocateMe';

const MAX_PHOTOS = 9;

interface RaiseValues {
  type: PublicRequestBody['type'];
  categoryId: string;
  description: string;
  township: string;
  jurisdictionId: string;
  address: string;
  name?: string;
  phone: string;
  anonymous?: boolean;
  confidential?: boolean;
}

export default function RaisePage() {
  const { query: cats, options: categoryOptions } = useLeafCategoryOptions(true);
  const places = useJurisdictions(true);
  const navigate = useNavigate();
  const [form] = Form.useForm<RaiseValues>();
  const [files, setFiles] = useState<UploadFile<AttachmentView>[]>([]);
  const [busy, setBusy] = useState(false);
  const [point, setPoint] = useState<PublicRequestBody['point']>();
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<(PublicCreated & { phone: string }) | null>(null);

  const upload: UploadProps<AttachmentView>['customRequest'] = (opts) => {
    api
      .upload<AttachmentView>('/api/public/attachments', opts.file as File)
      .then((res) => opts.onSuccess?.(res))
      .catch((e: unknown) => opts.onError?.(new Error(errorMessage(e))));
  };

  async function submit(v: RaiseValues) {
    const pending = files.some((f) => f.status === 'uploading');
    if (pending) {
      setError(t.web.citizen.waitUpload);
      return;
    }
    setBusy(true);
    setError(null);
    const body: PublicRequestBody = {
      type: v.type,
      categoryId: v.categoryId,
      description: v.description.trim(),
      address: v.address.trim(),
      jurisdictionId: v.jurisdictionId,
      ...(point ? { point } : {}),
      phone: v.phone.trim(),
      name: v.name?.trim() || undefined,
      anonymous: v.anonymous || undefined,
      confidential: v.confidential || undefined,
      attachmentIds: files.flatMap((f) =>
        f.status === 'done' && f.response ? [f.response.id] : [],
      ),
    };
    try {
      const res = await api.post<PublicCreated>('/api/public/requests', body);
      setCreated({ ...res, phone: body.phone });
      window.scrollTo(0, 0);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  if (created)
    return (
      <div className="cz-card">
        <Result
          status="success"
          title={t.web.citizen.submitted}
          subTitle={
            <>
              <div>{t.web.citizen.yourCode}</div>
              <div className="cz-code" data-testid="ticket-code">
                {created.code}
              </div>
              <p style={{ textAlign: 'left', marginTop: 12 }}>{created.nextSteps}</p>
              <p style={{ textAlign: 'left' }}>{t.web.citizen.keepCode}</p>
            </>
          }
          extra={[
            <Button
              key="follow"
              type="primary"
              onClick={() =>
                navigate('/m/follow', { state: { code: created.code, phone: created.phone } })
              }
            >
              {t.web.citizen.followIt}
            </Button>,
            <Button
              key="again"
              onClick={() => {
                setCreated(null);
                setFiles([]);
                setPoint(undefined);
                form.resetFields();
              }}
            >
              {t.web.citizen.raiseAnother}
            </Button>,
          ]}
        />
      </div>
    );

  if (cats.isPending || places.isPending) return <PageLoading />;
  if (cats.isError || places.isError)
    return (
      <ErrorState
        error={cats.error ?? places.error}
        onRetry={() => {
          void cats.refetch();
          void places.refetch();
        }}
      />
    );

  return (
    <section className="cz-card" aria-labelledby="raise-title">
      <h2 id="raise-title" style={{ fontSize: 16, marginTop: 0 }}>
        {t.web.citizen.raiseTitle}
      </h2>
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />
      )}
      <Form<RaiseValues>
        form={form}
        layout="vertical"
        name="raise"
        initialValues={{ type: 'help' }}
        onFinish={(v) => void submit(v)}
        scrollToFirstError
      >
        <Form.Item
          name="type"
          label={t.web.citizen.type}
          rules={[requiredRule(t.web.citizen.type)]}
        >
          <Radio.Group
            optionType="button"
            options={TICKET_TYPES.map((v) => ({ value: v, label: t.type[v] }))}
          />
        </Form.Item>
        <CategoryPlaceFields
          placePicker="township"
          texts={t.web.citizen}
          categoryOptions={categoryOptions}
          places={places.data}
        >
          <Form.Item
            name="description"
            label={t.web.citizen.description}
            rules={requiredText(t.web.citizen.description, 5)}
          >
            <Input.TextArea
              autoSize={{ minRows: 4, maxRows: 10 }}
              maxLength={4000}
              showCount
              placeholder={t.web.citizen.descriptionPlaceholder}
            />
          </Form.Item>
          <Form.Item
            label={fmt(t.web.citizen.photos, { n: MAX_PHOTOS })}
            extra={t.web.citizen.photosHelp}
          >
            <Upload<AttachmentView>
              listType="picture-card"
              accept="image/*"
              multiple
              maxCount={MAX_PHOTOS}
              fileList={files}
              customRequest={upload}
              onChange={({ fileList }) => setFiles(fileList)}
            >
              {files.length < MAX_PHOTOS && (
                <button
                  type="button"
                  style={{ border: 0, background: 'none' }}
                  aria-label={t.web.citizen.addPhoto}
                >
                  <PlusOutlined />
                  <div style={{ marginTop: 4 }}>{t.web.citizen.addPhoto}</div>
                </button>
              )}
            </Upload>
          </Form.Item>
        </CategoryPlaceFields>
        <LocateMe onPoint={setPoint} />
        <Form.Item name="name" label={t.web.citizen.name}>
          <Input maxLength={50} autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t.web.citizen.phone}
          extra={t.web.citizen.phoneHelp}
          rules={[
            requiredRule(t.web.citizen.phone),
            { pattern: /^[0-9+\- ]{5,20}$/, message: t.error.INVALID_PHONE },
          ]}
        >
          <Input inputMode="tel" autoComplete="tel" maxLength={20} />
        </Form.Item>
        <Form.Item
          name="anonymous"
          valuePropName="checked"
          extra={t.web.citizen.anonymousHelp}
          style={{ marginBottom: 8 }}
        >
          <Checkbox>{t.web.citizen.anonymous}</Checkbox>
        </Form.Item>
        <Form.Item
          name="confidential"
          valuePropName="checked"
          extra={t.web.citizen.confidentialHelp}
        >
          <Checkbox>{t.web.citizen.confidential}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t.web.citizen.submit}
        </Button>
      </Form>
    </section>
  );
}
