{{/* Names are cut at 63 characters, the limit for DNS labels and label values. */}}

{{- define "cqrs-shop.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "cqrs-shop.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Leaves room for the "-command-app" suffix. */}}
{{- define "cqrs-shop.commandApp.fullname" -}}
{{- printf "%s-command-app" (include "cqrs-shop.fullname" . | trunc 51 | trimSuffix "-") }}
{{- end }}

{{- define "cqrs-shop.queryApp.fullname" -}}
{{- printf "%s-query-app" (include "cqrs-shop.fullname" . | trunc 53 | trimSuffix "-") }}
{{- end }}

{{- define "cqrs-shop.gateway.fullname" -}}
{{- printf "%s-gateway" (include "cqrs-shop.fullname" . | trunc 55 | trimSuffix "-") }}
{{- end }}

{{- define "cqrs-shop.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "cqrs-shop.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: cqrs-shop
{{- end }}

{{/*
Selector labels of one app. Call with (dict "root" $ "component" "command-app").
They never change between upgrades, since a Deployment's selector is immutable.
*/}}
{{- define "cqrs-shop.selectorLabels" -}}
app.kubernetes.io/name: {{ include "cqrs-shop.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "cqrs-shop.componentLabels" -}}
{{ include "cqrs-shop.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Call with (dict "root" $ "app" .Values.commandApp). */}}
{{- define "cqrs-shop.image" -}}
{{- printf "%s%s:%s" .root.Values.image.registry .app.image.repository (default .root.Chart.AppVersion .root.Values.image.tag) }}
{{- end }}

{{/*
The gateway has one flavour: without a tag of its own it follows image.tag minus a "-native"
suffix, so one version bump moves all three images; then the appVersion.
*/}}
{{- define "cqrs-shop.gateway.image" -}}
{{- $tag := .Values.gateway.image.tag | default (trimSuffix "-native" .Values.image.tag) | default .Chart.AppVersion }}
{{- printf "%s%s:%s" .Values.image.registry .Values.gateway.image.repository $tag }}
{{- end }}

{{- define "cqrs-shop.secretName" -}}
{{- default (include "cqrs-shop.fullname" .) .Values.secret.existingSecret }}
{{- end }}

{{/*
The command-app's address inside the cluster. A Knative Service answers on port 80 under its own
name; a plain Service on the app's port.
*/}}
{{- define "cqrs-shop.commandApp.url" -}}
{{- if .Values.knative.enabled }}
{{- printf "http://%s.%s.svc" (include "cqrs-shop.commandApp.fullname" .) .Release.Namespace }}
{{- else }}
{{- printf "http://%s:%d" (include "cqrs-shop.commandApp.fullname" .) (int .Values.commandApp.service.port) }}
{{- end }}
{{- end }}

{{- define "cqrs-shop.queryApp.url" -}}
{{- if .Values.knative.enabled }}
{{- printf "http://%s.%s.svc" (include "cqrs-shop.queryApp.fullname" .) .Release.Namespace }}
{{- else }}
{{- printf "http://%s:%d" (include "cqrs-shop.queryApp.fullname" .) (int .Values.queryApp.service.port) }}
{{- end }}
{{- end }}

{{/*
Probes on the Quarkus health endpoints. Call with (dict "root" $ "port" 8080 "startup" true).
Liveness only asks whether the JVM is alive; readiness also follows the app's database, so a
database outage takes a replica out of the Service without restarting it.
*/}}
{{- define "cqrs-shop.probes" -}}
{{- $p := .root.Values.probes }}
{{- if .startup }}
startupProbe:
  httpGet:
    path: /q/health/live
    port: {{ .port }}
  periodSeconds: {{ $p.startup.periodSeconds }}
  timeoutSeconds: {{ $p.startup.timeoutSeconds }}
  failureThreshold: {{ $p.startup.failureThreshold }}
{{- end }}
livenessProbe:
  httpGet:
    path: /q/health/live
    port: {{ .port }}
  periodSeconds: {{ $p.liveness.periodSeconds }}
  timeoutSeconds: {{ $p.liveness.timeoutSeconds }}
  failureThreshold: {{ $p.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: {{ .port }}
  periodSeconds: {{ $p.readiness.periodSeconds }}
  timeoutSeconds: {{ $p.readiness.timeoutSeconds }}
  failureThreshold: {{ $p.readiness.failureThreshold }}
{{- end }}

{{/* Call with (dict "root" $ "port" 8080 "app" .Values.commandApp). */}}
{{- define "cqrs-shop.podAnnotations" -}}
checksum/config: {{ include (print .root.Template.BasePath "/configmap.yaml") .root | sha256sum }}
{{- if not .root.Values.secret.existingSecret }}
checksum/secret: {{ include (print .root.Template.BasePath "/secret.yaml") .root | sha256sum }}
{{- end }}
{{- if .root.Values.prometheusScrapeAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/path: /q/metrics
prometheus.io/port: {{ .port | quote }}
{{- end }}
{{- with .app.podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "cqrs-shop.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "cqrs-shop.secretName" .root }}
      key: {{ .key }}
{{- end }}

{{/*
The app container, shared by the Deployment and the Knative Service. Call with
(dict "root" $ "app" .Values.commandApp "name" "command-app" "fullname" "..." "secretEnv" (list ...) "knative" false)
where secretEnv lists [ENV_NAME, secret key] pairs. Knative wants a named container and accepts
only "http1" or "h2c" as the port name.
*/}}
{{- define "cqrs-shop.container" -}}
{{- $port := int .app.service.port -}}
- name: {{ .name }}
  image: {{ include "cqrs-shop.image" . | quote }}
  imagePullPolicy: {{ .root.Values.image.pullPolicy }}
  ports:
    - name: {{ ternary "http1" "http" .knative }}
      containerPort: {{ $port }}
      protocol: TCP
  envFrom:
    - configMapRef:
        name: {{ .fullname }}
    {{- with .app.extraEnvFrom }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  env:
    {{- range .secretEnv }}
    {{- include "cqrs-shop.secretEnv" (dict "root" $.root "name" (index . 0) "key" (index . 1)) | nindent 4 }}
    {{- end }}
    {{- with .app.extraEnv }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- include "cqrs-shop.probes" (dict "root" .root "port" $port "startup" (or (not .knative) .root.Values.knative.startupProbe)) | trim | nindent 2 }}
  {{- with .app.resources }}
  resources:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .root.Values.securityContext }}
  securityContext:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}

{{- define "cqrs-shop.commandApp.secretEnv" -}}
{{- $k := .Values.secret.keys }}
{{- list (list "POSTGRES_PASSWORD" $k.postgresPassword) (list "RABBITMQ_PASSWORD" $k.rabbitmqPassword) | toJson }}
{{- end }}

{{- define "cqrs-shop.queryApp.secretEnv" -}}
{{- $k := .Values.secret.keys }}
{{- list (list "MONGODB_URI" $k.mongodbUri) (list "RABBITMQ_PASSWORD" $k.rabbitmqPassword) (list "REDIS_URL" $k.redisUrl) | toJson }}
{{- end }}

{{/*
Pod-level settings of a plain Deployment. Knative allows fewer pod fields by default, so its
Service sets only what its webhook accepts.
*/}}
{{- define "cqrs-shop.podSpecExtras" -}}
automountServiceAccountToken: false
terminationGracePeriodSeconds: {{ .root.Values.terminationGracePeriodSeconds }}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .root.Values.podSecurityContext }}
securityContext:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .app.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .app.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .app.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
