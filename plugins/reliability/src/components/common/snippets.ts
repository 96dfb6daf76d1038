/**
 * The exact catalog-info.yaml additions the empty states show, filled in
 * with the entity's own name.
 */

export function sloSnippet(serviceName: string): string {
  return `---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${serviceName}-availability
  displayName: ${serviceName} availability
spec:
  description: Share of successful requests over the last 30 days.
  service: ${serviceName}
  indicator:
    metadata:
      name: ${serviceName}-success-ratio
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: BuiltIn
            spec:
              counter: ${serviceName.replace(/-/g, '_')}_requests_good
        total:
          metricSource:
            type: BuiltIn
            spec:
              counter: ${serviceName.replace(/-/g, '_')}_requests_total
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: 99.9% of requests succeed
      target: 0.999
`;
}

export const RUNBOOK_SNIPPET = `metadata:
  links:
    - url: https://wiki.example.com/runbooks/my-service.md
      title: My service runbook
      type: runbook
`;

export function sloRunbookSnippet(sloName: string): string {
  return `metadata:
  annotations:
    reliability/slo-runbook: ./runbooks/${sloName}.md
`;
}

export const OWNER_SNIPPET = `# the component
spec:
  owner: group:default/my-team
---
# the group
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: my-team
  links:
    - url: https://chat.example.com/channels/my-team
      title: '#my-team'
      type: chat
    - url: https://acme.pagerduty.com/schedules/PXYZ789
      title: On-call
      type: oncall
    - url: https://wiki.example.com/escalation/my-team
      title: Escalation
      type: escalation
spec:
  type: team
  children: []
`;

export function deploymentSnippet(entityRef: string): string {
  return `metadata:
  annotations:
    reliability/deployment-source: github-actions:acme/my-service/deploy.yml
# and from the pipeline, after each deployment:
#   POST /api/reliability/v1/deployments
#   { "id": "<run id>", "entity": "${entityRef}",
#     "environment": "production", "status": "succeeded",
#     "startedAt": "<ISO time>" }
`;
}

export function ownedServicesSnippet(groupRef: string): string {
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: my-service
  annotations:
    reliability/tier: high
spec:
  type: service
  lifecycle: production
  owner: ${groupRef}
`;
}
