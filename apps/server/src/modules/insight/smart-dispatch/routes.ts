import {
  DispatchAccuracy,
  DispatchAccuracyQuery,
  DispatchConfig,
  ErrorBody,
  SmartDispatchOverview,
  SuggestBody,
  SuggestResult,
  SuggestionOutcome,
  SuggestionOutcomeBody,
  TrainDispatchBody,
  TrainDispatchResult,
  UpdateDispatchConfigBody,
} from '@jiesu/contracts';
import type { App } from '../../../app.js';
import type { Container } from '../../../container.js';
import { actorOf, requireStaff } from '../../../plugins/auth.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['smart-dispatch'];

export function smartDispatchRoutes(app: App, c: Container): void {
  app.post('/api/insight/suggest', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary:
        '智能分派:按诉求标题和内容推荐前三个诉求分类(及派单时的前三个主办单位)和置信度;无模型时返回空列表和原因',
      body: SuggestBody,
      response: { 200: SuggestResult, ...errors },
    },
    handler: (req) => c.smartDispatch.suggest(actorOf(req), req.body),
  });

  app.post('/api/insight/suggestions/outcome', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary:
        '记录推荐是否被采纳:提交受理或派单后报告显示过的前三项,实际选择从工单读取(每个工单每类一次)',
      body: SuggestionOutcomeBody,
      response: { 200: SuggestionOutcome, ...errors },
    },
    handler: (req) => c.smartDispatch.recordOutcome(actorOf(req), req.body),
  });

  app.get('/api/insight/dispatch', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '智能分派模型:当前和历史模型的训练时间、样本数和留出集指标,配置,可用训练样本数',
      response: { 200: SmartDispatchOverview, ...errors },
    },
    handler: (req) => c.smartDispatch.overview(actorOf(req)),
  });

  app.post('/api/insight/dispatch/train', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary:
        '立即训练(管理员、指挥中心派单员和督办员):用本区已办结工单重新训练分类和主办单位模型',
      body: TrainDispatchBody,
      response: { 200: TrainDispatchResult, ...errors },
    },
    handler: (req) => c.smartDispatch.train(actorOf(req), req.body ?? {}),
  });

  app.put('/api/insight/dispatch/config', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '修改自动重新训练的间隔天数和最少样本数(管理员)',
      body: UpdateDispatchConfigBody,
      response: { 200: DispatchConfig, ...errors },
    },
    handler: (req) => c.smartDispatch.updateConfig(actorOf(req), req.body),
  });

  app.get('/api/insight/dispatch/accuracy', {
    preHandler: requireStaff,
    schema: {
      tags,
      summary: '实际采纳率:按周和对象统计首选采纳、前三采纳,以及最常见的未采纳(首选推荐→实际选择)',
      querystring: DispatchAccuracyQuery,
      response: { 200: DispatchAccuracy, ...errors },
    },
    handler: (req) => c.smartDispatch.accuracy(actorOf(req), req.query),
  });

  app.get('/api/insight/dispatch/accuracy.xlsx', {
    preHandler: requireStaff,
    schema: { tags, summary: '导出采纳率和模型(Excel)', querystring: DispatchAccuracyQuery },
    handler: async (req, reply) => {
      const f = await c.smartDispatch.exportAccuracy(actorOf(req), req.query);
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .send(f.data);
    },
  });
}
