{{#define "vweb.labels"}}
app.kubernetes.io/name: {{Chart.Name}}
app.kubernetes.io/instance: {{Release.Name}}
app.kubernetes.io/managed-by: {{Release.Service}}
{{/define}}

{{!-- Pod labels: the selector, the traceable `version`, and the values-driven extras. --}}
{{#define "vweb.podLabels"}}
app: vweb
release: {{Release.Name}}
version: {{default Values.image.tag Values.version}}
{{#each Values.podLabels}}
{{@key}}: {{quote this}}
{{/each}}
{{/define}}

{{!-- The config volume for the chosen mode; nothing when mode is none. --}}
{{#define "vweb.configVolume"}}
{{#if (eq Values.config.mode "hotReload")}}
- name: config
  configMap:
    name: {{Release.Name}}-config
{{else if (eq Values.config.mode "immutable")}}
- name: config
  configMap:
    name: {{Release.Name}}-config-{{Values.config.version}}
{{/if}}
{{/define}}

{{#define "vweb.container"}}
- name: web
  image: {{Values.image.repository}}:{{Values.image.tag}}
  ports:
    - name: http
      containerPort: 80
  {{#if (ne Values.config.mode "none")}}
  volumeMounts:
    - name: config
      mountPath: /usr/share/nginx/html/config
      readOnly: true
  {{/if}}
{{/define}}

{{!-- Where every pod of the chart may run, hooks included (test/values/real-node.yaml uses it to
      put them on the local test cluster's real node). --}}
{{#define "vweb.scheduling"}}
{{#if Values.nodeSelector}}
nodeSelector:
  {{~nindent 2 (toYaml Values.nodeSelector)}}
{{/if}}
{{#if Values.tolerations}}
tolerations:
  {{~nindent 2 (toYaml Values.tolerations)}}
{{/if}}
{{/define}}
