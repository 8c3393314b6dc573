import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

// The contracts' modules only declare values (schemas, enums, messages). Marking them free of
// side effects lets the bundler drop the ones a chunk does not use — the resident pages then
// never carry TypeBox and the API schemas. (Equivalent to "sideEffects": false in its package.json.)
function pureContracts(): Plugin {
  return {
    name: 'jiesu-pure-contracts',
    transform(code, id) {
      if (id.includes('/packages/contracts/src/'))
        return { code, map: null, moduleSideEffects: false };
      return undefined;
    },
  };
}

// The API server (npm start) listens on API_PORT; the dev server proxies to it.
const apiPort = process.env.API_PORT ?? '3000';
const apiTarget = `http://127.0.0.1:${apiPort}`;

export default defineConfig({
  plugins: [react(), pureContracts()],
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: {
      '/api': apiTarget,
      '/openapi.json': apiTarget,
      '/healthz': apiTarget,
      '/readyz': apiTarget,
    },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      output: {
        // Stable vendor chunks: shared by every route, cached across deploys.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts';
          if (/node_modules\/(react|react-dom|scheduler|react-router)\//.test(id)) return 'react';
          return undefined;
        },
      },
    },
  },
});
