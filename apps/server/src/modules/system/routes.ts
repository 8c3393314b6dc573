import type { App } from '../../app.js';

// Until the web application is served from here, `/` tells a visitor where things are.
const LANDING = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>接诉即办平台</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#1f2328}code{background:#f3f4f6;padding:0 .25rem}</style>
</head><body>
<h1>接诉即办平台</h1>
<p>服务已启动。接口文档见 <a href="/openapi.json">/openapi.json</a>,健康检查见 <a href="/healthz">/healthz</a> 与 <a href="/readyz">/readyz</a>。</p>
<p>群众诉求接口:<code>POST /api/public/requests</code>;进度查询:<code>GET /api/public/requests/{受理编号}?phone=手机号</code>。</p>
</body></html>`;

export function systemRoutes(app: App): void {
  app.get('/', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(LANDING),
  );
}
