import assert from 'node:assert/strict';
import { it } from 'node:test';
import { mappingSpecSchema } from '../../mapping/spec.js';
import { StoreCallBudget } from '../../store/call-budget.js';
import { describeOnEngines } from '../support/engines.js';

const spec = (groupId: number, extra: object = {}) =>
  mappingSpecSchema.parse({ groupId, uniqueKey: { source: 'id', target: 'field_1' }, ...extra });

const integrationInput = {
  name: 'Acme MSP',
  connectwise: { url: 'https://cw.example.com', companyId: 'acme', clientId: 'c1', selfHosted: true },
  assetPanda: { url: 'https://api.assetpanda.com', email: 'ops@example.com', authMode: 'password' as const },
  secrets: {
    connectwise: { publicKey: 'PUB-123', privateKey: 'PRIV-SECRET-456' },
    assetPanda: { password: 'hunter2-pw' },
  },
};

describeOnEngines('the store', (getStore) => {
  it('keeps integration secrets encrypted at rest and returns them only through loadSecrets', async () => {
    const store = getStore();
    const created = await store.integrations.create(integrationInput);
    const row = await store.db.db
      .selectFrom('integrations')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    const everything = JSON.stringify(row);
    for (const secret of ['PUB-123', 'PRIV-SECRET-456', 'hunter2-pw'])
      assert.ok(!everything.includes(secret), `${secret} in plain text`);
    assert.deepEqual(await store.integrations.loadSecrets(created.id), integrationInput.secrets);
    const fetched = await store.integrations.get(created.id);
    assert.ok(fetched && !JSON.stringify(fetched).includes('PRIV-SECRET-456'));
  });

  it('refuses secrets copied onto another integration (bound to their row)', async () => {
    const store = getStore();
    const a = await store.integrations.create(integrationInput);
    const b = await store.integrations.create({ ...integrationInput, name: 'other' });
    const rowA = await store.db.db
      .selectFrom('integrations')
      .select('secrets')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    await store.db.db
      .updateTable('integrations')
      .set({ secrets: rowA.secrets })
      .where('id', '=', b.id)
      .execute();
    await assert.rejects(store.integrations.loadSecrets(b.id), /cannot be decrypted/);
  });

  it('resets the cursor when a mapping changes and forgets identities when its group changes', async () => {
    const store = getStore();
    const { id } = await store.integrations.create(integrationInput);
    await store.mappings.put(id, 'configurations', spec(1002));
    await store.runs.start({
      runId: 'r1',
      integrationId: id,
      entity: 'configurations',
      mode: 'full',
      trigger: 'api',
      cursorFrom: null,
    });
    await store.staging.writeResults('p1', id, 'configurations', [
      {
        cwId: 1,
        groupId: 1002,
        apObjectId: 'a'.repeat(24),
        uniqueValue: '1',
        hash: 'h1',
        outcome: 'created',
        archived: false,
      },
    ]);
    await store.checkpoints.commit({
      runId: 'r1',
      integrationId: id,
      entity: 'configurations',
      seq: 1,
      resultPageId: 'p1',
      stagedPageIds: [],
      cursor: { lastUpdated: '2025-01-01T00:00:00Z', lastId: 1 },
      stats: { created: 1, fetched: 1 },
    });
    assert.deepEqual(await store.mappings.cursor(id, 'configurations'), {
      lastUpdated: '2025-01-01T00:00:00Z',
      lastId: 1,
    });

    await store.mappings.put(id, 'configurations', spec(1002)); // same spec: cursor kept
    assert.ok(await store.mappings.cursor(id, 'configurations'));
    await store.mappings.put(
      id,
      'configurations',
      spec(1002, { filters: [{ field: 'name', op: '=', value: 'x' }] }),
    );
    assert.equal(await store.mappings.cursor(id, 'configurations'), undefined);
    assert.equal(await store.identity.count(id, 'configurations'), 1);
    await store.mappings.put(id, 'configurations', spec(2000));
    assert.equal(await store.identity.count(id, 'configurations'), 0);
  });

  it('commits a page once: identity map, cursor and counts together, a repeat is a no-op', async () => {
    const store = getStore();
    const { id } = await store.integrations.create(integrationInput);
    await store.runs.start({
      runId: 'run-a',
      integrationId: id,
      entity: 'companies',
      mode: 'incremental',
      trigger: 'api',
      cursorFrom: null,
    });
    const staged = await store.staging.stage('run-a', 'mapped', { records: [1, 2] }, 2);
    await store.identity.recordIntents(id, 'companies', 'run-a', [{ cwId: 10, uniqueValue: '10' }]);
    await store.staging.writeResults('page-1', id, 'companies', [
      {
        cwId: 10,
        groupId: 1001,
        apObjectId: 'b'.repeat(24),
        uniqueValue: '10',
        hash: 'h10',
        outcome: 'created',
        archived: false,
      },
      {
        cwId: 11,
        groupId: 1001,
        apObjectId: null,
        uniqueValue: '11',
        hash: null,
        outcome: 'failed',
        archived: false,
      },
    ]);
    const input = {
      runId: 'run-a',
      integrationId: id,
      entity: 'companies',
      seq: 1,
      resultPageId: 'page-1',
      stagedPageIds: [staged],
      cursor: { lastUpdated: '2025-02-02T00:00:00Z', lastId: 11 },
      stats: { fetched: 2, created: 1, failed: 1 },
    };
    assert.deepEqual(await store.checkpoints.commit(input), { committed: true });
    assert.deepEqual(await store.checkpoints.commit(input), { committed: false });
    const identities = await store.identity.byCwIds(id, 'companies', [10, 11]);
    assert.equal(identities.get(10)?.apObjectId, 'b'.repeat(24));
    assert.equal(identities.get(10)?.seenRun, 'run-a');
    assert.equal(identities.has(11), false, 'a failed create has no object to remember');
    assert.deepEqual(await store.identity.intents(id, 'companies'), []);
    assert.equal((await store.staging.results('page-1')).size, 0);
    await assert.rejects(store.staging.read(staged), /not in the store/);
    const run = await store.runs.get('run-a');
    assert.deepEqual([run?.stats.created, run?.stats.failed, run?.stats.fetched, run?.pages], [1, 1, 2, 1]);
  });

  it('lists live objects a full run did not see, for archiving', async () => {
    const store = getStore();
    const { id } = await store.integrations.create(integrationInput);
    const results = [1, 2, 3].map((n) => ({
      cwId: n,
      groupId: 1,
      apObjectId: String(n).repeat(24),
      uniqueValue: String(n),
      hash: 'h',
      outcome: 'created' as const,
      archived: false,
    }));
    await store.staging.writeResults('p', id, 'agreements', results);
    await store.checkpoints.commit({
      runId: 'old',
      integrationId: id,
      entity: 'agreements',
      seq: 1,
      resultPageId: 'p',
      stagedPageIds: [],
      stats: {},
    });
    await store.staging.writeResults('q', id, 'agreements', results.slice(0, 2));
    await store.checkpoints.commit({
      runId: 'new',
      integrationId: id,
      entity: 'agreements',
      seq: 1,
      resultPageId: 'q',
      stagedPageIds: [],
      stats: {},
    });
    assert.deepEqual(
      (await store.identity.notSeenSince(id, 'agreements', 'new', 10)).map((i) => i.cwId),
      [3],
    );
    await store.identity.markArchived(id, 'agreements', [3]);
    assert.equal(await store.identity.countNotSeenSince(id, 'agreements', 'new'), 0);
  });

  it('records each quarantined record once per run and stage', async () => {
    const store = getStore();
    const entry = { cwId: 5, stage: 'map' as const, reason: 'bad date' };
    await store.quarantine.add('qr', 'i', 'companies', [entry]);
    await store.quarantine.add('qr', 'i', 'companies', [entry]);
    const { entries, total } = await store.quarantine.forRun('qr');
    assert.equal(total, 1);
    assert.equal(entries[0]?.reason, 'bad date');
  });

  it('gives a mapping lock to one run at a time', async () => {
    const store = getStore();
    assert.deepEqual(await store.locks.acquire('i', 'tickets', 'run-1'), { acquired: true });
    assert.deepEqual(await store.locks.acquire('i', 'tickets', 'run-1'), { acquired: true });
    assert.deepEqual(await store.locks.acquire('i', 'tickets', 'run-2'), {
      acquired: false,
      holder: 'run-1',
    });
    assert.equal(await store.locks.takeOver('i', 'tickets', 'run-1', 'run-2'), true);
    await store.locks.release('i', 'tickets', 'run-2');
    assert.equal(await store.locks.holder('i', 'tickets'), undefined);
  });

  it('lists runs newest first with filters and paging', async () => {
    const store = getStore();
    for (const n of [1, 2, 3])
      await store.runs.start({
        runId: `list-${n}`,
        integrationId: 'L',
        entity: n === 3 ? 'tickets' : 'companies',
        mode: 'full',
        trigger: 'api',
        cursorFrom: null,
      });
    await store.runs.finish('list-1', 'completed', null);
    const page = await store.runs.list({ integrationId: 'L', entity: 'companies', limit: 1 });
    assert.equal(page.total, 2);
    assert.equal(page.runs.length, 1);
    const done = await store.runs.list({ integrationId: 'L', status: 'completed' });
    assert.deepEqual(
      done.runs.map((r) => r.runId),
      ['list-1'],
    );
    await store.runs.finish('list-1', 'failed', 'again');
    assert.equal((await store.runs.get('list-1'))?.status, 'completed', 'finishing twice changes nothing');
  });

  it('holds a call budget: N calls at once, then waits, then refuses to wait too long', async () => {
    const store = getStore();
    const waits: number[] = [];
    const budget = new StoreCallBudget(store.db, {
      key: `b-${Math.random()}`,
      target: 'assetpanda',
      calls: 3,
      // Long enough that three store transactions on a loaded machine still fit in one window.
      windowMs: 3000,
      onWait: (ms) => waits.push(ms),
    });
    const started = Date.now();
    for (let i = 0; i < 4; i++) await budget.take();
    assert.ok(Date.now() - started >= 2500, 'the fourth call waited for the window');
    assert.equal(waits.length >= 1, true);
    const impatient = new StoreCallBudget(store.db, {
      key: `c-${Math.random()}`,
      target: 'assetpanda',
      calls: 1,
      windowMs: 10_000,
      maxWaitMs: 50,
    });
    await impatient.take();
    await assert.rejects(impatient.take(), (err: unknown) => {
      const e = err as { kind?: string; retryAfterMs?: number };
      return e.kind === 'budget_exhausted' && (e.retryAfterMs ?? 0) > 9000;
    });
  });
});
