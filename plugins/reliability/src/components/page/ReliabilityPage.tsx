import { Content, Header, Page } from '@backstage/core-components';
import { ReliabilityPageContent } from './ReliabilityPageContent';

/**
 * The Reliability page with its own header, for the legacy frontend
 * system (the new system's page blueprint draws the header).
 *
 * @public
 */
export function ReliabilityPage(props: { title?: string; subtitle?: string }) {
  return (
    <Page themeId="tool">
      <Header
        title={props.title ?? 'Reliability'}
        subtitle={
          props.subtitle ??
          'Every service ranked by SLO status and error budget'
        }
      />
      <Content noPadding>
        <ReliabilityPageContent />
      </Content>
    </Page>
  );
}
