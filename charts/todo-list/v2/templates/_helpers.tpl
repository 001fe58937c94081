{{!-- Labels shared by every resource of the release; `component` tells web from db. --}}
{{#define "todo-list.labels"}}
app.kubernetes.io/name: {{Chart.Name}}
app.kubernetes.io/instance: {{Release.Name}}
app.kubernetes.io/version: {{quote Chart.AppVersion}}
app.kubernetes.io/managed-by: {{Release.Service}}
{{/define}}

{{!-- The selector: stable across every chart version, so upgrades never orphan pods. --}}
{{#define "todo-list.selector"}}
app: todo-list
release: {{Release.Name}}
{{/define}}

{{!-- Where every pod of the chart may run, hooks included (test/values/real-node.yaml uses it to
      put them on the local test cluster's real node). --}}
{{#define "todo-list.scheduling"}}
{{#if Values.nodeSelector}}
nodeSelector:
  {{~nindent 2 (toYaml Values.nodeSelector)}}
{{/if}}
{{#if Values.tolerations}}
tolerations:
  {{~nindent 2 (toYaml Values.tolerations)}}
{{/if}}
{{/define}}
