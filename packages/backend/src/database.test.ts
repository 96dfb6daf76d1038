import { TestDatabases } from '@backstage/backend-test-utils';

const databases = TestDatabases.create();

describe('test databases', () => {
  it('include PostgreSQL in CI', () => {
    // A CI run that silently fell back to SQLite only would hide bugs that
    // only PostgreSQL shows; scripts/with-test-servers.mjs must provide it.
    const ids = databases.eachSupportedId().map(([id]) => id);
    const hasPostgres = ids.some(id => id.startsWith('POSTGRES_'));
    expect(ids).toContain('SQLITE_3');
    expect(hasPostgres || process.env.CI !== 'true').toBe(true);
  });

  it.each(databases.eachSupportedId())(
    'round-trips rows on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('probe', table => {
        table.string('id').primary();
        table.timestamp('at', { useTz: true }).notNullable();
      });
      const at = new Date('2026-11-24T12:00:00Z');
      await knex('probe').insert({ id: 'a', at });
      const [row] = await knex('probe').select('id', 'at');
      expect(row.id).toBe('a');
      expect(new Date(row.at).getTime()).toBe(at.getTime());
    },
  );
});
