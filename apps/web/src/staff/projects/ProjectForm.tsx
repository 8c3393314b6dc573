// The form of a project's details, to create one or to edit it. The centre may
// name any unit as the owner; a unit leader creates projects for its own unit.
import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, Modal, Radio, Select, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  PROJECT_STATES,
  type CreateProjectBody,
  type ProjectState,
  type ProjectView,
  type UpdateProjectBody,
} from '@jiesu/contracts';
import { api, errorMessage } from '../../api/client';
import { useCategories, useJurisdictions, useMe } from '../../api/hooks';
import { maxLengthRule, requiredRule, requiredText } from '../../lib/formRules';
import { buildTree } from '../../lib/tree';
import { t } from '../../i18n';
import { UnitSelect } from '../tickets/UnitSelect';
import { centreManager } from './parts';
import { tProjects } from '../../i18n/projects';

interface Values {
  title: string;
  problem: string;
  ownerUnitId: string;
  categoryId?: string | null;
  jurisdictionId?: string | null;
  monthlyTopic?: Dayjs | null;
  startsOn: Dayjs;
  dueOn?: Dayjs | null;
  state: ProjectState;
  plan?: string;
  budgetNote?: string;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const month = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM') : null);

export function ProjectForm({
  project,
  onClose,
  onSaved,
}: {
  /** The project to edit; none to create one. */
  project?: ProjectView;
  onClose: () => void;
  onSaved: (p: ProjectView) => void;
}) {
  const p = tProjects;
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const me = useMe();
  const cats = useCategories();
  const places = useJurisdictions();
  const catTree = useMemo(() => buildTree(cats.data ?? []), [cats.data]);
  const placeTree = useMemo(
    () => buildTree(places.data ?? [], (j) => j.level !== 'city'),
    [places.data],
  );
  const centre = centreManager(me.data);
  const ledUnits = (me.data?.roles ?? []).filter((r) => r.role === 'unit_leader');

  const initialValues: Partial<Values> = project
    ? {
        title: project.title,
        problem: project.problem,
        ownerUnitId: project.ownerUnit.id,
        categoryId: project.category?.id ?? null,
        jurisdictionId: project.jurisdiction?.id ?? null,
        monthlyTopic: project.monthlyTopic ? dayjs(`${project.monthlyTopic}-01`) : null,
        startsOn: dayjs(project.startsOn),
        dueOn: project.dueOn ? dayjs(project.dueOn) : null,
        state: project.state,
        plan: project.plan,
        budgetNote: project.budgetNote,
      }
    : {
        startsOn: dayjs().startOf('day'),
        state: 'active',
        ownerUnitId: centre ? undefined : ledUnits[0]?.unitId,
      };

  async function submit() {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      let saved: ProjectView;
      if (project) {
        const body: UpdateProjectBody = {
          expectedVersion: project.version,
          title: v.title.trim(),
          problem: v.problem.trim(),
          categoryId: v.categoryId ?? null,
          jurisdictionId: v.jurisdictionId ?? null,
          monthlyTopic: month(v.monthlyTopic),
          startsOn: day(v.startsOn)!,
          dueOn: day(v.dueOn),
          state: v.state,
          plan: v.plan?.trim() ?? '',
          budgetNote: v.budgetNote?.trim() ?? '',
          ...(v.ownerUnitId !== project.ownerUnit.id ? { ownerUnitId: v.ownerUnitId } : {}),
        };
        saved = await api.patch<ProjectView>(`/api/projects/${project.id}`, body);
      } else {
        const body: CreateProjectBody = {
          title: v.title.trim(),
          problem: v.problem.trim(),
          ownerUnitId: v.ownerUnitId,
          startsOn: day(v.startsOn)!,
          state: v.state === 'planning' ? 'planning' : 'active',
          ...(v.categoryId ? { categoryId: v.categoryId } : {}),
          ...(v.jurisdictionId ? { jurisdictionId: v.jurisdictionId } : {}),
          ...(v.monthlyTopic ? { monthlyTopic: month(v.monthlyTopic)! } : {}),
          ...(v.dueOn ? { dueOn: day(v.dueOn)! } : {}),
          ...(v.plan?.trim() ? { plan: v.plan.trim() } : {}),
          ...(v.budgetNote?.trim() ? { budgetNote: v.budgetNote.trim() } : {}),
        };
        saved = await api.post<ProjectView>('/api/projects', body);
      }
      await qc.invalidateQueries({ queryKey: ['tickets', 'projects'] });
      onSaved(saved);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={project ? p.edit : p.newProject}
      okText={t.web.common.save}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={640}
    >
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />
      )}
      <Form
        form={form}
        layout="vertical"
        name="project"
        preserve={false}
        initialValues={initialValues}
      >
        <Form.Item name="title" label={p.name} rules={requiredText(p.name, 2, 100)}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="problem" label={p.problem} rules={requiredText(p.problem, 5, 4000)}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={4000} />
        </Form.Item>
        <Form.Item name="ownerUnitId" label={p.ownerUnit} rules={[requiredRule(p.ownerUnit)]}>
          {centre ? (
            <UnitSelect placeholder={p.ownerUnit} />
          ) : (
            <Select
              options={ledUnits.map((r) => ({ value: r.unitId, label: r.unitName }))}
              disabled={Boolean(project)}
            />
          )}
        </Form.Item>
        <Form.Item name="categoryId" label={p.category} extra={p.categoryHint}>
          <TreeSelect
            allowClear
            showSearch
            treeNodeFilterProp="title"
            treeData={catTree}
            placeholder={p.allCategories}
          />
        </Form.Item>
        <Form.Item name="jurisdictionId" label={p.place}>
          <TreeSelect
            allowClear
            showSearch
            treeNodeFilterProp="title"
            treeData={placeTree}
            placeholder={p.wholeDistrict}
          />
        </Form.Item>
        <Form.Item name="monthlyTopic" label={p.monthlyTopic} extra={p.monthlyTopicHint}>
          <DatePicker picker="month" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="startsOn" label={p.startsOn} rules={[requiredRule(p.startsOn)]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="dueOn" label={p.dueOn}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="state" label={p.state}>
          {project ? (
            <Select options={PROJECT_STATES.map((s) => ({ value: s, label: t.projectState[s] }))} />
          ) : (
            <Radio.Group
              optionType="button"
              options={(['planning', 'active'] as const).map((s) => ({
                value: s,
                label: t.projectState[s],
              }))}
            />
          )}
        </Form.Item>
        <Form.Item name="plan" label={p.plan} rules={[maxLengthRule(p.plan, 8000)]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={8000} />
        </Form.Item>
        <Form.Item
          name="budgetNote"
          label={p.budgetNote}
          rules={[maxLengthRule(p.budgetNote, 2000)]}
        >
          <Input.TextArea autoSize={{ minRows: 1 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
