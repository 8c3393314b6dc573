import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type District, type TestContext } from '../../../test/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function multipart(filename: string, data: Buffer, type = 'image/png') {
  const boundary = '----jiesu' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(
  d: District,
  who: 'agent' | 'village',
  filename: string,
  data: Buffer,
  type?: string,
) {
  const client = await d.login(who);
  const { body, contentType } = multipart(filename, data, type);
  return client.post('/api/attachments', body, { 'content-type': contentType });
}

describe('attachments', () => {
  it('an uploaded photo is claimed by the new ticket and readable by those who see it', async () => {
    const d = await ctx.newDistrict();
    const up = await upload(d, 'agent', '现场照片.png', PNG);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      mime: 'image/png',
      size: PNG.length,
      filename: '现场照片.png',
    });
    const t = await d.newTicket({ attachmentIds: [up.body.id] });
    expect(t.attachments).toHaveLength(1);
    const file = await ctx.app.inject({
      method: 'GET',
      url: up.body.url,
      headers: { cookie: await loginCookie(d) },
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(file.rawPayload, PNG)).toBe(0);
    // A second ticket cannot claim the same file.
    const agent = await d.login('agent');
    const again = await agent.post('/api/tickets', {
      ...baseTicket(d),
      attachmentIds: [up.body.id],
    });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('UNKNOWN_ATTACHMENT');
    // A village that does not handle the ticket does not see its file.
    const other = await d.login('village');
    expect((await other.get(up.body.url)).status).toBe(404);
  });

  it('refuses a file whose bytes are not an allowed type, whatever its name', async () => {
    const d = await ctx.newDistrict();
    const res = await upload(
      d,
      'agent',
      'photo.png',
      Buffer.from('#!/bin/sh\necho pwned\n'),
      'image/png',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    const rows = await ctx.c.db
      .selectFrom('attachments')
      .select('id')
      .where('tenant_id', '=', d.tenantId)
      .execute();
    expect(rows).toEqual([]);
  });

  it('refuses a file over the size limit with 413', async () => {
    const d = await ctx.newDistrict();
    const big = Buffer.concat([PNG, Buffer.alloc(ctx.c.config.maxUploadBytes + 10)]);
    const res = await upload(d, 'agent', 'big.png', big);
    expect(res.status).toBe(413);
    expect(['FILE_TOO_LARGE', 'PAYLOAD_TOO_LARGE']).toContain(res.body.error.code);
  });
});

function baseTicket(d: District) {
  return {
    channel: 'hotline',
    type: 'help',
    categoryId: d.categories.leaf,
    title: '路灯不亮',
    description: '东湖社区路灯不亮已经三天。',
    address: '东湖社区',
    jurisdictionId: d.nodes.vil1,
    requester: { phone: '13800138000' },
  };
}

async function loginCookie(d: District): Promise<string> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: `${d.tenantId}-dispatcher`, password: 'test-password' },
  });
  return `jiesu_session=${res.cookies.find((c) => c.name === 'jiesu_session')!.value}`;
}
