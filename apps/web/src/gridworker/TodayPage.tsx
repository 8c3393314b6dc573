import { useState } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Input, Modal, Tag, Typography } from 'antd';
import type { HouseholdDue } from '@jiesu/contracts';
import { api, errorMessage } from '../api/client';
import { fmt } from '../i18n';
import { tDuties } from '../i18n/duties';
import { QueryState } from '../lib/states';
import { tVolunteers } from '../i18n/volunteers';
import { TeamSelect } from '../staff/volunteers/widgets';
import { hhmm, mdhm, todayKey, useDutyToday } from './parts';

const T = tDuties.today;

/** 今日: the patrol due, the households to visit this month, what is overdue. */
export default function TodayPage() {
  const today = useDutyToday();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [visit, setVisit] = useState<HouseholdDue | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  // 请志愿队协助 on a planned visit (e.g. a team brings medicine to an elderly resident).
  const [help, setHelp] = useState<HouseholdDue | null>(null);
  const [helpTeam, setHelpTeam] = useState<string | undefined>();
  const [helpText, setHelpText] = useState('');

  async function askHelp() {
    if (!help?.plannedVisitId) return;
    setBusy(true);
    try {
      await api.post('/api/volunteers/help-requests', {
        teamId: helpTeam,
        visitId: help.plannedVisitId,
        description: helpText.trim(),
      });
      void message.success(tVolunteers.helpAsked);
      setHelp(null);
      setHelpText('');
      setHelpTeam(undefined);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function saveVisit() {
    if (!visit) return;
    setBusy(true);
    try {
      if (visit.plannedVisitId)
        await api.post(`/api/duties/visits/${visit.plannedVisitId}/done`, {
          note: note.trim() || undefined,
        });
      else
        await api.post('/api/duties/visits', {
          householdId: visit.household.id,
          done: true,
          note: note.trim() || undefined,
        });
      void message.success(T.visitSaved);
      setVisit(null);
      setNote('');
      await qc.invalidateQueries({ queryKey: todayKey });
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <QueryState query={today}>
      {(d) => {
        const patrolOk = d.patrol.done >= d.patrol.due && !d.patrol.open;
        const overdueCount =
          d.overdue.patrolDaysMissed.length +
          d.overdue.plannedVisits.length +
          (d.overdue.lastMonthBelowRule ? 1 : 0);
        return (
          <>
            <Typography.Title level={2} style={{ fontSize: 18, margin: '0 0 4px' }}>
              {T.heading} · {d.date}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
              {fmt(T.grids, { names: d.grids.map((g) => g.name).join('、') })}
            </Typography.Paragraph>

            <section className="gw-card" aria-labelledby="gw-patrol" data-testid="today-patrol">
              <h2 id="gw-patrol">{T.patrol}</h2>
              <p style={{ margin: '0 0 8px' }}>
                {fmt(T.patrolDone, { done: d.patrol.done, due: d.patrol.due })}{' '}
                {patrolOk ? <Tag color="success">{T.patrolOk}</Tag> : null}
              </p>
              {d.patrol.open && (
                <p style={{ margin: '0 0 8px' }}>
                  <Tag color="processing">
                    {fmt(T.patrolOpen, { at: hhmm(d.patrol.open.startedAt) })}
                  </Tag>
                </p>
              )}
              <Link to="/g/patrol">
                <Button type={patrolOk ? 'default' : 'primary'} block>
                  {d.patrol.open ? T.continuePatrol : T.goPatrol}
                </Button>
              </Link>
            </section>

            <section className="gw-card" aria-labelledby="gw-visits" data-testid="today-visits">
              <h2 id="gw-visits">
                {T.visits} <Tag>{d.visitsDue.length}</Tag>
              </h2>
              <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                {fmt(T.visitsHelp, { n: d.visitsDoneThisMonth })}
              </Typography.Paragraph>
              {d.visitsDue.length === 0 && <Typography.Text>{T.noVisits}</Typography.Text>}
              {d.visitsDue.slice(0, 30).map((h) => (
                <Flex
                  key={h.household.id}
                  justify="space-between"
                  align="center"
                  gap={8}
                  style={{ borderTop: '1px solid #f0f0f0', padding: '8px 0' }}
                  data-testid="visit-due"
                >
                  <div style={{ minWidth: 0 }}>
                    <div style={{ fontWeight: 500 }}>{h.household.address}</div>
                    <div style={{ fontSize: 12, color: '#595959' }}>
                      {h.reasons.map((r) => (
                        <Tag key={r} style={{ marginInlineEnd: 4 }}>
                          {r}
                        </Tag>
                      ))}
                      {fmt(T.visitProgress, { done: h.done, required: h.required })}
                      {h.plannedFor ? ` · ${fmt(T.planned, { day: h.plannedFor })}` : ''}
                      {h.lastVisitAt ? ` · ${fmt(T.lastVisit, { at: mdhm(h.lastVisitAt) })}` : ''}
                    </div>
                  </div>
                  <Flex gap={4} wrap justify="flex-end">
                    {h.plannedVisitId && (
                      <Button size="small" onClick={() => setHelp(h)}>
                        {tVolunteers.askHelp}
                      </Button>
                    )}
                    <Button size="small" onClick={() => setVisit(h)}>
                      {T.recordVisit}
                    </Button>
                  </Flex>
                </Flex>
              ))}
            </section>

            <section className="gw-card" aria-labelledby="gw-overdue" data-testid="today-overdue">
              <h2 id="gw-overdue">
                {T.overdue} {overdueCount > 0 && <Tag color="error">{overdueCount}</Tag>}
              </h2>
              {overdueCount === 0 && <Typography.Text>{T.noOverdue}</Typography.Text>}
              {d.overdue.patrolDaysMissed.length > 0 && (
                <p>
                  {fmt(T.patrolMissed, {
                    n: d.overdue.patrolDaysMissed.length,
                    days: d.overdue.patrolDaysMissed.map((x) => x.slice(5)).join('、'),
                  })}
                </p>
              )}
              {d.overdue.plannedVisits.map((v) => (
                <p key={v.id}>
                  {fmt(T.plannedOverdue, { address: v.household.address, day: v.plannedFor ?? '' })}
                </p>
              ))}
              {d.overdue.lastMonthBelowRule > 0 && (
                <p>{fmt(T.lastMonthBelow, { n: d.overdue.lastMonthBelowRule })}</p>
              )}
            </section>

            <section className="gw-card">
              <Flex justify="space-between" align="center" gap={8} wrap>
                <span>{fmt(T.reports, { n: d.reportsThisMonth })}</span>
                <Link to="/g/report">
                  <Button>{T.goReport}</Button>
                </Link>
              </Flex>
            </section>
            <section className="gw-card">
              <Flex justify="space-between" align="center" gap={8} wrap>
                <span>
                  <strong>{T.broadcasts}</strong>{' '}
                  <Typography.Text type="secondary">{T.broadcastsHelp}</Typography.Text>
                </span>
                <Link to="/g/broadcasts">
                  <Button>{T.goBroadcasts}</Button>
                </Link>
              </Flex>
            </section>

            <Modal
              open={visit !== null}
              title={visit ? `${T.recordVisit} · ${visit.household.address}` : ''}
              onCancel={() => setVisit(null)}
              onOk={() => void saveVisit()}
              okButtonProps={{ loading: busy }}
              okText={T.recordVisit}
              destroyOnHidden
            >
              <label htmlFor="gw-visit-note">{T.visitNote}</label>
              <Input.TextArea
                id="gw-visit-note"
                value={note}
                onChange={(e) => setNote(e.target.value)}
                placeholder={T.visitNotePlaceholder}
                autoSize={{ minRows: 3 }}
                maxLength={1000}
              />
            </Modal>
            <Modal
              open={help !== null}
              title={help ? `${tVolunteers.askHelp} · ${help.household.address}` : ''}
              onCancel={() => setHelp(null)}
              onOk={() => void askHelp()}
              okButtonProps={{ loading: busy, disabled: !helpTeam || helpText.trim().length < 2 }}
              okText={tVolunteers.askHelp}
              destroyOnHidden
            >
              <label htmlFor="gw-help-team">{tVolunteers.helpTeam}</label>
              <TeamSelect id="gw-help-team" value={helpTeam} onChange={setHelpTeam} />
              <label htmlFor="gw-help-text" style={{ display: 'block', marginTop: 12 }}>
                {tVolunteers.helpNeed}
              </label>
              <Input.TextArea
                id="gw-help-text"
                value={helpText}
                onChange={(e) => setHelpText(e.target.value)}
                autoSize={{ minRows: 3 }}
                maxLength={2000}
              />
            </Modal>
          </>
        );
      }}
    </QueryState>
  );
}
