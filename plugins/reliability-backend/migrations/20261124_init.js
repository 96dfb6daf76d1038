// @ts-check

/**
 * The built-in SLI store, SLO status snapshots and their history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // One row per accepted batch: a batch sent again is answered from here.
  await knex.schema.createTable('sli_event_batches', table => {
    table.comment('Idempotency keys of accepted SLI event batches');
    table.string('idempotency_key', 200).primary();
    table.integer('event_count').notNullable();
    table.bigInteger('received_at').notNullable();
  });

  // Per-minute counts; `objective` is the objective index for threshold
  // SLIs (each objective judges the value by its own op and value) and 0 for
  // ratio SLIs, whose counts all objectives share.
  for (const [name, comment] of [
    ['sli_minute_buckets', 'SLI counts per SLO objective and minute'],
    ['sli_hour_buckets', 'SLI counts per SLO objective and hour (rollup)'],
  ]) {
    await knex.schema.createTable(name, table => {
      table.comment(comment);
      table.string('slo_ref', 255).notNullable();
      table.integer('objective').notNullable();
      table.bigInteger('bucket_start').notNullable();
      table.double('good').notNullable();
      table.double('total').notNullable();
      table.primary(['slo_ref', 'objective', 'bucket_start']);
    });
  }

  await knex.schema.createTable('slo_status', table => {
    table.comment('Latest evaluation of each SLO');
    table.string('slo_ref', 255).primary();
    table.string('service_ref', 255);
    table.string('owner_ref', 255);
    table.string('system_ref', 255);
    table.string('domain_ref', 255);
    table.string('status', 32).notNullable();
    table.double('budget_remaining');
    table.boolean('stale').notNullable().defaultTo(false);
    table.text('error');
    table.bigInteger('evaluated_at').notNullable();
    // The last successful evaluation, as JSON: kept when a source fails.
    table.text('snapshot').notNullable();
    table.index(['service_ref'], 'slo_status_service_idx');
    table.index(['owner_ref'], 'slo_status_owner_idx');
  });

  await knex.schema.createTable('slo_history', table => {
    table.comment('Downsampled SLO status for charts');
    table.string('slo_ref', 255).notNullable();
    table.bigInteger('at').notNullable();
    table.double('sli');
    table.double('budget_remaining');
    table.double('burn_rate');
    table.primary(['slo_ref', 'at']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_history');
  await knex.schema.dropTable('slo_status');
  await knex.schema.dropTable('sli_hour_buckets');
  await knex.schema.dropTable('sli_minute_buckets');
  await knex.schema.dropTable('sli_event_batches');
};
