/**
 * Schedules on Temporal Schedules, through the API: create (every or cron), read with next run times,
 * trigger, pause and unpause, overlapping runs skipped, update, delete, list with the last run, and
 * every validation error. The Java time-skipping test server does not implement schedules
 * (CreateSchedule answers UNIMPLEMENTED), so these run on the dev server: runs are triggered rather
 * than awaited, and the one test of a schedule firing on its own uses a 2-second interval.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { deleteSchedule, describeSchedule, scheduleIdFor, upsertSchedule } from '../../client/schedules.js';
import { startApiHarness, type ApiHarness } from '../support/api-harness.js';
import { devServer } from '../support/temporal.js';
import {
  FINISHED,
  assertError,
  closeHarness,
  createIntegration,
  mapEntity,
  problems,
  runFinished,
  until,
  type Entity,
} from './helpers.js';

interface RunSummary {
  runId: string;
  trigger: string;
  status: string;
}

const MINUTE = 60_000;

describe('schedules', () => {
  let env: TestWorkflowEnvironment;
  let h: ApiHarness;
  let id: string;
  const url = (entity = 'companies', integrationId = id) =>
    `/api/integrations/${integrationId}/schedules/${entity}`;
  const runsOf = async (entity: Entity, integrationId = id): Promise<RunSummary[]> =>
    (await h.call('GET', `/api/runs?integrationId=${integrationId}&entity=${entity}`)).body.runs;

  before(async () => {
    env = await devServer();
    h = await startApiHarness(env, { cw: { counts: { companies: 10, agreements: 4, configurations: 60 } } });
    id = await createIntegration(h, 'Schedules');
    await mapEntity(h, id, 'companies');
    await mapEntity(h, id, 'agreements');
    await mapEntity(h, id, 'configurations', { pageSize: 5 });
  });
  after(async () => {
    if (h) {
      const all = (await h.call('GET', '/api/schedules')).body.schedules ?? [];
      for (const s of all as Array<{ integrationId: string; entity: string }>)
        await deleteSchedule(h.temporal.client, s.integrationId, s.entity);
    }
    await closeHarness(h);
    await env?.teardown();
  });

  describe('PUT …/schedules/:entity', () => {
    it('creates a schedule every 15 minutes; its next run times are 15 minutes apart', async () => {
      const res = await h.call('PUT', url('agreements'), { every: '15m' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.scheduleId, scheduleIdFor(id, 'agreements'));
      assert.equal(res.body.every, '15m');
      assert.equal(res.body.cron, undefined);
      assert.equal(res.body.mode, 'incremental');
      assert.equal(res.body.paused, false);
      const times = (res.body.nextRunTimes as string[]).map((t) => Date.parse(t));
      assert.equal(times.length, 5);
      assert.ok(times[0]! > Date.now() - 1000);
      for (let i = 1; i < times.length; i++) assert.equal(times[i]! - times[i - 1]!, 15 * MINUTE);
      assert.deepEqual(res.body.recentRuns, []);
      assert.equal(res.body.lastRun, null);
    });

    it('GET shows the schedule with its next run times', async () => {
      const put = await h.call('PUT', url('agreements'), { every: '15m' });
      const res = await h.call('GET', url('agreements'));
      assert.equal(res.status, 200);
      assert.equal(res.body.every, '15m');
      assert.deepEqual(res.body.nextRunTimes, put.body.nextRunTimes);
    });

    it('creates a cron schedule in a time zone; its next run times fall on the cron line there', async () => {
      const res = await h.call('PUT', url('agreements'), { cron: '30 3 * * *', timezone: 'Asia/Tokyo' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.cron, '30 3 * * *');
      assert.equal(res.body.every, undefined, 'a cron line replaces the interval');
      assert.equal(res.body.timezone, 'Asia/Tokyo');
      const times = (res.body.nextRunTimes as string[]).map((t) => new Date(t));
      assert.equal(times.length, 5);
      for (const t of times) {
        // 03:30 in Tokyo (UTC+9, no daylight saving) is 18:30 UTC.
        assert.equal(t.getUTCHours(), 18, t.toISOString());
        assert.equal(t.getUTCMinutes(), 30, t.toISOString());
      }
      for (let i = 1; i < times.length; i++)
        assert.equal(times[i]!.getTime() - times[i - 1]!.getTime(), 24 * 60 * MINUTE);
    });

    it('PUT again changes the interval and the mode', async () => {
      await h.call('PUT', url('agreements'), { every: '15m' });
      const res = await h.call('PUT', url('agreements'), { every: '1h', mode: 'full' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const read = (await h.call('GET', url('agreements'))).body;
      assert.equal(read.every, '1h');
      assert.equal(read.mode, 'full');
      const times = (read.nextRunTimes as string[]).map((t) => Date.parse(t));
      assert.equal(times[1]! - times[0]!, 60 * MINUTE);
      const description = await describeSchedule(h.temporal.client, id, 'agreements');
      assert.ok(description?.action.type === 'startWorkflow');
      assert.deepEqual(description.action.args, [
        { integrationId: id, entity: 'agreements', mode: 'full', trigger: 'schedule' },
      ]);
    });

    it('creates a schedule paused when asked to', async () => {
      const res = await h.call('PUT', url('companies'), { every: '1d', paused: true });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.paused, true);
      await h.call('DELETE', url('companies'));
    });

    it('refuses an entity without a mapping with 422', async () => {
      const error = assertError(await h.call('PUT', url('tickets'), { every: '1h' }), 422, 'mapping_missing');
      assert.match(error.message, /mappings\/tickets/);
      assert.equal(await describeSchedule(h.temporal.client, id, 'tickets'), undefined);
    });

    const invalid: Array<{ what: string; body: unknown; path: string; message?: RegExp }> = [
      {
        what: 'both every and cron',
        body: { every: '1h', cron: '0 * * * *' },
        path: 'every',
        message: /exactly one/,
      },
      { what: 'neither every nor cron', body: { mode: 'full' }, path: 'every', message: /exactly one/ },
      {
        what: 'an interval below 1m',
        body: { every: '30s' },
        path: 'every',
        message: /shortest interval is 1m/,
      },
      { what: 'an interval that is not a duration', body: { every: 'hourly' }, path: 'every' },
      {
        what: 'a cron line without five fields',
        body: { cron: '0 * * *' },
        path: 'cron',
        message: /5-field/,
      },
      {
        what: 'a cron line with a minute out of range',
        body: { cron: '61 * * * *' },
        path: 'cron',
        message: /Minute/,
      },
      {
        what: 'a cron line of five words',
        body: { cron: 'a b c d e' },
        path: 'cron',
      },
      { what: 'an unknown time zone', body: { every: '1h', timezone: 'Mars/Olympus' }, path: 'timezone' },
      { what: 'an unknown mode', body: { every: '1h', mode: 'sometimes' }, path: 'mode' },
      { what: 'an unknown key', body: { every: '1h', at: 'noon' }, path: '(body)' },
    ];
    for (const c of invalid)
      it(`refuses ${c.what} with 400 naming ${c.path}, and creates nothing`, async () => {
        const error = assertError(await h.call('PUT', url('configurations'), c.body), 400, 'invalid_request');
        const found = problems(error).find((p) => p.path === c.path);
        assert.ok(found, `a problem at ${c.path}: ${JSON.stringify(error.details)}`);
        if (c.message) assert.match(found.message, c.message);
        assert.equal(await describeSchedule(h.temporal.client, id, 'configurations'), undefined);
      });

    it('answers 404 for an unknown integration', async () => {
      assertError(await h.call('PUT', url('companies', 'no-such-id'), { every: '1h' }), 404, 'not_found');
    });

    it('answers 404 for an unknown entity in the path', async () => {
      assertError(await h.call('PUT', url('widgets'), { every: '1h' }), 404, 'not_found');
    });
  });

  describe('GET and DELETE …/schedules/:entity', () => {
    it('GET answers 404 for an entity without a schedule', async () => {
      assertError(await h.call('GET', url('tickets')), 404, 'not_found');
    });

    it('GET answers 404 for an unknown integration', async () => {
      assertError(await h.call('GET', url('companies', 'no-such-id')), 404, 'not_found');
    });

    it('DELETE removes the schedule (204) from the API and from Temporal', async () => {
      await h.call('PUT', url('companies'), { every: '1h' });
      const res = await h.call('DELETE', url('companies'));
      assert.equal(res.status, 204);
      assertError(await h.call('GET', url('companies')), 404, 'not_found');
      assert.equal(await describeSchedule(h.temporal.client, id, 'companies'), undefined);
    });

    it('DELETE answers 404 for an entity without a schedule', async () => {
      assertError(await h.call('DELETE', url('tickets')), 404, 'not_found');
    });

    it('deleting an integration deletes its schedules', async () => {
      const other = await createIntegration(h, 'Scheduled then deleted');
      await mapEntity(h, other, 'agreements');
      assert.equal((await h.call('PUT', url('agreements', other), { every: '1h' })).status, 200);
      assert.equal((await h.call('DELETE', `/api/integrations/${other}`)).status, 204);
      assert.equal(await describeSchedule(h.temporal.client, other, 'agreements'), undefined);
      const listed = (await h.call('GET', '/api/schedules')).body.schedules as Array<{
        integrationId: string;
      }>;
      assert.ok(!listed.some((s) => s.integrationId === other));
    });
  });

  describe('pause, unpause and trigger', () => {
    before(async () => {
      await h.call('PUT', url('companies'), { every: '1d', mode: 'full' });
    });

    it('pause: GET shows the schedule paused', async () => {
      const res = await h.call('POST', `${url()}/pause`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.paused, true);
      assert.equal(res.body.note, 'paused through the API');
      assert.equal((await h.call('GET', url())).body.paused, true);
    });

    it('unpause: GET shows the schedule running again', async () => {
      const res = await h.call('POST', `${url()}/unpause`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.paused, false);
      assert.equal((await h.call('GET', url())).body.paused, false);
    });

    it('trigger: a scheduled run starts now and completes', async () => {
      const res = await h.call('POST', `${url()}/trigger`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const run = await until('a scheduled run', async () =>
        (await runsOf('companies')).find((r) => r.trigger === 'schedule'),
      );
      assert.match(run.runId, new RegExp(`^sync-${id}-companies-scheduled-`));
      const finished = await runFinished(h, run.runId);
      assert.equal(finished.status, 'completed', JSON.stringify(finished));
      assert.equal(finished.mode, 'full');
    });

    it('GET shows the last run and the recent runs after a trigger', async () => {
      const [run] = await runsOf('companies');
      assert.ok(run && FINISHED.includes(run.status));
      const res = await h.call('GET', url());
      assert.equal(res.body.lastRun.runId, run.runId);
      assert.equal(res.body.lastRun.status, 'completed');
      assert.ok(res.body.lastRun.stats.created > 0);
      assert.ok(res.body.recentRuns.some((r: { runId: string }) => r.runId === run.runId));
    });

    it('GET /api/schedules lists the schedules of an integration with their last run', async () => {
      const res = await h.call('GET', `/api/schedules?integrationId=${id}`);
      assert.equal(res.status, 200);
      const schedules = res.body.schedules as Array<{
        integrationId: string;
        entity: string;
        lastRun: { status: string } | null;
        nextRunTimes: string[];
      }>;
      assert.ok(schedules.every((s) => s.integrationId === id));
      const companies = schedules.find((s) => s.entity === 'companies');
      assert.equal(companies?.lastRun?.status, 'completed');
      assert.equal(companies?.nextRunTimes.length, 5);
      assert.ok(schedules.some((s) => s.entity === 'agreements'));
    });

    it('GET /api/schedules without a filter lists schedules of every integration', async () => {
      const other = await createIntegration(h, 'Second scheduled');
      await mapEntity(h, other, 'agreements');
      await h.call('PUT', url('agreements', other), { every: '1h' });
      const listed = (await h.call('GET', '/api/schedules')).body.schedules as Array<{
        integrationId: string;
      }>;
      assert.ok(listed.some((s) => s.integrationId === id));
      assert.ok(listed.some((s) => s.integrationId === other));
      const filtered = (await h.call('GET', `/api/schedules?integrationId=${other}`)).body.schedules;
      assert.equal(filtered.length, 1);
    });

    for (const action of ['pause', 'unpause', 'trigger'])
      it(`${action} answers 404 for an entity without a schedule`, async () => {
        assertError(await h.call('POST', `${url('tickets')}/${action}`), 404, 'not_found');
      });
  });

  it('a trigger while a scheduled run is going is skipped (overlap policy)', async () => {
    await h.call('PUT', url('configurations'), { every: '1d', mode: 'full' });
    h.cw.admin.setLatency(250);
    try {
      assert.equal((await h.call('POST', `${url('configurations')}/trigger`)).status, 200);
      assert.equal((await h.call('POST', `${url('configurations')}/trigger`)).status, 200);
      const info = await until('the second trigger to be skipped', async () => {
        const d = await describeSchedule(h.temporal.client, id, 'configurations');
        return d && d.info.numActionsSkippedOverlap >= 1 ? d.info : undefined;
      });
      assert.equal(info.numActionsTaken, 1);
      const [run, ...others] = await until('the scheduled run', async () => {
        const runs = await runsOf('configurations');
        return runs.length > 0 ? runs : undefined;
      });
      assert.deepEqual(others, []);
      assert.equal((await runFinished(h, run!.runId)).status, 'completed');
      assert.equal((await runsOf('configurations')).length, 1, 'the skipped trigger never ran');
    } finally {
      h.cw.admin.setLatency(0);
    }
  });

  it('a schedule fires on its own at its interval (client/schedules.ts, 2-second interval)', async () => {
    // The API refuses intervals under 1m; the schedule code below it takes any, which lets this test
    // see real firings in seconds. Each firing is an ordinary, schedule-triggered run.
    const other = await createIntegration(h, 'Fires on its own');
    await mapEntity(h, other, 'agreements');
    try {
      await upsertSchedule(
        h.temporal.client,
        other,
        'agreements',
        { every: '2s', mode: 'incremental' },
        h.settings.env.TEMPORAL_TASK_QUEUE,
      );
      const runs = await until('two scheduled runs', async () => {
        const list = await runsOf('agreements', other);
        return list.filter((r) => r.status === 'completed').length >= 2 ? list : undefined;
      });
      assert.ok(runs.every((r) => r.trigger === 'schedule'));
      const description = await describeSchedule(h.temporal.client, other, 'agreements');
      const scheduled = description!.info.recentActions.map((a) => a.scheduledAt.getTime());
      for (let i = 1; i < scheduled.length; i++) assert.equal((scheduled[i]! - scheduled[i - 1]!) % 2000, 0);
    } finally {
      await deleteSchedule(h.temporal.client, other, 'agreements');
    }
  });
});
