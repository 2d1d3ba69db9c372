/**
 * Reference objects as the API nests them: `{id, name, _info: {<name>_href: <absolute link>}}`, with
 * `identifier` for companies and members. Equal references are one shared object: 50,000 devices point
 * at a handful of statuses and types, and sharing keeps generation fast and memory small. Records are
 * never mutated in place (admin changes replace whole fields), so sharing is safe.
 */
import type { CwRecord } from '../types.js';

export interface Named {
  id: number;
  name: string;
}

export class Refs {
  private readonly cache = new Map<string, CwRecord>();

  constructor(readonly apiBase: string) {}

  private memo(key: string, make: () => CwRecord): CwRecord {
    let ref = this.cache.get(key);
    if (!ref) {
      ref = make();
      this.cache.set(key, ref);
    }
    return ref;
  }

  /** A reference to a lookup table entry, e.g. `to('status', 'company/companies/statuses', s)`. */
  to(key: string, path: string, item: Named): CwRecord {
    return this.memo(`${key}|${path}|${item.id}|${item.name}`, () => ({
      id: item.id,
      name: item.name,
      _info: { [`${key}_href`]: `${this.apiBase}/${path}/${item.id}` },
    }));
  }

  company(company: CwRecord): CwRecord {
    return this.memo(`company|${String(company.id)}`, () => companyRef(this.apiBase, company));
  }

  member(member: Named & { identifier: string }): CwRecord {
    return this.memo(`member|${member.id}`, () => ({
      id: member.id,
      identifier: member.identifier,
      name: member.name,
      _info: { member_href: `${this.apiBase}/system/members/${member.id}` },
    }));
  }
}

export function companyRef(apiBase: string, company: CwRecord): CwRecord {
  return {
    id: company.id,
    identifier: company.identifier,
    name: company.name,
    _info: { company_href: `${apiBase}/company/companies/${String(company.id)}` },
  };
}
