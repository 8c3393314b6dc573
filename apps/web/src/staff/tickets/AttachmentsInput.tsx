import { useState } from 'react';
import { Button, Upload } from 'antd';
import type { UploadFile, UploadProps } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { AttachmentView } from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import { fmt } from '../../i18n';
import { tCollab } from '../../i18n/collab';

/** A form control for `attachmentIds`: uploads as the user picks files, the value is the ids. */
export function AttachmentsInput({
  onChange,
  max = 9,
  id,
}: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  max?: number;
  id?: string;
}) {
  const [files, setFiles] = useState<UploadFile<AttachmentView>[]>([]);
  const upload: UploadProps<AttachmentView>['customRequest'] = (opts) => {
    api
      .upload<AttachmentView>('/api/attachments', opts.file as File)
      .then((res) => opts.onSuccess?.(res))
      .catch((e: unknown) => opts.onError?.(new Error(errorMessage(e))));
  };
  return (
    <Upload<AttachmentView>
      id={id}
      multiple
      maxCount={max}
      accept="image/*,application/pdf"
      fileList={files}
      customRequest={upload}
      onChange={({ fileList }) => {
        setFiles(fileList);
        onChange?.(
          fileList.flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : [])),
        );
      }}
    >
      {files.length < max && <Button icon={<UploadOutlined />}>{tCollab.upload}</Button>}
      <div style={{ color: '#8c8c8c', fontSize: 12, marginTop: 4 }}>
        {fmt(tCollab.uploadHelp, { n: max })}
      </div>
    </Upload>
  );
}
