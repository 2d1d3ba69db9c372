/**
 * What a run left in Temporal. A run is one workflow id whose executions are chained by continue-as-new:
 * starting from the latest execution (describe), each execution's WorkflowExecutionStarted event names the
 * one it continued (continuedExecutionRunId), back to the first. Over all of them:
 *  - events: the history events, summed;
 *  - payloads: every Payload anywhere in those events (workflow input and result, activity inputs and
 *    results, continue-as-new input, memo, search attributes, headers, signals, failure details); a
 *    payload's size is its encoded protobuf size (data + metadata), as the server stores it;
 *  - activities: per activity type, how many ran, their time running (started → completed) and waiting
 *    (scheduled → started), and retries (attempts beyond the first of the attempt that completed);
 *  - workflow tasks: how many and their time.
 */
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';

type History = proto.temporal.api.history.v1.IHistory;
type Payload = proto.temporal.api.common.v1.IPayload;
type Timestamp = { seconds?: unknown; nanos?: number | null } | null | undefined;

export interface StepTime {
  count: number;
  runSeconds: number;
  queueSeconds: number;
  retries: number;
}

export interface HistoryFigures {
  executions: number;
  events: number;
  historyBytes: number;
  payloads: number;
  largestPayload: { bytes: number; where: string } | null;
  activities: Record<string, StepTime>;
  workflowTasks: StepTime;
}

const PAYLOAD = proto.temporal.api.common.v1.Payload;
const HISTORY = proto.temporal.api.history.v1.History;

const ms = (ts: Timestamp): number =>
  ts ? Number(String(ts.seconds ?? 0)) * 1000 + (ts.nanos ?? 0) / 1e6 : Number.NaN;
const key = (id: unknown): string => String(id ?? '');

function isPayload(value: object): value is Payload {
  return 'metadata' in value && (value as { data?: unknown }).data instanceof Uint8Array;
}

function visitPayloads(value: unknown, where: string, found: (p: Payload, where: string) => void): void {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return;
  if (isPayload(value)) return found(value, where);
  if (Array.isArray(value)) return value.forEach((v) => visitPayloads(v, where, found));
  for (const [k, v] of Object.entries(value)) visitPayloads(v, `${where}.${k}`, found);
}

const emptyStep = (): StepTime => ({ count: 0, runSeconds: 0, queueSeconds: 0, retries: 0 });

function addHistory(history: History, figures: HistoryFigures): void {
  const events = history.events ?? [];
  figures.events += events.length;
  figures.historyBytes += HISTORY.encode(history).finish().length;
  const activityType = new Map<string, string>();
  const at = new Map<string, number>();
  for (const event of events) {
    const time = ms(event.eventTime as Timestamp);
    at.set(key(event.eventId), time);
    const a = event.activityTaskScheduledEventAttributes;
    if (a) activityType.set(key(event.eventId), a.activityType?.name ?? 'unknown');

    const started = event.activityTaskStartedEventAttributes;
    if (started) {
      const step = (figures.activities[activityType.get(key(started.scheduledEventId)) ?? 'unknown'] ??=
        emptyStep());
      step.queueSeconds += (time - (at.get(key(started.scheduledEventId)) ?? time)) / 1000;
      step.retries += Math.max(0, (started.attempt ?? 1) - 1);
    }
    const done = event.activityTaskCompletedEventAttributes;
    if (done) {
      const step = (figures.activities[activityType.get(key(done.scheduledEventId)) ?? 'unknown'] ??=
        emptyStep());
      step.count += 1;
      step.runSeconds += (time - (at.get(key(done.startedEventId)) ?? time)) / 1000;
    }
    const wftStarted = event.workflowTaskStartedEventAttributes;
    if (wftStarted)
      figures.workflowTasks.queueSeconds +=
        (time - (at.get(key(wftStarted.scheduledEventId)) ?? time)) / 1000;
    const wftDone = event.workflowTaskCompletedEventAttributes;
    if (wftDone) {
      figures.workflowTasks.count += 1;
      figures.workflowTasks.runSeconds += (time - (at.get(key(wftDone.startedEventId)) ?? time)) / 1000;
    }

    const attributes = Object.keys(event).find((k) => k.endsWith('EventAttributes')) ?? 'event';
    const scheduledId = (event as Record<string, { scheduledEventId?: unknown } | undefined>)[attributes]
      ?.scheduledEventId;
    const activity = a?.activityType?.name ?? activityType.get(key(scheduledId));
    const label = `${attributes.replace(/EventAttributes$/, '')}${activity ? ` (${activity})` : ''}`;
    visitPayloads((event as Record<string, unknown>)[attributes], label, (payload, where) => {
      figures.payloads += 1;
      const bytes = PAYLOAD.encode(payload).finish().length;
      if (!figures.largestPayload || bytes > figures.largestPayload.bytes)
        figures.largestPayload = { bytes, where };
    });
  }
}

export async function historyFigures(client: Client, workflowId: string): Promise<HistoryFigures> {
  const figures: HistoryFigures = {
    executions: 0,
    events: 0,
    historyBytes: 0,
    payloads: 0,
    largestPayload: null,
    activities: {},
    workflowTasks: emptyStep(),
  };
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    addHistory(history, figures);
    figures.executions += 1;
    runId =
      history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return figures;
}
