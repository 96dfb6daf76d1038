import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { SloStatusSnapshot } from '@reliability-kit/plugin-reliability-common';

/** The SLO's title, linking to its own entity page. */
export function SloTitleLink(props: { slo: SloStatusSnapshot }) {
  return <EntityRefLink entityRef={props.slo.slo} title={props.slo.title} />;
}
