// @ts-check

/**
 * Lets a scorecard run write only what changed:
 * - `scorecard_results.fingerprint`: a hash of the stored grade (level,
 *   counts, checks, owner, system, domain); a run compares it and skips
 *   the rows whose grade is the same;
 * - `scorecard_runs`: when the last complete run of each scorecard
 *   confirmed all its results, which is their evaluation time when it is
 *   later than the row's own; the first complete run of a UTC day writes
 *   every result's snapshot, later runs that day only the changed ones.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('scorecard_results', table => {
    // Null for rows written before this migration: they are written again.
    table.string('fingerprint', 64);
  });
  await knex.schema.createTable('scorecard_runs', table => {
    table.comment('The last complete run of each scorecard');
    table.string('scorecard_id', 100).primary();
    table.bigInteger('evaluated_at').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_runs');
  await knex.schema.alterTable('scorecard_results', table => {
    table.dropColumn('fingerprint');
  });
};
