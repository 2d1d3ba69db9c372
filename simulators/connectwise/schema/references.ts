/**
 * Shapes of the nested objects, in the notation of fields.ts. Most references are `{id, name, _info}`;
 * only the ones that differ are listed (from shared/reference/connectwise-entities.json).
 */
export const DEFAULT_REFERENCE = `
  id number
  name string
  _info info
`;

export const REFERENCE_SHAPES: Record<string, string> = {
  Company: `
    id number
    identifier string
    name string
    _info info
  `,
  Country: `
    id number
    identifier string
    name string
    _info info
  `,
  Member: `
    id number
    identifier string
    name string
    _info info
  `,
  SystemDepartment: `
    id number
    identifier string
    name string
    _info info
  `,
  Priority: `
    id number
    name string
    sort number
    _info info
  `,
  Ticket: `
    id number
    summary string
    _info info
  `,
  Agreement: `
    id number
    name string
    type string
    _info info
  `,
  Currency: `
    id number
    symbol string
    currencyCode string
    decimalSeparator string
    numberOfDecimals number
    thousandsSeparator string
    negativeParenthesesFlag boolean
    displaySymbolFlag boolean
    currencyIdentifier string
    displayIdFlag boolean
    rightAlign boolean
    name string
    _info info
  `,
  ConfigurationQuestion: `
    answerId number
    questionId number
    question string
    answer any
    sequenceNumber number
    numberOfDecimals number
    fieldType string
    requiredFlag boolean
  `,
  // `type` and `connectWiseId` are in the vendor's description of custom fields, not in the 2022.1 types.
  CustomFieldValue: `
    id number
    caption string
    type string
    entryMethod enum Date|EntryField|List|Option
    numberOfDecimals number
    value any
    connectWiseId string
  `,
};
