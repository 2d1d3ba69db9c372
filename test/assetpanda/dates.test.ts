import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectorError } from '../../connectors/errors.js';
import { formatAccountDate } from '../../connectors/assetpanda/index.js';
import { toDayjsFormat } from '../../connectors/assetpanda/dates.js';
import { mapRecord } from '../../mapping/apply.js';
import { mappingSpecSchema } from '../../mapping/spec.js';
import { createAssetPandaClient } from '../../connectors/assetpanda/index.js';
import { startStub } from './support/stub.js';
import { toApiFields } from '../../connectors/assetpanda/values.js';

describe('formatting dates for the account', () => {
  const day = new Date(Date.UTC(2022, 10, 4, 23, 30));

  it('writes the vendor example format', () => {
    assert.equal(formatAccountDate(day, 'MM/DD/YYYY'), '11/04/2022');
  });

  it('reads dayjs, lower-case and strftime spellings of the same format', () => {
    for (const f of ['DD/MM/YYYY', 'dd/mm/yyyy', '%d/%m/%Y'])
      assert.equal(formatAccountDate(day, f), '04/11/2022', f);
    assert.equal(formatAccountDate(day, 'YYYY-MM-DD'), '2022-11-04');
    assert.equal(formatAccountDate(day, 'M/D/YY'), '11/4/22');
    assert.equal(formatAccountDate(day, 'D MMM YYYY'), '4 Nov 2022');
    assert.equal(formatAccountDate(day, 'MMMM D, YYYY'), 'November 4, 2022');
  });

  it('turns every spelling into dayjs tokens, which the mapping writes exactly as the account expects', () => {
    for (const [account, dayjsFormat] of [
      ['mm/dd/yyyy', 'MM/DD/YYYY'],
      ['%d.%m.%Y', 'DD.MM.YYYY'],
      ['%-m/%-d/%y', 'M/D/YY'],
      ['d mmm yyyy', 'D MMM YYYY'],
      ['MMMM D, YYYY', 'MMMM D, YYYY'],
      ['%B %e, %Y', 'MMMM D, YYYY'],
      ['m/d/Y', 'MM/DD/YYYY'],
      ['d.m.Y', 'DD.MM.YYYY'],
      ['n/j/y', 'M/D/YY'],
      ['F j, Y', 'MMMM D, YYYY'],
    ] as const) {
      assert.equal(toDayjsFormat(account), dayjsFormat, account);
      const spec = mappingSpecSchema.parse({
        groupId: 1,
        uniqueKey: { source: 'id', target: 'field_1' },
        fields: [{ source: 'when', target: 'field_2', transform: { type: 'date' } }],
      });
      const mapped = mapRecord(spec, { id: 1, when: '2022-11-04T23:30:00Z' }, { dateFormat: dayjsFormat });
      assert.ok(mapped.ok, account);
      assert.equal(mapped.record.values.field_2, formatAccountDate(day, account), account);
    }
    assert.throws(() => toDayjsFormat('[YYYY]'), /unknown token/);
  });

  it('hands out the account format in dayjs tokens however the account spells it', async () => {
    const s = await startStub(() => ({ status: 200, json: { settings: { date_format: 'dd/mm/yyyy' } } }));
    try {
      const client = createAssetPandaClient({ baseUrl: s.url, token: 'T' });
      assert.equal(await client.dateFormat(), 'DD/MM/YYYY');
      const configured = createAssetPandaClient({ baseUrl: s.url, token: 'T', dateFormat: '%Y-%m-%d' });
      assert.equal(await configured.dateFormat(), 'YYYY-MM-DD');
    } finally {
      await s.close();
    }
  });

  it('takes the UTC day of a Date and the written day of a YYYY-MM-DD string', () => {
    assert.equal(formatAccountDate('2024-02-29', 'MM/DD/YYYY'), '02/29/2024');
    assert.equal(formatAccountDate('2024-02-29T23:59:00-08:00', 'MM/DD/YYYY'), '02/29/2024');
  });

  it('refuses formats it would have to guess at', () => {
    for (const f of ['MM/DD/YYYY HH:mm', 'Do MMMM', 'MM/YYYY', '']) {
      assert.throws(
        () => formatAccountDate(day, f),
        (e: unknown) => e instanceof ConnectorError && e.kind === 'config',
        f,
      );
    }
  });

  it('refuses things that are not dates', () => {
    for (const d of ['2024-02-30', '11/04/2022', 'soon']) {
      assert.throws(
        () => formatAccountDate(d, 'MM/DD/YYYY'),
        (e: unknown) => e instanceof ConnectorError && e.kind === 'bad_request',
        d,
      );
    }
    assert.throws(() => formatAccountDate(new Date('x'), 'MM/DD/YYYY'), ConnectorError);
  });
});

describe('field values sent to Asset Panda', () => {
  it('sends every value as a string, dates in the account format, null as a blank', () => {
    const out = toApiFields(
      {
        field_1: 42,
        field_2: 'x',
        field_3: true,
        field_4: false,
        field_5: new Date(Date.UTC(2023, 0, 2)),
        field_6: null,
        field_7: undefined,
      },
      'DD.MM.YYYY',
    );
    assert.deepEqual(out, {
      field_1: '42',
      field_2: 'x',
      field_3: 'true',
      field_4: 'false',
      field_5: '02.01.2023',
      field_6: '',
    });
  });

  it('refuses numbers that have no text form', () => {
    assert.throws(() => toApiFields({ field_1: Number.NaN }, undefined), ConnectorError);
  });
});
