import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkUniqueIdentifier } from '../../mapping/identifiers.js';

describe('unique identifier rules', () => {
  it('accepts the vendor-recommended identifiers', () => {
    assert.ok(checkUniqueIdentifier('companies', 'id').ok);
    assert.ok(checkUniqueIdentifier('companies', 'identifier').ok);
    assert.ok(checkUniqueIdentifier('catalog', 'identifier').ok);
    assert.ok(checkUniqueIdentifier('tickets', 'id').ok);
    assert.ok(checkUniqueIdentifier('agreements', 'id').ok);
    assert.ok(checkUniqueIdentifier('configurations', 'serialNumber').ok);
  });

  it('refuses Company Name, Phone and Status with the reason', () => {
    const name = checkUniqueIdentifier('companies', 'name');
    assert.ok(!name.ok);
    assert.match(name.reason, /names and descriptions change over time/);
    assert.match(name.reason, /Use one of: id \(Company ID\), identifier \(Company Identifier\)/);
    const phone = checkUniqueIdentifier('companies', 'phoneNumber');
    assert.ok(!phone.ok);
    assert.match(phone.reason, /phone numbers change/);
    const status = checkUniqueIdentifier('companies', 'status/name');
    assert.ok(!status.ok);
    assert.match(status.reason, /status changes/);
  });

  it('refuses fields that are unique elsewhere but not for this entity', () => {
    const result = checkUniqueIdentifier('tickets', 'summary');
    assert.ok(!result.ok);
    assert.match(result.reason, /Use one of: id \(Ticket Number\)/);
  });
});
