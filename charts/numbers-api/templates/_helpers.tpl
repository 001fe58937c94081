{{#define "numbers-api.labels"}}
app.kubernetes.io/name: {{Chart.Name}}
app.kubernetes.io/instance: {{Release.Name}}
app.kubernetes.io/managed-by: {{Release.Service}}
{{/define}}

{{!-- Where every pod of the chart may run, hooks included (test/values/real-node.yaml uses it to
      put them on the local test cluster's real node). --}}
{{#define "numbers-api.scheduling"}}
{{#if Values.nodeSelector}}
nodeSelector:
  {{~nindent 2 (toYaml Values.nodeSelector)}}
{{/if}}
{{#if Values.tolerations}}
tolerations:
  {{~nindent 2 (toYaml Values.tolerations)}}
{{/if}}
{{/define}}
