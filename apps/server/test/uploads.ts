// A 1×1 PNG uploaded as a multipart form through the API, for tests of records with photos.
import { expect } from 'vitest';
import type { District } from './factories.js';

type Client = Awaited<ReturnType<District['login']>>;

export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Uploads the PNG as `filename` by the client; returns the attachment's id. */
export async function uploadPng(client: Client, filename = '照片.png'): Promise<string> {
  const boundary = '----jiesu' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await client.post('/api/attachments', body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}
