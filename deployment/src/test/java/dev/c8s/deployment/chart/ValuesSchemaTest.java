package dev.c8s.deployment.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** values.schema.json (and the chart's own checks) refuse bad values before anything renders. */
class ValuesSchemaTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          memory that is not a quantity  | controller: {resources: {limits: {memory: lots}}}      | /controller/resources/limits/memory
          cpu that is not a quantity     | webhook: {resources: {requests: {cpu: fast}}}        | /webhook/resources/requests/cpu
          negative replicas              | apiServer: {replicas: -1}                            | /apiServer/replicas
          zero replicas                  | webhook: {replicas: 0}                               | /webhook/replicas
          four controllers               | controller: {replicas: 4}                            | /controller/replicas
          zero controllers               | controller: {replicas: 0}                            | /controller/replicas
          replicas as text               | apiServer: {replicas: two}                           | /apiServer/replicas
          image tag latest               | image: {tag: latest}                                 | /image/tag
          image tag LATEST               | image: {tag: LATEST}                                 | /image/tag
          tag with a slash               | image: {tag: a/b}                                    | /image/tag
          step git image on latest       | controller: {gitImage: "alpine/git:latest"}          | /controller/gitImage
          unpinned transfer image        | controller: {transferImage: curlimages/curl}         | /controller/transferImage
          unknown top-level key          | replicas: 3                                          | replicas
          misspelt component key         | controller: {replica: 1}                             | replica
          limits removed                 | apiServer: {resources: {limits: null}}               | limits
          failure policy outside enum    | webhook: {admission: {failurePolicy: Sometimes}}     | /webhook/admission/failurePolicy
          timeout above the API maximum  | webhook: {admission: {timeoutSeconds: 31}}           | /webhook/admission/timeoutSeconds
          selector operator outside enum | 'webhook: {admission: {namespaceSelector: {matchExpressions: [{key: a, operator: Like}]}}}' | operator
          service type outside enum      | apiServer: {service: {type: External}}               | /apiServer/service/type
          port out of range              | webhook: {service: {port: 70000}}                    | /webhook/service/port
          log level outside enum         | logging: {level: LOUD}                               | /logging/level
          log format outside enum        | logging: {format: xml}                               | /logging/format
          bucket name with capitals      | storage: {s3: {logsBucket: Logs_Bucket}}             | /storage/s3/logsBucket
          endpoint that is not a URL     | storage: {s3: {endpoint: "minio:9000"}}              | /storage/s3/endpoint
          checksum mode outside enum     | storage: {s3: {requestChecksums: always}}            | /storage/s3/requestChecksums
          access key without secret key  | storage: {s3: {credentials: {accessKeyId: AKIA}}}    | secretAccessKey
          secret key without access key  | storage: {s3: {credentials: {secretAccessKey: s}}}   | accessKeyId
          ingress without host           | webhook: {ingress: {enabled: true}}                  | /webhook/ingress/host
          ingress TLS without secret     | webhook: {ingress: {enabled: true, host: ci.example.com, tls: {enabled: true}}} | secretName
          issuer kind outside enum       | webhook: {certManager: {issuerRef: {kind: Vault}}}   | /webhook/certManager/issuerRef/kind
          job TTL that is no duration    | controller: {jobTtl: an hour}                        | /controller/jobTtl
          boolean label value            | commonLabels: {team: true}                           | /commonLabels/team
          """)
  void schemaRejects(String what, String values, String complaint) {
    assertThat(HelmChart.rejection(values))
        .as(what)
        .contains("values don't meet the specifications of the schema")
        .contains(complaint);
  }

  @Test
  void renewalWindowMustBeShorterThanTheValidity() {
    assertThat(
            HelmChart.rejection("webhook: {certificate: {validityDays: 30, renewBeforeDays: 30}}"))
        .contains("renewBeforeDays must be below validityDays");
  }

  @Test
  void acceptsNumericQuantitiesPinnedDigestsAndIsoDurations() {
    String digest = "a".repeat(64);
    Rendered rendered =
        HelmChart.render(
            """
            controller:
              resources: {requests: {cpu: 0.25, memory: 268435456}, limits: {cpu: 1, memory: 1Gi}}
              gitImage: registry.local:5000/tools/git@sha256:%s
              jobTtl: PT2H
            image: {registry: "", tag: 0.1.0-rc.1}
            """
                .formatted(digest));

    var resources = rendered.container("controller").getResources();
    assertThat(Quantity.getAmountInBytes(resources.getRequests().get("memory")))
        .isEqualByComparingTo("268435456");
    assertThat(resources.getLimits().get("cpu")).isEqualTo(new Quantity("1"));
    assertThat(rendered.container("controller").getImage()).isEqualTo("c8s-controller:0.1.0-rc.1");
    assertThat(rendered.env("controller"))
        .containsEntry("C8S_CONTROLLER_GIT_IMAGE", "registry.local:5000/tools/git@sha256:" + digest)
        .containsEntry("C8S_CONTROLLER_JOB_TTL", "PT2H");
  }
}
