// What `hull create NAME` writes: a working chart in hull's Handlebars form (declared in Chart.yaml) with the parts of
// `helm create` people rely on (Deployment, Service, helpers, NOTES, schema, a test hook).
// The bench renders its deployment.yaml repeated, so keep it representative of real charts.

export function scaffold(name: string): Record<string, string> {
  return {
    'Chart.yaml': `apiVersion: v2
name: ${name}
description: A Helm-style chart for Kubernetes, rendered by hull
type: application
version: 0.1.0
appVersion: "1.16.0"
annotations:
  # hull renders this chart's templates as Handlebars; Helm's Go-template charts need no annotation.
  hull.sh/template-language: handlebars
`,
    '.helmignore': `# Patterns to ignore when packaging the chart.
.git/
.DS_Store
*.swp
*.bak
*.tmp
*.orig
*~
.vscode/
.idea/
`,
    'values.yaml': `replicaCount: 1

image:
  repository: nginx
  pullPolicy: IfNotPresent
  # Overrides the image tag, which defaults to the chart's appVersion.
  tag: ""

nameOverride: ""
fullnameOverride: ""

podAnnotations: {}
podLabels: {}

podSecurityContext: {}
securityContext: {}

service:
  type: ClusterIP
  port: 80

resources: {}

livenessProbe:
  httpGet:
    path: /
    port: http
readinessProbe:
  httpGet:
    path: /
    port: http

volumes: []
volumeMounts: []

nodeSelector: {}
tolerations: []
affinity: {}
`,
    'values.schema.json': `{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "properties": {
    "replicaCount": { "type": "integer", "minimum": 0 },
    "image": {
      "type": "object",
      "required": ["repository"],
      "properties": {
        "repository": { "type": "string", "minLength": 1 },
        "pullPolicy": { "enum": ["Always", "IfNotPresent", "Never"] },
        "tag": { "type": "string" }
      }
    },
    "service": {
      "type": "object",
      "properties": {
        "type": { "enum": ["ClusterIP", "NodePort", "LoadBalancer"] },
        "port": { "type": "integer", "minimum": 1, "maximum": 65535 }
      }
    },
    "podLabels": { "type": "object", "additionalProperties": { "type": "string" } }
  }
}
`,
    'templates/_helpers.tpl': `{{!-- The chart name, overridable with nameOverride. --}}
{{#define "${name}.name"}}{{trimSuffix "-" (trunc 63 (default Chart.Name Values.nameOverride))}}{{/define}}

{{!-- A fully qualified app name: release-chart, at most 63 characters (DNS names). --}}
{{#define "${name}.fullname"}}
{{~#if Values.fullnameOverride~}}
{{trimSuffix "-" (trunc 63 Values.fullnameOverride)}}
{{~else if (contains (default Chart.Name Values.nameOverride) Release.Name)~}}
{{trimSuffix "-" (trunc 63 Release.Name)}}
{{~else~}}
{{trimSuffix "-" (trunc 63 (printf "%s-%s" Release.Name (default Chart.Name Values.nameOverride)))}}
{{~/if~}}
{{/define}}

{{#define "${name}.chart"}}{{trimSuffix "-" (trunc 63 (replace "+" "_" (printf "%s-%s" Chart.Name Chart.Version)))}}{{/define}}

{{#define "${name}.selectorLabels"}}
app.kubernetes.io/name: {{include "${name}.name" this}}
app.kubernetes.io/instance: {{Release.Name}}
{{/define}}

{{#define "${name}.labels"}}
helm.sh/chart: {{include "${name}.chart" this}}
{{include "${name}.selectorLabels" this}}
app.kubernetes.io/version: {{quote Chart.AppVersion}}
app.kubernetes.io/managed-by: {{Release.Service}}
{{/define}}
`,
    'templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{include "${name}.fullname" this}}
  labels:
    {{~nindent 4 (include "${name}.labels" this)}}
spec:
  replicas: {{Values.replicaCount}}
  selector:
    matchLabels:
      {{~nindent 6 (include "${name}.selectorLabels" this)}}
  template:
    metadata:
      {{#if Values.podAnnotations}}
      annotations:
        {{~nindent 8 (toYaml Values.podAnnotations)}}
      {{/if}}
      labels:
        {{~nindent 8 (include "${name}.labels" this)}}
        {{#if Values.podLabels}}
        {{~nindent 8 (toYaml Values.podLabels)}}
        {{/if}}
    spec:
      securityContext:
        {{~nindent 8 (toYaml Values.podSecurityContext)}}
      containers:
        - name: {{Chart.Name}}
          securityContext:
            {{~nindent 12 (toYaml Values.securityContext)}}
          image: "{{Values.image.repository}}:{{default Chart.AppVersion Values.image.tag}}"
          imagePullPolicy: {{Values.image.pullPolicy}}
          ports:
            - name: http
              containerPort: {{Values.service.port}}
              protocol: TCP
          livenessProbe:
            {{~nindent 12 (toYaml Values.livenessProbe)}}
          readinessProbe:
            {{~nindent 12 (toYaml Values.readinessProbe)}}
          resources:
            {{~nindent 12 (toYaml Values.resources)}}
          {{#if Values.volumeMounts}}
          volumeMounts:
            {{~nindent 12 (toYaml Values.volumeMounts)}}
          {{/if}}
      {{#if Values.volumes}}
      volumes:
        {{~nindent 8 (toYaml Values.volumes)}}
      {{/if}}
      {{#if Values.nodeSelector}}
      nodeSelector:
        {{~nindent 8 (toYaml Values.nodeSelector)}}
      {{/if}}
      {{#if Values.affinity}}
      affinity:
        {{~nindent 8 (toYaml Values.affinity)}}
      {{/if}}
      {{#if Values.tolerations}}
      tolerations:
        {{~nindent 8 (toYaml Values.tolerations)}}
      {{/if}}
`,
    'templates/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: {{include "${name}.fullname" this}}
  labels:
    {{~nindent 4 (include "${name}.labels" this)}}
spec:
  type: {{Values.service.type}}
  ports:
    - port: {{Values.service.port}}
      targetPort: http
      protocol: TCP
      name: http
  selector:
    {{~nindent 4 (include "${name}.selectorLabels" this)}}
`,
    'templates/NOTES.txt': `{{Chart.Name}} is installed as release {{Release.Name}} in namespace {{Release.Namespace}}.

Reach the application:
  kubectl --namespace {{Release.Namespace}} port-forward svc/{{include "${name}.fullname" this}} 8080:{{Values.service.port}}
  then open http://127.0.0.1:8080
`,
    'templates/tests/test-connection.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: "{{include "${name}.fullname" this}}-test-connection"
  labels:
    {{~nindent 4 (include "${name}.labels" this)}}
  annotations:
    helm.sh/hook: test
spec:
  containers:
    - name: wget
      image: busybox
      command: ['wget']
      args: ['{{include "${name}.fullname" this}}:{{Values.service.port}}']
  restartPolicy: Never
`,
  };
}
