import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectorError } from '../../connectors/errors.js';
import { assetPandaSettingsSchema, parseAssetPandaSettings } from '../../connectors/assetpanda/index.js';

function configError(fn: () => unknown): ConnectorError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ConnectorError);
    assert.equal(err.kind, 'config');
    assert.equal(err.retryable, false);
    return err;
  }
  assert.fail('expected a config error');
}

describe('Asset Panda settings', () => {
  it('defaults the base URL to the vendor host and reads a service account', () => {
    const s = parseAssetPandaSettings({ email: 'a@b.c', password: 'pw' });
    assert.equal(s.baseUrl, 'https://api.assetpanda.com');
    assert.deepEqual(s.credentials, { kind: 'session', email: 'a@b.c', password: 'pw' });
  });

  it('reads a ready bearer token', () => {
    const s = parseAssetPandaSettings({ token: ' abc ' });
    assert.deepEqual(s.credentials, { kind: 'token', token: 'abc' });
  });

  it('accepts a base URL pasted with /v3 or a trailing slash', () => {
    assert.equal(
      parseAssetPandaSettings({ token: 't', baseUrl: 'https://api.assetpanda.com/v3/' }).baseUrl,
      'https://api.assetpanda.com',
    );
    assert.equal(
      parseAssetPandaSettings({ token: 't', baseUrl: 'https://proxy.example.com/ap/' }).baseUrl,
      'https://proxy.example.com/ap',
    );
  });

  it('allows plain http only to loopback hosts', () => {
    for (const host of ['127.0.0.1:8080', 'localhost:1', '[::1]:9', '127.1.2.3']) {
      assert.doesNotThrow(() => parseAssetPandaSettings({ token: 't', baseUrl: `http://${host}` }), host);
    }
    const err = configError(() =>
      parseAssetPandaSettings({ token: 't', baseUrl: 'http://api.assetpanda.com' }),
    );
    assert.match(err.message, /plain http is only allowed for loopback/);
  });

  it('refuses other protocols, credentials in the URL and query strings', () => {
    configError(() => parseAssetPandaSettings({ token: 't', baseUrl: 'ftp://api.assetpanda.com' }));
    configError(() => parseAssetPandaSettings({ token: 't', baseUrl: 'https://u:p@api.assetpanda.com' }));
    configError(() => parseAssetPandaSettings({ token: 't', baseUrl: 'https://api.assetpanda.com?x=1' }));
    configError(() => parseAssetPandaSettings({ token: 't', baseUrl: 'not a url' }));
  });

  it('needs exactly one way to authenticate', () => {
    assert.match(
      configError(() => parseAssetPandaSettings({})).message,
      /either a token or an email and password/,
    );
    assert.match(
      configError(() => parseAssetPandaSettings({ token: 't', email: 'a@b.c', password: 'pw' })).message,
      /not both/,
    );
    assert.match(configError(() => parseAssetPandaSettings({ email: 'a@b.c' })).message, /password: .*both/);
  });

  it('never repeats a secret in its error message', () => {
    const err = configError(() =>
      parseAssetPandaSettings({ token: 'tok-SECRET', password: 'pw-SECRET', baseUrl: 'http://example.com' }),
    );
    assert.doesNotMatch(err.message, /SECRET/);
  });

  it('is a zod schema that keeps an explicit date format', () => {
    const parsed = assetPandaSettingsSchema.parse({ token: 't', dateFormat: 'DD/MM/YYYY' });
    assert.equal(parsed.dateFormat, 'DD/MM/YYYY');
  });

  it('refuses a date format it could not write dates in, naming the field', () => {
    for (const dateFormat of ['MM/DD/YYYY HH:mm', 'YYYY', '[Day] DD']) {
      const result = assetPandaSettingsSchema.safeParse({ token: 't', dateFormat });
      assert.equal(result.success, false, dateFormat);
      assert.deepEqual(result.error?.issues[0]?.path, ['dateFormat'], dateFormat);
    }
  });
});

describe('Asset Panda settings already parsed', () => {
  it('go through the same checks again', () => {
    const parsed = parseAssetPandaSettings({ email: 'a@b.c', password: 'pw', dateFormat: 'DD/MM/YYYY' });
    assert.deepEqual(parseAssetPandaSettings(parsed), parsed);
    assert.throws(
      () => parseAssetPandaSettings({ ...parsed, baseUrl: 'http://example.com' }),
      (e: unknown) => e instanceof ConnectorError && e.kind === 'config',
    );
  });
});
