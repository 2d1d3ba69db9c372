/**
 * The client against scripted servers: the documented vendor behaviours a simulator may not reproduce.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { CallBudget } from '../../connectors/call-budget.js';
import { ConnectorError } from '../../connectors/errors.js';
import type { CallEvent } from '../../connectors/observer.js';
import { discoverCompanyInfo } from '../../connectors/connectwise/codebase.js';
import { createConnectWiseClient, testConnectWiseConnection } from '../../connectors/connectwise/index.js';
import type { HttpResponse, Send } from '../../connectors/connectwise/requester.js';
import { resolveSiteUrl } from '../../connectors/connectwise/url.js';
import { json, settingsFor, startStub, type Stub, type StubHandler } from './support/stub-server.js';

const stubs: Stub[] = [];
after(async () => {
  await Promise.all(stubs.map((s) => s.close()));
});

async function stub(handler: StubHandler): Promise<Stub> {
  const s = await startStub(handler);
  stubs.push(s);
  return s;
}

/** A site at codebase `v2025_1/` answering every collection with the given records. */
function cloudSite(
  codebase: () => string,
  collection: StubHandler = (_req, res) => json(res, 200, []),
): StubHandler {
  return (req, res) => {
    if (req.url.pathname === '/login/companyinfo/acme') {
      json(res, 200, {
        CompanyName: 'Acme',
        Codebase: codebase(),
        VersionCode: 'v2025.1',
        CompanyID: 'acme',
        IsCloud: 'True',
      });
    } else if (req.url.pathname.startsWith(`/${codebase()}apis/3.0/`)) {
      collection(req, res);
    } else {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html>not here</html>');
    }
  };
}

async function rejectsWith(
  promise: Promise<unknown>,
  kind: string,
  pattern?: RegExp,
): Promise<ConnectorError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ConnectorError, String(err));
    assert.equal(err.kind, kind, err.message);
    assert.equal(err.target, 'connectwise');
    if (pattern) assert.match(err.message, pattern);
    return err;
  }
  assert.fail(`expected a ${kind} error`);
}

function assertNoSecrets(err: unknown): void {
  const text = [
    err instanceof Error ? err.message : '',
    err instanceof Error ? (err.stack ?? '') : '',
    JSON.stringify(err),
    err instanceof Error ? String(err.cause) : '',
  ].join('\n');
  const basic = Buffer.from('acme+PUBKEY123:PRIVATE-s3cr3t-KEY').toString('base64');
  assert.doesNotMatch(text, /PRIVATE-s3cr3t-KEY/);
  assert.ok(!text.includes(basic), 'the Authorization header leaked');
}

describe('requests', () => {
  it('sends Basic companyId+publicKey:privateKey, the clientId and the pinned model version; discovery is unauthenticated', async () => {
    const s = await stub(cloudSite(() => 'v2025_1/'));
    const client = await createConnectWiseClient(settingsFor(s.url, { apiVersion: '2024.1' }));
    await client.list('companies', { pageSize: 5 });
    const [discovery, list] = s.requests;
    assert.equal(discovery?.url.pathname, '/login/companyinfo/acme');
    assert.equal(discovery?.headers.authorization, undefined);
    assert.equal(list?.url.pathname, '/v2025_1/apis/3.0/company/companies');
    const expected = `Basic ${Buffer.from('acme+PUBKEY123:PRIVATE-s3cr3t-KEY').toString('base64')}`;
    assert.equal(list?.headers.authorization, expected);
    assert.equal(list?.headers.clientid, '3a5b2c1d-0000-4000-8000-00000000c0de');
    assert.equal(list?.headers.accept, 'application/vnd.connectwise.com+json; version=2024.1');
    assert.equal(client.site.codebase, 'v2025_1/');
    assert.equal(client.site.isCloud, true);
  });

  it('asks for model version 2025.1 when none is pinned', async () => {
    const s = await stub(cloudSite(() => 'v2025_1/'));
    const client = await createConnectWiseClient(settingsFor(s.url));
    await client.count('companies').catch(() => undefined);
    assert.equal(s.requests.at(-1)?.headers.accept, 'application/vnd.connectwise.com+json; version=2025.1');
  });

  it('self-hosted skips discovery and uses v4_6_release/; a pinned codebase skips it too', async () => {
    const s = await stub((req, res) =>
      json(res, 200, req.url.pathname.endsWith('/count') ? { count: 3 } : []),
    );
    const selfHosted = await createConnectWiseClient(settingsFor(s.url, { selfHosted: true }));
    assert.equal(await selfHosted.count('tickets'), 3);
    const pinned = await createConnectWiseClient(settingsFor(s.url, { codebase: 'v2099_9' }));
    await pinned.list('catalog');
    assert.deepEqual(
      s.requests.map((r) => r.url.pathname),
      ['/v4_6_release/apis/3.0/service/tickets/count', '/v2099_9/apis/3.0/procurement/catalog'],
    );
  });

  it('takes a budget slot before every request and reports every call to the observer', async () => {
    const s = await stub(
      cloudSite(
        () => 'v2025_1/',
        (_req, res) => json(res, 500, { code: 'Boom' }),
      ),
    );
    let taken = 0;
    const budget: CallBudget = { take: async () => void (taken += 1) };
    const events: CallEvent[] = [];
    const client = await createConnectWiseClient(settingsFor(s.url), {
      budget,
      observer: (e) => events.push(e),
    });
    await rejectsWith(
      client.list('companies', { conditions: { field: 'name', op: '=', value: 'x' } }),
      'server_error',
    );
    assert.equal(taken, 2);
    assert.deepEqual(
      events.map((e) => [e.target, e.method, e.path, e.status]),
      [
        ['connectwise', 'GET', '/login/companyinfo/acme', 200],
        ['connectwise', 'GET', '/v2025_1/apis/3.0/company/companies', 500],
      ],
    );
    assert.ok(events.every((e) => typeof e.ms === 'number' && e.ms >= 0));
  });

  it('an exhausted budget stops the call before it is sent, with the budget’s own retryable error', async () => {
    const s = await stub(cloudSite(() => 'v2025_1/'));
    const client = await createConnectWiseClient(settingsFor(s.url), {
      budget: {
        take: async () => {
          if (s.requests.length > 0) {
            throw new ConnectorError({
              target: 'connectwise',
              kind: 'budget_exhausted',
              retryable: true,
              retryAfterMs: 5000,
              message: 'connectwise call budget is used up',
            });
          }
        },
      },
    });
    const err = await rejectsWith(client.count('companies'), 'budget_exhausted');
    assert.equal(err.retryAfterMs, 5000);
    assert.equal(s.requests.length, 1, 'only the discovery call went out');
  });

  it('cancelling the signal aborts the request in flight with the signal’s reason', async () => {
    const s = await stub((req, res) => {
      if (req.url.pathname.startsWith('/login/')) json(res, 200, { Codebase: 'v2025_1/' });
    });
    const controller = new AbortController();
    const client = await createConnectWiseClient(settingsFor(s.url), { signal: controller.signal });
    const reason = new Error('activity cancelled');
    setTimeout(() => controller.abort(reason), 30);
    await assert.rejects(client.count('companies'), (err: unknown) => err === reason);
  });

  it('refuses a URL over 2000 characters before anything is sent', async () => {
    const s = await stub(cloudSite(() => 'v2025_1/'));
    const client = await createConnectWiseClient(settingsFor(s.url));
    const ids = Array.from({ length: 500 }, (_, i) => i + 1);
    await rejectsWith(
      client.list('tickets', { conditions: { field: 'id', op: 'in', value: ids } }),
      'bad_request',
      /at most 2000.*conditions/,
    );
    assert.equal(s.requests.length, 1, 'only the discovery call');
  });
});

describe('codebase discovery', () => {
  it('re-discovers once after an unexpected 404 and follows a moved codebase', async () => {
    let codebase = 'v2024_1/';
    const s = await stub(
      cloudSite(
        () => codebase,
        (_req, res) => json(res, 200, [{ id: 1 }]),
      ),
    );
    const client = await createConnectWiseClient(settingsFor(s.url));
    assert.equal((await client.list('companies')).records.length, 1);
    codebase = 'v2025_1/';
    const page = await client.list('companies');
    assert.equal(page.records.length, 1);
    assert.equal(client.site.codebase, 'v2025_1/');
    assert.deepEqual(
      s.requests.map((r) => r.url.pathname),
      [
        '/login/companyinfo/acme',
        '/v2024_1/apis/3.0/company/companies',
        '/v2024_1/apis/3.0/company/companies',
        '/login/companyinfo/acme',
        '/v2025_1/apis/3.0/company/companies',
      ],
    );
  });

  it('a 404 that survives re-discovery is not_found, and re-discovery is not repeated at once', async () => {
    const s = await stub(
      cloudSite(
        () => 'v2025_1/',
        (_req, res) => json(res, 404, { code: 'NotFound', message: 'Company with id 77 not found' }),
      ),
    );
    const client = await createConnectWiseClient(settingsFor(s.url));
    await rejectsWith(client.get('companies', 77), 'not_found', /no Companies record with id 77.*deleted/);
    await rejectsWith(client.get('companies', 78), 'not_found');
    const discoveries = s.requests.filter((r) => r.url.pathname.startsWith('/login/')).length;
    assert.equal(discoveries, 2, 'creation + one re-discovery');
  });

  it('parses IsCloud leniently and falls back to v4_6_release/ without a codebase', async () => {
    const s = await stub((req, res) => {
      if (req.url.pathname.startsWith('/login/')) json(res, 200, { CompanyName: 'Acme', IsCloud: false });
      else json(res, 200, []);
    });
    const client = await createConnectWiseClient(settingsFor(s.url));
    assert.equal(client.site.codebase, 'v4_6_release/');
    assert.equal(client.site.isCloud, false);
  });

  it('a null companyinfo body means an unknown company', async () => {
    const s = await stub((_req, res) => json(res, 200, null));
    await rejectsWith(
      createConnectWiseClient(settingsFor(s.url)),
      'unknown_company',
      /does not know the company ID "acme".*login screen/,
    );
  });

  it('a non-cloud host without the lookup (404 or not JSON) falls back to v4_6_release/', async () => {
    const lookup: Record<string, StubHandler> = {
      missing: (_req, res) => json(res, 404, { code: 'NotFound' }),
      html: (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>welcome</html>');
      },
    };
    for (const [name, answer] of Object.entries(lookup)) {
      const s = await stub((req, res) => {
        if (req.url.pathname.startsWith('/login/')) answer(req, res);
        else if (req.url.pathname.startsWith('/v4_6_release/apis/3.0/')) json(res, 200, [{ id: 1 }]);
        else json(res, 404, { code: 'NotFound' });
      });
      const client = await createConnectWiseClient(settingsFor(s.url));
      assert.equal(client.site.codebase, 'v4_6_release/', name);
      assert.equal(client.site.discovered, false, name);
      assert.equal((await client.list('companies')).records.length, 1, name);
      const tested = await testConnectWiseConnection(settingsFor(s.url), ['companies']);
      assert.equal(tested.ok, true, name);
      assert.equal(tested.site?.codebase, 'v4_6_release/', name);
    }
  });

  it('an address that is not ConnectWise at all fails at the first read, saying v4_6_release/ was assumed', async () => {
    const s = await stub((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html>no such page</html>');
    });
    const client = await createConnectWiseClient(settingsFor(s.url));
    await rejectsWith(
      client.list('companies'),
      'not_found',
      /no Companies endpoint .*did not answer the company lookup, so v4_6_release\/ was assumed/,
    );
  });

  it('an address that answers HTML everywhere is a config error, not something to retry', async () => {
    const s = await stub((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>welcome</html>');
    });
    const client = await createConnectWiseClient(settingsFor(s.url));
    const err = await rejectsWith(client.list('companies'), 'config', /does not look like a ConnectWise API/);
    assert.equal(err.retryable, false);
  });

  it('on a ConnectWise cloud host a missing or non-JSON lookup stays a config error naming the URL', async () => {
    const site = resolveSiteUrl('na.myconnectwise.net');
    assert.equal(site.cloudHost, true);
    const answers: HttpResponse[] = [
      { status: 404, headers: {}, text: '{}' },
      { status: 200, headers: { 'content-type': 'text/html' }, text: '<html>welcome</html>' },
    ];
    for (const answer of answers) {
      const send: Send = async () => answer;
      const err = await rejectsWith(
        discoverCompanyInfo(send, site, 'acme'),
        'config',
        /https:\/\/api-na\.myconnectwise\.net does not look like a ConnectWise site/,
      );
      assert.equal(err.retryable, false);
    }
  });

  it('a JSON null lookup answer is an unknown company on a non-cloud host too, never a fallback', async () => {
    const site = resolveSiteUrl('https://cw.example.com');
    assert.equal(site.cloudHost, false);
    const send: Send = async () => ({ status: 200, headers: {}, text: 'null' });
    await rejectsWith(discoverCompanyInfo(send, site, 'acme'), 'unknown_company');
  });
});

describe('responses', () => {
  it('"SSL is required." is reported as such by test connection', async () => {
    const s = await stub(
      cloudSite(
        () => 'v2025_1/',
        (_req, res) => json(res, 403, { code: 'Security', message: 'SSL is required.', errors: null }),
      ),
    );
    const result = await testConnectWiseConnection(settingsFor(s.url), ['companies']);
    assert.equal(result.ok, false);
    assert.equal(result.problem?.kind, 'ssl_required');
    assert.match(result.problem?.message ?? '', /https/);
  });

  it('does not follow a redirect (the keys would go with it)', async () => {
    const target = await stub((_req, res) => json(res, 200, []));
    const s = await stub(
      cloudSite(
        () => 'v2025_1/',
        (_req, res) => {
          res.writeHead(302, { location: `${target.url}/elsewhere` });
          res.end();
        },
      ),
    );
    const client = await createConnectWiseClient(settingsFor(s.url));
    await rejectsWith(client.list('companies'), 'config', /redirect/);
    assert.equal(target.requests.length, 0);
  });

  it('a 2xx HTML page from the edge is a retryable invalid response', async () => {
    const s = await stub(
      cloudSite(
        () => 'v2025_1/',
        (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end('<html>Checking your browser</html>');
        },
      ),
    );
    const client = await createConnectWiseClient(settingsFor(s.url));
    const err = await rejectsWith(client.list('companies'), 'invalid_response', /not JSON \(text\/html\)/);
    assert.equal(err.retryable, true);
  });

  it('an oddly typed documented field does not fail the page: the record comes with the value as sent', async () => {
    const odd = {
      id: 5,
      name: 'Secret Name',
      serialNumber: 12345,
      ram: 8,
      status: { id: '3' },
      company: 5,
      _info: { lastUpdated: '2024-01-01T00:00:00Z' },
    };
    const s = await stub(
      cloudSite(
        () => 'v2025_1/',
        (req, res) =>
          json(res, 200, req.url.pathname.endsWith('/5') ? odd : [odd, { id: '6', name: 'Fine' }]),
      ),
    );
    const client = await createConnectWiseClient(settingsFor(s.url));
    const page = await client.list('configurations');
    assert.deepEqual(page.records, [odd, { id: 6, name: 'Fine' }]);
    assert.deepEqual(await client.get('configurations', 5), odd);
  });

  it('an unreadable id or _info fails the page, naming the record and field but not values', async () => {
    const s = await stub(
      cloudSite(
        () => 'v2025_1/',
        (req, res) =>
          json(
            res,
            200,
            req.url.pathname.endsWith('/companies')
              ? [{ id: 5, name: 'Secret Name', deletedFlag: 'maybe', _info: 'x' }]
              : [{ id: 'five', name: 'Secret Name' }],
          ),
      ),
    );
    const client = await createConnectWiseClient(settingsFor(s.url));
    const info = await rejectsWith(client.list('companies'), 'invalid_response', /id 5.*_info/);
    assert.equal(info.retryable, false);
    assert.doesNotMatch(info.message, /maybe|Secret Name|deletedFlag/);
    const id = await rejectsWith(client.list('tickets'), 'invalid_response', /id five.*position 0.*id:/);
    assert.doesNotMatch(id.message, /Secret Name/);
  });

  it('reads hasMore from the Link header', async () => {
    const s = await stub(
      cloudSite(
        () => 'v2025_1/',
        (req, res) =>
          json(res, 200, [{ id: 1 }], {
            link: `<${req.url.origin}/x?page=2&pageSize=1>; rel="next", <${req.url.origin}/x?page=9&pageSize=1>; rel="last"`,
          }),
      ),
    );
    const client = await createConnectWiseClient(settingsFor(s.url));
    const page = await client.list('companies', { pageSize: 1, orderBy: 'id asc', fields: ['id', 'name'] });
    assert.equal(page.hasMore, true);
    assert.match(page.links.last ?? '', /page=9/);
    const sent = s.requests.at(-1)?.url.searchParams;
    assert.equal(sent?.get('orderBy'), 'id asc');
    assert.equal(sent?.get('fields'), 'id,name');
    assert.equal(sent?.get('page'), '1');
    assert.equal(sent?.get('pageSize'), '1');
  });

  it('times out a server that does not answer, as a retryable timeout', async () => {
    const s = await stub((req, res) => {
      if (req.url.pathname.startsWith('/login/')) json(res, 200, { Codebase: 'v2025_1/' });
      // else: never answer
    });
    const events: CallEvent[] = [];
    const client = await createConnectWiseClient(settingsFor(s.url), {
      timeoutMs: 1000,
      observer: (e) => events.push(e),
    });
    const err = await rejectsWith(client.count('agreements'), 'timeout');
    assert.equal(err.retryable, true);
    assert.equal(events.at(-1)?.status, 'ETIMEDOUT');
  });

  it('never puts credentials in errors', async () => {
    const s = await stub(
      cloudSite(
        () => 'v2025_1/',
        (req, res) => {
          if (req.url.pathname.endsWith('/count')) json(res, 401, { code: 'Unauthorized', message: 'bad' });
          else if (req.url.pathname.endsWith('/1')) res.destroy();
          else json(res, 400, { message: 'no' });
        },
      ),
    );
    const client = await createConnectWiseClient(settingsFor(s.url));
    const attempts = [
      () => client.count('companies'),
      () => client.get('companies', 1),
      () => client.list('companies'),
    ];
    for (const attempt of attempts) {
      try {
        await attempt();
        assert.fail('expected an error');
      } catch (err) {
        assertNoSecrets(err);
      }
    }
  });
});

describe('forward-only paging', () => {
  function forwardOnly(total: number): StubHandler {
    return cloudSite(
      () => 'v2025_1/',
      (req, res) => {
        assert.equal(req.headers['pagination-type'], 'forward-only');
        assert.equal(req.url.searchParams.get('orderBy'), null);
        assert.equal(req.url.searchParams.get('page'), null);
        const after = Number(req.url.searchParams.get('pageId') ?? 0);
        const size = Number(req.url.searchParams.get('pageSize'));
        const ids = Array.from({ length: total }, (_, i) => i + 1)
          .filter((id) => id > after)
          .slice(0, size);
        const last = ids.at(-1);
        const link =
          last === undefined
            ? ''
            : `<${req.url.origin}${req.url.pathname}?pageSize=${size}&pageId=${last}>; rel="next"`;
        json(
          res,
          200,
          ids.map((id) => ({ id })),
          { link },
        );
      },
    );
  }

  it('follows the Link pageId until the Link header is empty', async () => {
    const s = await stub(forwardOnly(5));
    const client = await createConnectWiseClient(settingsFor(s.url));
    const seen: number[] = [];
    let pageId: number | undefined;
    for (let i = 0; i < 10; i += 1) {
      const page = await client.listForwardOnly('configurations', {
        pageSize: 2,
        fields: ['name'],
        ...(pageId !== undefined && { pageId }),
      });
      seen.push(...page.records.map((r) => r.id ?? -1));
      if (page.done) break;
      pageId = page.nextPageId ?? undefined;
    }
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
    assert.equal(s.requests.at(-1)?.url.searchParams.get('fields'), 'name,id');
  });

  it('a full page without a Link header means the endpoint ignores forward-only', async () => {
    const s = await stub(
      cloudSite(
        () => 'v2025_1/',
        (_req, res) => json(res, 200, [{ id: 1 }, { id: 2 }]),
      ),
    );
    const client = await createConnectWiseClient(settingsFor(s.url));
    await rejectsWith(
      client.listForwardOnly('configurations', { pageSize: 2 }),
      'invalid_response',
      /does not support forward-only/,
    );
  });

  it('a Link that does not move forward is refused rather than looped on', async () => {
    const s = await stub(
      cloudSite(
        () => 'v2025_1/',
        (req, res) => json(res, 200, [{ id: 9 }], { link: `<${req.url.origin}/x?pageId=3>; rel="next"` }),
      ),
    );
    const client = await createConnectWiseClient(settingsFor(s.url));
    await rejectsWith(client.listForwardOnly('configurations', { pageId: 5 }), 'invalid_response', /loop/);
  });
});

describe('keyset reads', () => {
  it('asks page 1 ordered by lastUpdated, id with the cursor condition and _info, and reports the Date header', async () => {
    const s = await stub(
      cloudSite(
        () => 'v2025_1/',
        (_req, res) =>
          json(res, 200, [{ id: 8, _info: { lastUpdated: '2024-05-01T10:00:01Z' } }], {
            date: 'Wed, 01 May 2024 10:05:00 GMT',
          }),
      ),
    );
    const client = await createConnectWiseClient(settingsFor(s.url));
    const page = await client.readKeysetPage('agreements', {
      cursor: { lastUpdated: '2024-05-01T10:00:00Z', id: 3 },
      pageSize: 500,
      conditions: { field: 'agreementStatus', op: '=', value: 'Active' },
      fields: ['name'],
    });
    const sent = s.requests.at(-1)?.url.searchParams;
    assert.equal(
      sent?.get('conditions'),
      '(agreementStatus = "Active") and (lastUpdated > [2024-05-01T10:00:00Z] or (lastUpdated = [2024-05-01T10:00:00Z] and id > 3))',
    );
    assert.equal(sent?.get('orderBy'), 'lastUpdated asc, id asc');
    assert.equal(sent?.get('page'), '1');
    assert.equal(sent?.get('pageSize'), '500');
    assert.equal(sent?.get('fields'), 'name,id,_info');
    assert.deepEqual(page.nextCursor, { lastUpdated: '2024-05-01T10:00:01Z', id: 8 });
    assert.equal(page.serverTime, '2024-05-01T10:05:00.000Z');
    assert.equal(page.done, true);
  });
});

describe('keyset order', () => {
  it('a server that ignores orderBy=lastUpdated asc, id asc fails the read, not retryable', async () => {
    const s = await stub(
      cloudSite(
        () => 'v2025_1/',
        (_req, res) =>
          json(res, 200, [
            { id: 2, _info: { lastUpdated: '2024-05-01T10:00:09Z' } },
            { id: 1, _info: { lastUpdated: '2024-05-01T10:00:01Z' } },
          ]),
      ),
    );
    const client = await createConnectWiseClient(settingsFor(s.url));
    const err = await rejectsWith(
      client.readKeysetPage('configurations', { cursor: null, pageSize: 2 }),
      'invalid_response',
      /did not honour orderBy=lastUpdated asc, id asc for Configurations/,
    );
    assert.equal(err.retryable, false);
  });
});

describe('keyset settling', () => {
  it('the client-wide keysetSettleMs holds back records of the server’s current second; a read may override it', async () => {
    const s = await stub(
      cloudSite(
        () => 'v2025_1/',
        (_req, res) =>
          json(
            res,
            200,
            [
              { id: 1, _info: { lastUpdated: '2024-05-01T10:04:59Z' } },
              { id: 2, _info: { lastUpdated: '2024-05-01T10:05:00Z' } },
            ],
            { date: 'Wed, 01 May 2024 10:05:00 GMT' },
          ),
      ),
    );
    const client = await createConnectWiseClient(settingsFor(s.url), { keysetSettleMs: 0 });
    const settled = await client.readKeysetPage('tickets', { cursor: null });
    assert.deepEqual(
      settled.records.map((r) => r.id),
      [1],
    );
    assert.equal(settled.heldBack, 1);
    assert.equal(settled.heldBackUntil, '2024-05-01T10:05:01.000Z');
    const unsettled = await client.readKeysetPage('tickets', { cursor: null, settleMs: undefined });
    assert.equal(unsettled.records.length, 1, 'undefined falls back to the client default');
  });
});

describe('bad input', () => {
  it('gives typed errors a person can act on', async () => {
    const s = await stub(cloudSite(() => 'v2025_1/'));
    const client = await createConnectWiseClient(settingsFor(s.url));
    await rejectsWith(
      client.list('widgets' as 'companies'),
      'config',
      /Unknown ConnectWise entity "widgets"/,
    );
    await rejectsWith(client.get('companies', 0), 'bad_request', /positive whole number/);
    await rejectsWith(client.list('companies', { pageSize: 5000 }), 'bad_request', /1 to 1000/);
    await rejectsWith(
      client.list('companies', { conditions: { field: 'name) or (1=1', op: '=', value: 'x' } }),
      'bad_request',
      /not a field path/,
    );
    await rejectsWith(createConnectWiseClient(settingsFor('http://cw.example.com')), 'config', /plain http/);
    await rejectsWith(
      createConnectWiseClient({ ...settingsFor(s.url), clientId: 'nope' }),
      'config',
      /clientId/,
    );
  });
});
