import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';

const CLI = 'simulators/connectwise/cli.ts';

function run(args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('ConnectWise simulator: command line', () => {
  it('prints the URL and credentials, serves them, and stops on SIGTERM', async () => {
    const child = run(['--port', '0', '--companies', '2', '--configurations', '3', '--company-id', 'acme']);
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m && out.includes('Press Ctrl-C')) resolve(m[1] as string);
      });
      child.once('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    assert.match(out, /company id\s+acme/);
    assert.match(out, /private key\s+demo-private/);
    const info = (await (await fetch(`${url}/login/companyinfo/acme`)).json()) as Record<string, unknown>;
    assert.equal(info.CompanyID, 'acme');
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0);
  });

  it('refuses a flag value that is not a number', async () => {
    const child = run(['--configurations', 'many']);
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 2);
    assert.match(err, /--configurations: expected a whole number/);
  });
});
