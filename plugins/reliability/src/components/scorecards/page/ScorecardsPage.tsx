import { Content, Header, Page } from '@backstage/core-components';
import { ScorecardsPageContent } from './ScorecardsPageContent';

/**
 * The Scorecards page with its own header, for the legacy frontend system
 * (the new system's page blueprint draws the header).
 *
 * @public
 */
export function ScorecardsPage(props: { title?: string; subtitle?: string }) {
  return (
    <Page themeId="tool">
      <Header
        title={props.title ?? 'Scorecards'}
        subtitle={
          props.subtitle ??
          'Production readiness by team, system and domain, over time'
        }
      />
      <Content noPadding>
        <ScorecardsPageContent />
      </Content>
    </Page>
  );
}
