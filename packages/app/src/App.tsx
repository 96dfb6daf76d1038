import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import reliabilityPlugin from '@reliability-kit/plugin-reliability/alpha';
import { navModule } from './modules/nav';

// `app.packages: all` (app-config.yaml) discovers the other plugins; the
// ones the demo is about are listed here as well, so the wiring is visible.
export default createApp({
  features: [catalogPlugin, reliabilityPlugin, navModule],
});
