import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliError, parseCliArgs } from '../../../simulators/assetpanda/cli-args.js';

describe('asset panda simulator: command line', () => {
  it('turns flags into options and leaves unset ones to the defaults', () => {
    assert.deepEqual(
      parseCliArgs([
        '--port',
        '0',
        '--seed',
        '9',
        '--latency',
        '25',
        '--calls-per-window',
        '100',
        '--window-seconds',
        '60',
        '--date-format',
        'DD/MM/YYYY',
        '--object-shape',
        'both',
        '--search-path',
        'objects/search',
        '--token-ttl',
        '120',
      ]),
      {
        help: false,
        options: {
          host: '127.0.0.1',
          port: 0,
          seed: 9,
          latencyMs: 25,
          callsPerWindow: 100,
          windowSeconds: 60,
          dateFormat: 'DD/MM/YYYY',
          objectShape: 'both',
          searchPath: 'objects/search',
          tokenTtlSeconds: 120,
        },
      },
    );
    assert.deepEqual(parseCliArgs([]), { help: false, options: { host: '127.0.0.1', port: 4020 } });
  });

  it('takes --fault-timing before, after or both', () => {
    for (const timing of ['before', 'after', 'both'] as const) {
      assert.deepEqual(parseCliArgs(['--fault-timing', timing]), {
        help: false,
        options: { host: '127.0.0.1', port: 4020, faultTiming: timing },
      });
    }
    assert.throws(
      () => parseCliArgs(['--fault-timing', 'later']),
      /--fault-timing must be one of before, after, both, got "later"/,
    );
  });

  it('refuses unknown flags and bad values with a message naming the flag', () => {
    assert.throws(
      () => parseCliArgs(['--object-shape', 'nested']),
      (err: unknown) => {
        assert.ok(err instanceof CliError);
        assert.match(err.message, /--object-shape must be one of data, flat, both/);
        return true;
      },
    );
    assert.throws(() => parseCliArgs(['--port', 'eighty']), /--port must be an integer/);
    assert.throws(() => parseCliArgs(['--colour']), CliError);
  });
});
