import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { feedLiveMinutes } from './liveFeed';
import { seedDemoData } from './seedDemoData';

/** Root config key of the token the seeder sends. */
export const DEMO_SEED_TOKEN_KEY = 'reliability.demo.seedToken';

/**
 * Seeds the built-in SLI store with 30 days of demo history when the backend
 * starts, through the same HTTP API a user calls, then 90 days of demo
 * deployments, then sends each new minute once a minute while the backend
 * runs.
 *
 * @remarks
 * Needs `reliability.demo.seedToken`: a static external access token
 * (`backend.auth.externalAccess`) the permission policy lets write SLI
 * events. Without it the module does nothing. Seeding runs in the
 * background after start-up and never fails the backend.
 */
export const reliabilityDemoSeederModule = createBackendModule({
  pluginId: 'reliability',
  moduleId: 'demo-seeder',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
      },
      async init({ config, logger, auth, lifecycle, catalog }) {
        const token = config.getOptionalString(DEMO_SEED_TOKEN_KEY);
        if (!token) {
          logger.info(
            `Demo SLI history not seeded: ${DEMO_SEED_TOKEN_KEY} is not set`,
          );
          return;
        }
        const baseUrl = config.getString('backend.baseUrl');
        const controller = new AbortController();
        let timer: NodeJS.Timeout | undefined;
        lifecycle.addStartupHook(() => {
          // In the background: start-up does not wait for the seeding.
          const fetchFn = (url: string, init: RequestInit) => fetch(url, init);
          seedDemoData({
            catalog,
            auth,
            logger,
            fetch: fetchFn,
            baseUrl,
            token,
            signal: controller.signal,
          })
            .then(summary => {
              const live = summary.live;
              // Not after a refused token or an endpoint that never came up:
              // every minute would only log the same failure again.
              if (
                !live ||
                summary.outcome !== 'seeded' ||
                controller.signal.aborted
              ) {
                return;
              }
              // Keep the story going: new minutes every minute.
              let from = live.from;
              let feeding = false;
              timer = setInterval(async () => {
                // A slow call must end before the next one starts, or both
                // would send the same minutes under different keys.
                if (feeding || controller.signal.aborted) return;
                feeding = true;
                try {
                  from = await feedLiveMinutes({
                    slos: live.slos,
                    from,
                    now: Date.now(),
                    fetch: fetchFn,
                    baseUrl,
                    token,
                    logger,
                  });
                } catch (error) {
                  logger.warn(`Demo live feed failed: ${error}`);
                } finally {
                  feeding = false;
                }
              }, 60_000);
              timer.unref();
            })
            .catch(error => {
              logger.warn(`Demo SLI history not seeded: ${error}`);
            });
        });
        lifecycle.addShutdownHook(() => {
          controller.abort();
          if (timer) clearInterval(timer);
        });
      },
    });
  },
});
