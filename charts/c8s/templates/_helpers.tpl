{{/*
Names and labels shared by every template.
*/}}
{{- define "c8s.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "c8s.fullname" -}}
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

{{- define "c8s.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Name of a component's objects; call with (dict "root" $ "component" "api-server"). */}}
{{- define "c8s.componentName" -}}
{{- printf "%s-%s" (include "c8s.fullname" .root | trunc 50 | trimSuffix "-") .component }}
{{- end }}

{{- define "c8s.labels" -}}
helm.sh/chart: {{ include "c8s.chart" . }}
app.kubernetes.io/name: {{ include "c8s.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: c8s
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Labels of a component's objects; call with (dict "root" $ "component" "webhook"). */}}
{{- define "c8s.componentLabels" -}}
{{ include "c8s.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Labels that select a component's pods; never change them, Deployment selectors are immutable. */}}
{{- define "c8s.selectorLabels" -}}
app.kubernetes.io/name: {{ include "c8s.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
Image reference <registry>/<name>:<tag>; the tag defaults to appVersion. The schema already rejects
"latest"; this check also covers a latest appVersion or a differently cased spelling.
*/}}
{{- define "c8s.image" -}}
{{- $tag := .root.Values.image.tag | default .root.Chart.AppVersion | toString }}
{{- if eq (lower $tag) "latest" }}
{{- fail "image tag must not be latest: pin a version (image.tag or the chart appVersion)" }}
{{- end }}
{{- $registry := .root.Values.image.registry | trimSuffix "/" }}
{{- if $registry }}
{{- printf "%s/%s:%s" $registry .image.name $tag }}
{{- else }}
{{- printf "%s:%s" .image.name $tag }}
{{- end }}
{{- end }}

{{/* Secret holding the S3 key pair, or nothing when the AWS default credentials chain is used. */}}
{{- define "c8s.s3SecretName" -}}
{{- $creds := .Values.storage.s3.credentials }}
{{- if $creds.existingSecret }}
{{- $creds.existingSecret }}
{{- else if $creds.accessKeyId }}
{{- printf "%s-s3" (include "c8s.fullname" .) }}
{{- end }}
{{- end }}

{{/* S3 settings of the services that read or write logs and artifacts (controller, api-server). */}}
{{- define "c8s.s3Env" -}}
{{- $s3 := .Values.storage.s3 }}
{{- with $s3.endpoint }}
- name: QUARKUS_S3_ENDPOINT_OVERRIDE
  value: {{ . | quote }}
{{- end }}
- name: QUARKUS_S3_PATH_STYLE_ACCESS
  value: {{ $s3.pathStyle | quote }}
- name: QUARKUS_S3_AWS_REGION
  value: {{ $s3.region | quote }}
- name: AWS_REQUEST_CHECKSUM_CALCULATION
  value: {{ $s3.requestChecksums | default "when_required" | quote }}
{{- $secret := include "c8s.s3SecretName" . }}
{{- if $secret }}
- name: QUARKUS_S3_AWS_CREDENTIALS_TYPE
  value: static
- name: QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $s3.credentials.accessKeyIdKey }}
- name: QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $s3.credentials.secretAccessKeyKey }}
{{- else }}
- name: QUARKUS_S3_AWS_CREDENTIALS_TYPE
  value: default
{{- end }}
- name: C8S_STORAGE_LOGS_BUCKET
  value: {{ $s3.logsBucket | quote }}
- name: C8S_STORAGE_ARTIFACTS_BUCKET
  value: {{ $s3.artifactsBucket | quote }}
{{- end }}

{{/* Public base URL of the webhook receivers (RepositoryConnection status.webhookURL). */}}
{{- define "c8s.webhookExternalUrl" -}}
{{- $webhook := .Values.webhook }}
{{- if $webhook.externalUrl }}
{{- $webhook.externalUrl | trimSuffix "/" }}
{{- else if $webhook.ingress.enabled }}
{{- printf "%s://%s" (ternary "https" "http" $webhook.ingress.tls.enabled) $webhook.ingress.host }}
{{- else }}
{{- printf "http://%s.%s.svc:%d" (include "c8s.componentName" (dict "root" . "component" "webhook")) .Release.Namespace (int $webhook.service.port) }}
{{- end }}
{{- end }}

{{- /* The link of a run shown with its commit status: the value, else the run in the api-server's REST API. */}}
{{- define "c8s.runUrl" -}}
{{- if .Values.controller.runUrl }}
{{- .Values.controller.runUrl }}
{{- else }}
{{- printf "http://%s.%s.svc:%d/api/v1/namespaces/{namespace}/pipelineruns/{name}" (include "c8s.componentName" (dict "root" . "component" "api-server")) .Release.Namespace (int .Values.apiServer.service.port) }}
{{- end }}
{{- end }}
