{{/*
Names, labels and the pieces every service's Deployment shares.
The four services are the "components"; each is addressed by its name (repo-watcher, differ, applier, notifier)
and configured under its values key (repoWatcher, differ, applier, notifier).
*/}}

{{- define "lockstep.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "lockstep.fullname" -}}
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

{{- define "lockstep.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The services, in pipeline order. */}}
{{- define "lockstep.components" -}}
repo-watcher differ applier notifier
{{- end }}

{{/* Values key of a component: repo-watcher -> repoWatcher. Call with the component name. */}}
{{- define "lockstep.valuesKey" -}}
{{- . | camelcase | untitle }}
{{- end }}

{{/* Name of a component's objects (Deployment, Service, ServiceAccount, ConfigMap). ctx: root, component. */}}
{{- define "lockstep.componentName" -}}
{{- printf "%s-%s" (include "lockstep.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that select a component's pods. ctx: root, component. */}}
{{- define "lockstep.selectorLabels" -}}
app.kubernetes.io/name: {{ include "lockstep.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Standard labels. ctx: root, component (component may be empty for chart-wide objects). */}}
{{- define "lockstep.labels" -}}
helm.sh/chart: {{ include "lockstep.chart" .root }}
app.kubernetes.io/name: {{ include "lockstep.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- with .component }}
app.kubernetes.io/component: {{ . }}
{{- end }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: lockstep
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/* A component's image: <registry>/<repository>/<service>:<tag>. ctx: root, component. */}}
{{- define "lockstep.image" -}}
{{- $global := .root.Values.image -}}
{{- $own := (index .root.Values (include "lockstep.valuesKey" .component)).image | default dict -}}
{{- $registry := $own.registry | default $global.registry -}}
{{- $repository := $own.repository | default $global.repository -}}
{{- $name := $own.name | default .component -}}
{{- $tag := $own.tag | default $global.tag | default .root.Chart.AppVersion -}}
{{- if $registry -}}
{{- printf "%s/%s/%s:%s" $registry $repository $name $tag -}}
{{- else -}}
{{- printf "%s/%s:%s" $repository $name $tag -}}
{{- end -}}
{{- end }}

{{/* Whether a component talks to a cluster through its own ServiceAccount token. ctx: root, component. */}}
{{- define "lockstep.usesInClusterApi" -}}
{{- if and (has .component (list "differ" "applier")) .root.Values.clusters.inCluster.enabled -}}
true
{{- end -}}
{{- end }}

{{/* The database URL after the scheme: //host:port/db[?sslmode=...]. */}}
{{- define "lockstep.postgresqlAddress" -}}
{{- $pg := .Values.postgresql -}}
{{- printf "//%s:%v/%s" $pg.host $pg.port $pg.database -}}
{{- with $pg.sslMode }}?sslmode={{ . }}{{ end -}}
{{- end }}

{{/* Kafka security.protocol from the TLS and SASL switches. */}}
{{- define "lockstep.kafkaSecurityProtocol" -}}
{{- $k := .Values.kafka -}}
{{- if and $k.tls.enabled $k.sasl.enabled -}}SASL_SSL
{{- else if $k.tls.enabled -}}SSL
{{- else if $k.sasl.enabled -}}SASL_PLAINTEXT
{{- else -}}PLAINTEXT
{{- end -}}
{{- end }}

{{/* Environment every service shares: HTTP port, Kafka, topics, PostgreSQL. Secrets only via secretKeyRef. */}}
{{- define "lockstep.commonEnv" -}}
{{- $k := .Values.kafka -}}
{{- $pg := .Values.postgresql -}}
- name: QUARKUS_HTTP_PORT
  value: "8080"
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ $k.bootstrapServers | quote }}
- name: KAFKA_SECURITY_PROTOCOL
  value: {{ include "lockstep.kafkaSecurityProtocol" . }}
{{- if $k.tls.enabled }}
- name: KAFKA_SSL_TRUSTSTORE_LOCATION
  value: /etc/lockstep/kafka/truststore/{{ $k.tls.truststoreKey }}
- name: KAFKA_SSL_TRUSTSTORE_TYPE
  value: {{ $k.tls.truststoreType }}
{{- if ne $k.tls.truststoreType "PEM" }}
- name: KAFKA_SSL_TRUSTSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $k.tls.truststorePasswordSecret | default $k.tls.truststoreSecret }}
      key: {{ $k.tls.truststorePasswordKey }}
{{- end }}
{{- end }}
{{- if $k.sasl.enabled }}
- name: KAFKA_SASL_MECHANISM
  value: {{ $k.sasl.mechanism }}
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ $k.sasl.jaasConfigSecret }}
      key: {{ $k.sasl.jaasConfigKey }}
{{- end }}
- name: LOCKSTEP_KAFKA_CREATE_TOPICS
  value: {{ and $k.topics.create (not $k.topics.strimzi.enabled) | quote }}
- name: LOCKSTEP_KAFKA_PARTITIONS
  value: {{ $k.topics.partitions | quote }}
- name: LOCKSTEP_KAFKA_REPLICATION_FACTOR
  value: {{ $k.topics.replicationFactor | quote }}
- name: QUARKUS_DATASOURCE_REACTIVE_URL
  value: {{ printf "postgresql:%s" (include "lockstep.postgresqlAddress" .) | quote }}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ printf "jdbc:postgresql:%s" (include "lockstep.postgresqlAddress" .) | quote }}
- name: QUARKUS_DATASOURCE_USERNAME
{{- if $pg.usernameKey }}
  valueFrom:
    secretKeyRef:
      name: {{ $pg.existingSecret }}
      key: {{ $pg.usernameKey }}
{{- else }}
  value: {{ $pg.username | quote }}
{{- end }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $pg.existingSecret }}
      key: {{ $pg.passwordKey }}
{{- end }}

{{/* The application.properties of a component's ConfigMap. ctx: root, component. */}}
{{- define "lockstep.applicationProperties" -}}
{{- $root := .root -}}
{{- $svc := index $root.Values (include "lockstep.valuesKey" .component) -}}
# Written by the Lockstep Helm chart; read by Quarkus from config/application.properties in the working directory.
# It never holds a secret: credentials are files under /etc/lockstep or environment variables from Secrets.
{{- if eq .component "repo-watcher" }}
{{- range $id, $src := $root.Values.sources }}
{{- if regexMatch "^[A-Za-z][A-Za-z0-9+.-]*://[^/@]*:[^/@]*@" $src.url }}
{{- fail (printf "sources.%s.url must not contain a password: put it in a Secret and set sources.%s.credentials (secretName, passwordKey or tokenKey)" $id $id) }}
{{- end }}
lockstep.sources.{{ $id }}.url={{ $src.url }}
lockstep.sources.{{ $id }}.branch={{ $src.branch | default "main" }}
lockstep.sources.{{ $id }}.poll-interval={{ $src.pollInterval | default "60s" }}
{{- with $src.credentials }}
{{- $dir := printf "/etc/lockstep/sources/%s" $id }}
{{- with .username }}
lockstep.sources.{{ $id }}.credentials.username={{ . }}
{{- end }}
{{- with .tokenKey }}
lockstep.sources.{{ $id }}.credentials.token-file={{ $dir }}/{{ . }}
{{- end }}
{{- with .passwordKey }}
lockstep.sources.{{ $id }}.credentials.password-file={{ $dir }}/{{ . }}
{{- end }}
{{- with .sshPrivateKeyKey }}
lockstep.sources.{{ $id }}.credentials.ssh-private-key-file={{ $dir }}/{{ . }}
{{- end }}
{{- with .sshKnownHostsKey }}
lockstep.sources.{{ $id }}.credentials.ssh-known-hosts-file={{ $dir }}/{{ . }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- /* The applier selects named clusters; the differ gets the kubeconfigs mounted for its live reads to come. */}}
{{- if eq .component "applier" }}
{{- range $root.Values.clusters.extra }}
lockstep.applier.clusters.{{ .name }}.kubeconfig=/etc/lockstep/clusters/{{ .name }}/kubeconfig
{{- end }}
{{- end }}
{{- if eq .component "notifier" }}
{{- range $i, $rule := $root.Values.notifier.defaults }}
lockstep.notifier.defaults[{{ $i }}].on={{ join "," $rule.triggers }}
{{- with $rule.slack }}
lockstep.notifier.defaults[{{ $i }}].slack={{ . }}
{{- end }}
{{- with $rule.email }}
lockstep.notifier.defaults[{{ $i }}].email={{ . }}
{{- end }}
{{- end }}
{{- end }}
{{- range $key, $value := $svc.config }}
{{ $key }}={{ $value }}
{{- end }}
{{- end }}
