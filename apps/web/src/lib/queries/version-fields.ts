/** What both the catalog and the model page show of a version: status, signature and prices. */
export const VERSION_FIELDS = /* GraphQL */ `
  fragment VersionFields on ModelVersion {
    version
    status
    inputs {
      name
      datatype
      shape
    }
    outputs {
      name
      datatype
      shape
    }
    prices {
      unit
      amountMicros
      currency
      freeAllowance
    }
  }
`;
