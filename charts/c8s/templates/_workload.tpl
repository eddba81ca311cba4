{{/*
The Deployment of one service. Call with a dict:
  root       the chart root ($)
  component  name suffix and component label (controller, api-server, webhook)
  values     the component's values (.Values.controller, ...)
  env        rendered YAML list of the component's own environment variables
  tls        whether to mount the webhook TLS Secret and serve 8443
  checksum   optional pod annotation value that rolls the pods when it changes
  serves     whether Services route clients to it: it then drains before stopping (drainSeconds)
*/}}
{{- define "c8s.deployment" -}}
{{- $root := .root }}
{{- $v := .values }}
{{- $name := include "c8s.componentName" (dict "root" $root "component" .component) }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "c8s.componentLabels" (dict "root" $root "component" .component) | nindent 4 }}
spec:
  replicas: {{ $v.replicas }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "c8s.selectorLabels" (dict "root" $root "component" .component) | nindent 6 }}
  # Rolling for every service, the controller included: its leader election keeps an overlapping
  # old and new pod from both acting, and a new pod that never becomes ready leaves the old one running.
  strategy:
    type: RollingUpdate
    rollingUpdate:
      # never below the desired count: with one replica the service stays up during a rollout
      maxUnavailable: 0
      maxSurge: 1
  template:
    metadata:
      labels:
        {{- include "c8s.componentLabels" (dict "root" $root "component" .component) | nindent 8 }}
      {{- if or $v.podAnnotations .checksum }}
      annotations:
        {{- with .checksum }}
        checksum/webhook-tls: {{ . }}
        {{- end }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- end }}
    spec:
      serviceAccountName: {{ $name }}
      automountServiceAccountToken: true
      # the services find each other through DNS; service links would only add noise to the environment
      enableServiceLinks: false
      {{- with $root.Values.image.pullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
      securityContext:
        runAsNonRoot: true
        runAsUser: 1001
        runAsGroup: 1001
        # makes the mounted Secret files readable by the non-root user despite their 0440 mode
        fsGroup: 1001
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: {{ .component }}
          image: {{ include "c8s.image" (dict "root" $root "image" $v.image) }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
            {{- if .tls }}
            - name: https
              containerPort: 8443
              protocol: TCP
            {{- end }}
          env:
            - name: QUARKUS_LOG_CATEGORY__DEV_C8S__LEVEL
              value: {{ $root.Values.logging.level }}
            - name: QUARKUS_LOG_CONSOLE_JSON_ENABLED
              value: {{ eq $root.Values.logging.format "json" | quote }}
            {{- with $root.Values.javaToolOptions }}
            - name: JAVA_TOOL_OPTIONS
              value: {{ . | quote }}
            {{- end }}
            {{- with $root.Values.mallocArenaMax }}
            - name: MALLOC_ARENA_MAX
              value: {{ . | quote }}
            {{- end }}
            {{- with .env }}
            {{- . | trim | nindent 12 }}
            {{- end }}
            {{- with $v.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          # the JVM starts slowly on a busy node; the startup probe keeps liveness from killing it meanwhile
          {{- if and .serves (gt (int $root.Values.drainSeconds) 0) }}
          # A terminating pod leaves the Service's endpoints a moment later on every node (and in
          # every ingress): keep serving until they have caught up, then shut down.
          lifecycle:
            preStop:
              sleep:
                seconds: {{ $root.Values.drainSeconds }}
          {{- end }}
          startupProbe:
            httpGet:
              path: /q/health/started
              port: http
            periodSeconds: 2
            failureThreshold: 60
          livenessProbe:
            httpGet:
              path: /q/health/live
              port: http
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /q/health/ready
              port: http
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 3
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            runAsNonRoot: true
            capabilities:
              drop:
                - ALL
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- if .tls }}
            - name: webhook-tls
              mountPath: /etc/c8s/webhook-tls
              readOnly: true
            {{- end }}
      volumes:
        # the only writable path: the root filesystem is read-only
        - name: tmp
          emptyDir:
            sizeLimit: {{ $root.Values.tmpSizeLimit }}
        {{- if .tls }}
        - name: webhook-tls
          secret:
            secretName: {{ include "c8s.webhookTlsSecretName" $root }}
            defaultMode: 0440
        {{- end }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}

{{/* The ServiceAccount of one service; call with (dict "root" $ "component" "..." "values" ...). */}}
{{- define "c8s.serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "c8s.componentName" (dict "root" .root "component" .component) }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "c8s.componentLabels" (dict "root" .root "component" .component) | nindent 4 }}
  {{- with .values.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}

{{/* A PodDisruptionBudget, only worth having when there is more than one replica. */}}
{{- define "c8s.podDisruptionBudget" -}}
{{- if gt (int .values.replicas) 1 }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "c8s.componentName" (dict "root" .root "component" .component) }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "c8s.componentLabels" (dict "root" .root "component" .component) | nindent 4 }}
spec:
  minAvailable: 1
  selector:
    matchLabels:
      {{- include "c8s.selectorLabels" (dict "root" .root "component" .component) | nindent 6 }}
{{- end }}
{{- end }}
