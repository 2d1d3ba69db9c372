import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectorError } from '../../connectors/errors.js';
import { DEFAULT_API_VERSION, parseConnectWiseSettings } from '../../connectors/connectwise/settings.js';
import { apiRoot, companyInfoUrl, resolveSiteUrl } from '../../connectors/connectwise/url.js';

function configError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ConnectorError);
    assert.equal(err.target, 'connectwise');
    assert.equal(err.kind, 'config');
    assert.equal(err.retryable, false);
    assert.match(err.message, pattern);
    return true;
  });
}

const valid = {
  url: 'na.myconnectwise.net',
  companyId: 'acme',
  publicKey: 'pub123',
  privateKey: 'priv-secret-456',
  clientId: '3a5b2c1d-0000-4000-8000-00000000c0de',
};

describe('site URL', () => {
  it('maps every cloud login host to its api- host', () => {
    const expected: Record<string, string> = {
      'na.myconnectwise.net': 'api-na.myconnectwise.net',
      'eu.myconnectwise.net': 'api-eu.myconnectwise.net',
      'au.myconnectwise.net': 'api-au.myconnectwise.net',
      'aus.myconnectwise.net': 'api-aus.myconnectwise.net',
      'za.myconnectwise.net': 'api-za.myconnectwise.net',
      'staging.connectwisedev.com': 'api-staging.connectwisedev.com',
    };
    for (const [login, api] of Object.entries(expected)) {
      const site = resolveSiteUrl(
        `https://${login}/v4_6_release/services/system_io/Service/fv_sr100_request.rails`,
      );
      assert.equal(site.origin, `https://${api}`);
      assert.equal(site.basePath, '');
      assert.equal(site.mappedFrom, login);
      assert.equal(site.cloudHost, true);
    }
  });

  it('keeps an api- host as it is and treats a scheme-less URL as https', () => {
    const site = resolveSiteUrl('API-EU.myconnectwise.net');
    assert.equal(site.origin, 'https://api-eu.myconnectwise.net');
    assert.equal(site.mappedFrom, undefined);
    assert.equal(site.cloudHost, true);
  });

  it('keeps a self-hosted base URL, dropping a pasted codebase and API path', () => {
    assert.equal(resolveSiteUrl('https://cw.example.com').origin, 'https://cw.example.com');
    const pasted = resolveSiteUrl('https://cw.example.com:8443/v4_6_release/apis/3.0/company/companies');
    assert.equal(pasted.origin, 'https://cw.example.com:8443');
    assert.equal(pasted.basePath, '');
    assert.equal(pasted.cloudHost, false);
    const proxied = resolveSiteUrl('https://proxy.example.com/connectwise/');
    assert.equal(
      apiRoot(proxied, 'v4_6_release/'),
      'https://proxy.example.com/connectwise/v4_6_release/apis/3.0',
    );
  });

  it('builds the API root and the discovery URL outside apis/3.0', () => {
    const site = resolveSiteUrl('api-na.myconnectwise.net');
    assert.equal(apiRoot(site, 'v2025_1'), 'https://api-na.myconnectwise.net/v2025_1/apis/3.0');
    assert.equal(companyInfoUrl(site, 'a b'), 'https://api-na.myconnectwise.net/login/companyinfo/a%20b');
  });

  it('refuses plain http to a remote host, naming the https address to use', () => {
    configError(
      () => resolveSiteUrl('http://cw.example.com'),
      /plain http:\/\/ is refused.*https:\/\/cw\.example\.com/,
    );
    configError(() => resolveSiteUrl('http://na.myconnectwise.net'), /plain http/);
  });

  it('allows plain http to loopback hosts only (tests, the demo)', () => {
    assert.equal(resolveSiteUrl('http://127.0.0.1:4010').origin, 'http://127.0.0.1:4010');
    assert.equal(resolveSiteUrl('http://localhost:4010').origin, 'http://localhost:4010');
    assert.equal(resolveSiteUrl('http://[::1]:4010').origin, 'http://[::1]:4010');
    configError(() => resolveSiteUrl('http://127.0.0.2:4010'), /plain http/);
  });

  it('refuses addresses that are not a site', () => {
    configError(() => resolveSiteUrl('ftp://cw.example.com'), /https/);
    configError(() => resolveSiteUrl('https://user:pw@cw.example.com'), /user name and password/);
    configError(() => resolveSiteUrl('https://cw.example.com/?company=x'), /query string/);
    configError(() => resolveSiteUrl('https://exa mple.com'), /not a web address/);
    configError(() => resolveSiteUrl('   '), /enter the ConnectWise site/);
  });
});

describe('settings', () => {
  it('applies the defaults: cloud, model version 2025.1 (the vendor spec version), no pinned codebase', () => {
    const settings = parseConnectWiseSettings(valid);
    assert.equal(settings.selfHosted, false);
    assert.equal(settings.apiVersion, '2025.1');
    assert.equal(DEFAULT_API_VERSION, '2025.1');
    assert.equal(settings.codebase, undefined);
  });

  it('normalises a pinned codebase to end with a slash', () => {
    assert.equal(parseConnectWiseSettings({ ...valid, codebase: 'v2025_1' }).codebase, 'v2025_1/');
    assert.equal(
      parseConnectWiseSettings({ ...valid, codebase: '/v4_6_release/' }).codebase,
      'v4_6_release/',
    );
  });

  it('names every bad field and never echoes a value', () => {
    assert.throws(
      () =>
        parseConnectWiseSettings({
          ...valid,
          companyId: '',
          clientId: 'priv-secret-456',
          apiVersion: 'latest',
          codebase: '../x',
        }),
      (err: unknown) => {
        assert.ok(err instanceof ConnectorError);
        assert.equal(err.kind, 'config');
        assert.match(err.message, /companyId/);
        assert.match(err.message, /clientId: clientId must be a GUID/);
        assert.match(err.message, /apiVersion/);
        assert.match(err.message, /codebase/);
        assert.doesNotMatch(err.message, /priv-secret-456/);
        return true;
      },
    );
  });

  it('refuses a missing private key and a non-boolean selfHosted', () => {
    assert.throws(
      () => parseConnectWiseSettings({ ...valid, privateKey: undefined, selfHosted: 'yes' }),
      /privateKey.*selfHosted|selfHosted.*privateKey/s,
    );
  });
});
