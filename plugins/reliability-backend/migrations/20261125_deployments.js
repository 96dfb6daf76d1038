// @ts-check

/**
 * Deployments pushed by CI/CD systems (or pulled by deployment sources), with
 * the error budget each one burned; the alert state of each SLO status.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployments', table => {
    table.comment('Deployments, one row per client-supplied id');
    table.string('id', 200).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('environment', 100).notNullable();
    table.string('status', 16).notNullable();
    table.string('version', 200);
    table.string('commit_sha', 100);
    table.string('strategy', 16);
    // JSON array of canary steps.
    table.text('canary_steps');
    table.text('pipeline_url');
    table.bigInteger('started_at').notNullable();
    table.bigInteger('finished_at');
    table.bigInteger('commit_time');
    table.bigInteger('updated_at').notNullable();
    // When the deployment counts as happened: finished_at, else started_at.
    table.bigInteger('deployed_at').notNullable();
    // JSON DeploymentBudgetImpact once the hour after it was evaluated.
    table.text('impact');
    table.index(
      ['entity_ref', 'environment', 'deployed_at'],
      'deployments_entity_env_idx',
    );
    table.index(['entity_ref', 'deployed_at'], 'deployments_entity_idx');
    table.index(['deployed_at'], 'deployments_deployed_at_idx');
  });

  await knex.schema.createTable('deployment_source_cursors', table => {
    table.comment('Where each pulled deployment source continues');
    table.string('source_id', 200).primary();
    table.text('cursor');
    table.bigInteger('pulled_at').notNullable();
    table.integer('pulled').notNullable();
  });

  // The most severe firing alert of each SLO (page, ticket or none), so the
  // service list can rank without parsing every snapshot.
  await knex.schema.alterTable('slo_status', table => {
    table.string('alert_state', 8).notNullable().defaultTo('none');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('slo_status', table => {
    table.dropColumn('alert_state');
  });
  await knex.schema.dropTable('deployment_source_cursors');
  await knex.schema.dropTable('deployments');
};
