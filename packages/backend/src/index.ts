import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in for the demo is the guest provider; production setups add their own.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// OpenSLO SLO and SLI documents as catalog entities, and validation of the
// reliability annotations.
backend.add(
  import('@reliability-kit/plugin-catalog-backend-module-reliability'),
);

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// With no search engine module, search uses its in-memory Lunr engine.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

// SLO evaluation, the built-in SLI store, status API, release gate and rule
// export, at /api/reliability.
backend.add(import('@reliability-kit/plugin-reliability-backend'));
// SLOs with metricSource.type Prometheus; reliability.prometheus.instances
// lists the servers (the Prometheus demo profile sets one, see
// docs/prometheus.md). Without instances, those SLOs say so.
backend.add(
  import('@reliability-kit/plugin-reliability-backend-module-prometheus'),
);
// Demo only: seeds 30 days of SLI history through the ingestion API, then
// keeps feeding new minutes (needs reliability.demo.seedToken).
backend.add(import('./demo'));
// Demo only: the URL reader reads file: URLs inside catalog/ (runbooks).
backend.add(import('./demo-file-reader'));

// Exposes registered actions to MCP clients (agents, IDEs).
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
