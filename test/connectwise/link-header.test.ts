import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstLinkUrl, integerParam, parseLinkHeader } from '../../connectors/connectwise/link-header.js';

describe('Link header', () => {
  it('reads each <url>; rel="x" pair of the vendor example', () => {
    const header =
      '<https://staging.connectwisedev.com/v2017_3/apis/3.0/company/companies?pageSize=50&page=2>; rel="next", ' +
      '<https://staging.connectwisedev.com/v2017_3/apis/3.0/company/companies?pageSize=50&page=4>; rel="last"';
    const links = parseLinkHeader(header);
    assert.equal(integerParam(links.next, 'page'), 2);
    assert.equal(integerParam(links.last, 'page'), 4);
    assert.equal(links.prev, undefined);
  });

  it('does not depend on page being the last parameter, and keeps commas inside URLs', () => {
    const header =
      '<https://h/x?page=3&pageSize=10&conditions=id%20in%20(1,2)>; rel="next",<https://h/x?page=1&pageSize=10>;rel=first';
    const links = parseLinkHeader(header);
    assert.equal(links.next, 'https://h/x?page=3&pageSize=10&conditions=id%20in%20(1,2)');
    assert.equal(integerParam(links.next, 'page'), 3);
    assert.equal(links.first, 'https://h/x?page=1&pageSize=10');
  });

  it('handles several relations in one link, extra parameters, odd spacing and case', () => {
    const links = parseLinkHeader('  < https://h/x?page=2 > ;title="a, b"; REL="Next Last" ');
    assert.equal(links.next, 'https://h/x?page=2');
    assert.equal(links.last, 'https://h/x?page=2');
  });

  it('gives nothing for an empty or missing header', () => {
    assert.deepEqual(parseLinkHeader(''), {});
    assert.deepEqual(parseLinkHeader(undefined), {});
    assert.equal(firstLinkUrl(''), undefined);
    assert.equal(firstLinkUrl('<>'), undefined);
  });

  it('reads the pageId of a forward-only link, relative or absolute, any case', () => {
    assert.equal(integerParam(firstLinkUrl('<https://h/x?pageSize=2&pageId=17>; rel="next"'), 'pageId'), 17);
    assert.equal(integerParam('/v4_6_release/apis/3.0/x?pageid=5', 'pageId'), 5);
    assert.equal(integerParam('/x?pageId=abc', 'pageId'), undefined);
  });
});
