// @ts-check

/**
 * Scorecard results (the latest grade of each entity on each scorecard) and
 * their daily snapshots, for trends.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_results', table => {
    table.comment('Latest grade of each entity on each scorecard');
    table.string('scorecard_id', 100).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.integer('level_index').notNullable();
    table.integer('passed').notNullable();
    table.integer('applicable').notNullable();
    // JSON array of ScorecardCheckResult.
    table.text('checks').notNullable();
    table.string('owner_ref', 255);
    table.string('system_ref', 255);
    table.string('domain_ref', 255);
    table.bigInteger('evaluated_at').notNullable();
    // Set when a later run could not grade the entity; the result stays.
    table.text('stale_reason');
    table.bigInteger('stale_since');
    table.primary(['scorecard_id', 'entity_ref']);
    table.index(['scorecard_id', 'owner_ref'], 'scorecard_results_owner_idx');
  });

  await knex.schema.createTable('scorecard_snapshots', table => {
    table.comment('One grade per entity, scorecard and UTC day, for trends');
    table.string('scorecard_id', 100).notNullable();
    table.string('entity_ref', 255).notNullable();
    // YYYY-MM-DD (UTC)
    table.string('day', 10).notNullable();
    table.integer('level_index').notNullable();
    table.integer('passed').notNullable();
    table.integer('applicable').notNullable();
    table.string('owner_ref', 255);
    table.string('system_ref', 255);
    table.string('domain_ref', 255);
    table.primary(['scorecard_id', 'entity_ref', 'day']);
    table.index(['scorecard_id', 'day'], 'scorecard_snapshots_day_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_snapshots');
  await knex.schema.dropTable('scorecard_results');
};
