{{- define "c8s.webhookTlsSecretName" -}}
{{- printf "%s-tls" (include "c8s.componentName" (dict "root" . "component" "webhook")) }}
{{- end }}

{{/* DNS names the API server may use to reach the admission Service. */}}
{{- define "c8s.webhookDnsNames" -}}
{{- $svc := include "c8s.componentName" (dict "root" . "component" "webhook") }}
{{- $ns := .Release.Namespace }}
{{- list $svc (printf "%s.%s" $svc $ns) (printf "%s.%s.svc" $svc $ns) (printf "%s.%s.svc.cluster.local" $svc $ns) | toJson }}
{{- end }}

{{/*
The chart-generated admission certificate as JSON: caCert, cert, key (PEM), caBundle (PEM, possibly two
CAs) and notAfter (RFC 3339).

- On upgrade, reused from the existing Secret (lookup) so it does not rotate; replaced when it is missing,
  incomplete, or expires within webhook.certificate.renewBeforeDays. An install has nothing to reuse and
  does not look (which also keeps clients that render without a cluster, such as helm-java's template,
  from needing one).
- On replacement the previous CA stays in the caBundle, so webhook pods still serving the old certificate
  during the rollout keep being trusted.
- Computed once per render and memoised on the root context: the Secret, the
  ValidatingWebhookConfiguration and the Deployment's checksum must see the same random key.
*/}}
{{- define "c8s.webhookTls" -}}
{{- if not (hasKey . "c8sWebhookTls") }}
{{- $cfg := .Values.webhook.certificate }}
{{- $existing := dict }}
{{- if .Release.IsUpgrade }}
{{- $existing = lookup "v1" "Secret" .Release.Namespace (include "c8s.webhookTlsSecretName" .) }}
{{- end }}
{{- $data := dict }}
{{- $notAfter := "" }}
{{- if $existing }}
{{- $data = $existing.data | default dict }}
{{- $notAfter = index ($existing.metadata.annotations | default dict) "c8s.dev/not-after" | default "" }}
{{- end }}
{{- $renewAt := add (now | unixEpoch | int64) (mul (int $cfg.renewBeforeDays) 86400) }}
{{- $expiresAt := 0 }}
{{- if $notAfter }}
{{- $expiresAt = toDate "2006-01-02T15:04:05Z07:00" $notAfter | unixEpoch | int64 }}
{{- end }}
{{- $complete := and (hasKey $data "ca.crt") (hasKey $data "tls.crt") (hasKey $data "tls.key") }}
{{- $result := dict }}
{{- if and $complete (gt $expiresAt $renewAt) }}
{{- $ca := index $data "ca.crt" | b64dec }}
{{- $result = dict "caCert" $ca "cert" (index $data "tls.crt" | b64dec) "key" (index $data "tls.key" | b64dec) "caBundle" $ca "notAfter" $notAfter }}
{{- else }}
{{- $days := int $cfg.validityDays }}
{{- $ca := genCA (printf "%s-webhook-ca" (include "c8s.fullname" .)) $days }}
{{- $dnsNames := include "c8s.webhookDnsNames" . | fromJsonArray }}
{{- $cert := genSignedCert (index $dnsNames 2) nil $dnsNames $days $ca }}
{{- $bundle := $ca.Cert }}
{{- if hasKey $data "ca.crt" }}
{{- $bundle = printf "%s\n%s" (trimSuffix "\n" $ca.Cert) (index $data "ca.crt" | b64dec) }}
{{- end }}
{{- $expires := dateInZone "2006-01-02T15:04:05Z07:00" (now | dateModify (printf "+%dh" (mul $days 24))) "UTC" }}
{{- $result = dict "caCert" $ca.Cert "cert" $cert.Cert "key" $cert.Key "caBundle" $bundle "notAfter" $expires }}
{{- end }}
{{- $_ := set . "c8sWebhookTls" $result }}
{{- end }}
{{- index . "c8sWebhookTls" | toJson }}
{{- end }}
