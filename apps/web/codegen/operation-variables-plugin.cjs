// A graphql-codegen plugin: the map from each portal operation's name to its generated
// variables type, so the GraphQL client can check every request's variables at compile time.
module.exports = {
  /** @param {unknown} _schema @param {{ document?: { definitions: readonly any[] } }[]} documents */
  plugin(_schema, documents) {
    const suffixes = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };
    const entries = [];
    for (const { document } of documents) {
      for (const definition of document?.definitions ?? []) {
        if (definition.kind !== 'OperationDefinition' || !definition.name) continue;
        const name = definition.name.value;
        entries.push(`  ${name}: ${name}${suffixes[definition.operation]}Variables;`);
      }
    }
    return [
      '',
      '/** Every operation the portal sends, by name, with the variables it takes. */',
      'export interface PortalOperationVariables {',
      ...entries.sort(),
      '}',
      '',
    ].join('\n');
  },
};
