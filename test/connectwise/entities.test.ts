import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectorError } from '../../connectors/errors.js';
import {
  ENTITIES,
  ENTITY_NAMES,
  entityDefinition,
  entityFieldCatalog,
} from '../../connectors/connectwise/entities.js';
import { FIELD_SPECS } from '../../connectors/connectwise/field-specs.js';

describe('entity registry', () => {
  it('knows the five entities with their paths and permissions', () => {
    assert.deepEqual(
      ENTITY_NAMES.map((e) => [e, ENTITIES[e].path]),
      [
        ['companies', '/company/companies'],
        ['configurations', '/company/configurations'],
        ['catalog', '/procurement/catalog'],
        ['tickets', '/service/tickets'],
        ['agreements', '/finance/agreements'],
      ],
    );
    assert.equal(ENTITIES.catalog.permission, 'Procurement › Product Catalog');
    assert.equal(ENTITIES.companies.softDelete.field, 'deletedFlag');
    assert.deepEqual(ENTITIES.configurations.softDelete, { field: 'activeFlag', goneWhen: false });
  });

  it('an unknown entity is a config error listing the known ones', () => {
    assert.throws(
      () => entityDefinition('widgets'),
      (err: unknown) =>
        err instanceof ConnectorError &&
        err.kind === 'config' &&
        /widgets.*companies, configurations/.test(err.message),
    );
  });
});

describe('record schemas', () => {
  for (const entity of ENTITY_NAMES) {
    it(`${entity}: every documented field accepts null and may be left out; unknown fields are kept`, () => {
      const documented = FIELD_SPECS.entities[ENTITIES[entity].path]?.fields ?? [];
      assert.ok(documented.length > 30);
      const allNull = Object.fromEntries(documented.map((f) => [f.name, null]));
      const parsed = ENTITIES[entity].schema.parse({ ...allNull, id: 1, addedIn2031: { x: 1 } });
      assert.deepEqual(parsed.addedIn2031, { x: 1 });
      assert.deepEqual(ENTITIES[entity].schema.parse({}), {});
    });
  }

  it('accepts a realistic company with references, lists, custom fields and an undocumented enum value', () => {
    const company = {
      id: 250,
      identifier: 'ACME',
      name: 'Acme',
      status: { id: 1, name: 'Active', _info: { status_href: 'https://x' } },
      types: [{ id: 1, name: 'Client' }],
      deletedFlag: false,
      integratorTags: ['a'],
      customFields: [{ id: 4, caption: 'Tom', type: 'Text', entryMethod: 'NewKind', value: 7 }],
      _info: { lastUpdated: '2024-01-01T00:00:00Z', updatedBy: 'api' },
    };
    assert.deepEqual(ENTITIES.companies.schema.parse(company), company);
    const ticket = { id: 1, severity: 'Catastrophic', recordType: 'ServiceTicket' };
    assert.deepEqual(ENTITIES.tickets.schema.parse(ticket), ticket);
  });

  it('keeps a documented field of another type as it came, with the rest of the record typed (§6)', () => {
    const configuration = {
      id: 7,
      name: 'SRV-01',
      serialNumber: 12345,
      ram: 8,
      status: { id: '3', name: 'Active' },
      company: 5,
      activeFlag: 'yes',
      questions: { questionId: 1 },
      _info: { lastUpdated: '2024-01-01T00:00:00Z' },
    };
    assert.deepEqual(ENTITIES.configurations.schema.parse(configuration), configuration);
    const company = { id: 1, types: { id: 1, name: 'Client' }, deletedFlag: 'no', integratorTags: 'a' };
    assert.deepEqual(ENTITIES.companies.schema.parse(company), company);
    const agreement = { id: 2, type: 'Managed', company: 'Acme', startDate: 20240101 };
    assert.deepEqual(ENTITIES.agreements.schema.parse(agreement), agreement);
  });

  it('reads a numeric string id as the number', () => {
    for (const entity of ENTITY_NAMES) {
      const parsed = ENTITIES[entity].schema.parse({ id: '1', name: 'x' });
      assert.equal(parsed.id, 1, entity);
    }
    assert.equal(ENTITIES.tickets.schema.parse({ id: ' 42 ' }).id, 42);
  });

  it('refuses an id that is not a whole number (or is not above 0), and an _info that is not an object', () => {
    for (const id of ['one', 1.5, '1.5', '', true, { id: 1 }, '99999999999999999999', -1, '-1', 0, '0']) {
      assert.equal(ENTITIES.companies.schema.safeParse({ id }).success, false, JSON.stringify(id));
    }
    for (const info of ['2024-01-01T00:00:00Z', [1], 5]) {
      assert.equal(ENTITIES.companies.schema.safeParse({ id: 1, _info: info }).success, false);
    }
  });
});

describe('field catalog', () => {
  const paths = (entity: (typeof ENTITY_NAMES)[number]) =>
    new Map(entityFieldCatalog(entity).map((f) => [f.path, f]));

  it('lists nested reference fields by path', () => {
    const companies = paths('companies');
    assert.equal(companies.get('status/name')?.type, 'string');
    assert.equal(companies.get('status/name')?.nested, true);
    assert.equal(companies.get('status')?.type, 'reference');
    assert.equal(companies.get('country/identifier')?.type, 'string');
    assert.equal(paths('configurations').get('company/identifier')?.type, 'string');
    assert.equal(paths('tickets').get('priority/sort')?.type, 'integer');
    assert.equal(companies.get('status/_info'), undefined);
  });

  it('marks list fields and the fields inside them', () => {
    const companies = paths('companies');
    assert.equal(companies.get('types')?.array, true);
    assert.equal(companies.get('types/name')?.array, true);
    assert.equal(companies.get('integratorTags')?.array, true);
    assert.equal(companies.get('customFields/caption')?.array, true);
    assert.equal(paths('configurations').get('questions/answer')?.array, true);
    assert.equal(companies.get('name')?.array, false);
  });

  it('types datetimes, integers, enums and max lengths', () => {
    const companies = paths('companies');
    assert.equal(companies.get('_info/lastUpdated')?.type, 'datetime');
    assert.equal(companies.get('dateAcquired')?.type, 'datetime');
    assert.equal(companies.get('numberOfEmployees')?.type, 'integer');
    assert.equal(companies.get('annualRevenue')?.type, 'number');
    assert.equal(companies.get('identifier')?.maxLength, 25);
    assert.deepEqual(paths('catalog').get('recurringCycleType')?.enum, ['ContractYear', 'CalendarYear']);
    assert.equal(paths('agreements').get('cancelledFlag')?.type, 'boolean');
  });

  it('covers every documented field of every entity', () => {
    for (const entity of ENTITY_NAMES) {
      const catalog = paths(entity);
      for (const field of FIELD_SPECS.entities[ENTITIES[entity].path]?.fields ?? []) {
        assert.ok(catalog.has(field.name), `${entity}.${field.name}`);
      }
    }
  });
});
