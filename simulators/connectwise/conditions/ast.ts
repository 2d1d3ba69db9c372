/** The parsed form of a `conditions` string. */

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'datetime'; value: number; text: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export interface FieldRef {
  /** As written, e.g. `company/name`. */
  path: string;
  segments: string[];
  /** 1-based character position in the conditions string. */
  position: number;
}

export type Condition =
  | { type: 'and'; left: Condition; right: Condition }
  | { type: 'or'; left: Condition; right: Condition }
  | { type: 'compare'; field: FieldRef; operator: ComparisonOperator; value: Literal }
  | { type: 'match'; field: FieldRef; operator: 'contains' | 'like'; negated: boolean; value: Literal }
  | { type: 'in'; field: FieldRef; negated: boolean; values: Literal[] };
