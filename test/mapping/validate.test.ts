import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { proposeMapping } from '../../mapping/defaults.js';
import type { SourceField, TargetField } from '../../mapping/fields.js';
import { mappingSpecSchema, type MappingSpecInput } from '../../mapping/spec.js';
import { resolveTransforms, validateMapping } from '../../mapping/validate.js';

const sourceFields: SourceField[] = [
  { path: 'id', type: 'number' },
  { path: 'name', type: 'string' },
  { path: 'serialNumber', type: 'string' },
  { path: 'purchaseDate', type: 'datetime' },
  { path: 'status', type: 'reference' },
  { path: 'company', type: 'reference' },
  { path: 'activeFlag', type: 'boolean' },
  { path: '_info', type: 'object' },
];
const targets: TargetField[] = [
  { key: 'field_1', name: 'Configuration ID', type: 'number', required: true },
  { key: 'field_2', name: 'Name', type: 'text', required: true },
  { key: 'field_4', name: 'Status', type: 'text', required: false },
  { key: 'field_6', name: 'Serial Number', type: 'text', required: false },
  { key: 'field_10', name: 'Purchase Date', type: 'date', required: false },
  { key: 'field_15', name: 'Active', type: 'boolean', required: false },
];
const input = {
  entity: 'configurations' as const,
  groupName: 'Devices',
  sourceFields,
  targetFields: targets,
};
const spec = (s: Partial<MappingSpecInput>) =>
  mappingSpecSchema.parse({ groupId: 1002, uniqueKey: { source: 'id', target: 'field_1' }, ...s });

describe('validating a mapping against the real group and entity', () => {
  it('accepts a good mapping', () => {
    const problems = validateMapping(
      spec({
        fields: [
          { source: 'name', target: 'field_2' },
          { source: 'status/name', target: 'field_4' },
          { source: 'purchaseDate', target: 'field_10', transform: { type: 'date' } },
        ],
      }),
      input,
    );
    assert.deepEqual(problems, []);
  });

  it('reports one problem per mistake, each with where and why', () => {
    const problems = validateMapping(
      spec({
        uniqueKey: { source: 'name', target: 'field_1' },
        fields: [
          { source: 'nmae', target: 'field_2' },
          { source: 'name', target: 'field_99' },
          { source: 'purchaseDate', target: 'field_15', transform: { type: 'date' } },
          { source: 'status', target: 'field_10' },
          { source: 'serialNumber', target: 'field_6' },
          { source: 'name', target: 'field_6' },
        ],
        filters: [{ field: 'bogus', op: '=', value: 1 }],
      }),
      input,
    );
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    assert.match(byPath['uniqueKey.source'] ?? '', /name cannot be the unique identifier of configurations/);
    assert.match(byPath['fields.0.source'] ?? '', /nmae is not a field of ConnectWise configurations/);
    assert.match(byPath['fields.1.target'] ?? '', /field_99 is not a field of group 1002 \(Devices\)/);
    assert.match(byPath['fields.2.transform'] ?? '', /a date transform cannot fill a boolean field/);
    assert.match(byPath['fields.3.transform'] ?? '', /the source is reference, the field is a date field/);
    assert.match(byPath['fields.5.target'] ?? '', /already mapped by fields.4/);
    assert.match(byPath['filters.0.field'] ?? '', /bogus is not a field/);
    assert.equal(problems.length, 7);
  });

  it('reports a required field left unmapped', () => {
    const problems = validateMapping(spec({ fields: [] }), input);
    assert.deepEqual(problems, [
      { path: 'fields', message: 'Name (field_2) is required in group 1002 (Devices) but not mapped' },
    ]);
  });

  it('fills in the transform a field type calls for', () => {
    const resolved = resolveTransforms(
      spec({
        fields: [
          { source: 'purchaseDate', target: 'field_10' },
          { source: 'activeFlag', target: 'field_15' },
        ],
      }),
      targets,
    );
    assert.deepEqual(
      resolved.fields.map((f) => f.transform?.type),
      ['date', 'boolean'],
    );
  });
});

describe('proposing a mapping by field names', () => {
  it('matches labels and synonyms and picks the recommended identifier', () => {
    const proposal = proposeMapping('configurations', 1002, targets);
    assert.deepEqual(proposal.problems, []);
    assert.deepEqual(proposal.spec?.uniqueKey, { source: 'id', target: 'field_1' });
    const sources = Object.fromEntries((proposal.spec?.fields ?? []).map((f) => [f.target, f.source]));
    assert.deepEqual(sources, {
      field_2: 'name',
      field_4: 'status/name',
      field_6: 'serialNumber',
      field_10: 'purchaseDate',
      field_15: 'activeFlag',
    });
  });

  it('says what is missing when the group has no identifier field', () => {
    const proposal = proposeMapping('companies', 1, [
      { key: 'field_1', name: 'Company', type: 'text', required: true },
    ]);
    assert.equal(proposal.spec, undefined);
    assert.match(proposal.problems[0] ?? '', /no field for a unique identifier/);
  });
});
