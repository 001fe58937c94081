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
