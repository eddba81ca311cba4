package dev.c8s.api.storage;

import static dev.c8s.api.testing.Api.asAdmin;
import static dev.c8s.api.testing.Api.path;
import static dev.c8s.api.testing.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.c8s.api.testing.ApiServerResources;
import dev.c8s.api.testing.Archives;
import dev.c8s.api.testing.Fixtures;
import dev.c8s.api.testing.Runs;
import dev.c8s.api.testing.TestEnvironment;
import dev.c8s.model.v1alpha1.StepPhase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Artifact archives in S3Proxy: listing their files, downloading one, presigning the archive. */
@QuarkusTest
@WithTestResource(ApiServerResources.class)
class ArtifactApiIT {
  private String ns;
  private byte[] binary;
  private byte[] archive;

  @BeforeEach
  void runWithAnArchivedBuild() {
    ns = Fixtures.namespace("artifacts");
    binary = new byte[300_000];
    new Random(7).nextBytes(binary);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("dist/app.bin", binary);
    files.put("reports/junit.xml", "<testsuite tests=\"3\"/>".getBytes(StandardCharsets.UTF_8));
    archive = Archives.tarGz(files);
    TestEnvironment.put(
        TestEnvironment.ARTIFACTS_BUCKET, ns + "/r1/build/artifacts.tar.gz", archive);
    Runs.started(
        ns,
        "r1",
        Fixtures.spec(step("test"), step("build")),
        Runs.step("test", StepPhase.Succeeded, "r1-test", null),
        Runs.step("build", StepPhase.Succeeded, "r1-build", null));
  }

  @Test
  void listsTheRegularFilesOfTheArchive() {
    asAdmin()
        .get(path(ns, "pipelineruns/r1/steps/build/artifacts"))
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("items.path", equalTo(List.of("dist/app.bin", "reports/junit.xml")))
        .body("items[0].size", equalTo(300_000));
  }

  @Test
  void downloadsOneFileByItsPath() {
    byte[] body =
        asAdmin()
            .get(path(ns, "pipelineruns/r1/steps/build/artifacts/dist/app.bin"))
            .then()
            .statusCode(200)
            .contentType("application/octet-stream")
            .header("Content-Disposition", "attachment; filename=\"app.bin\"")
            .extract()
            .asByteArray();
    assertThat(body).isEqualTo(binary);
    asAdmin()
        .get(path(ns, "pipelineruns/r1/steps/build/artifacts/reports/junit.xml"))
        .then()
        .statusCode(200)
        .body(equalTo("<testsuite tests=\"3\"/>"));
  }

  @Test
  void missingFileArchiveStepOrRunIs404() {
    asAdmin()
        .get(path(ns, "pipelineruns/r1/steps/build/artifacts/dist/other.bin"))
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("has no artifact \"dist/other.bin\""));
    asAdmin()
        .get(path(ns, "pipelineruns/r1/steps/test/artifacts"))
        .then()
        .statusCode(404)
        .body("detail", containsString("has no artifacts"));
    asAdmin()
        .get(path(ns, "pipelineruns/r1/steps/lint/artifacts"))
        .then()
        .statusCode(404)
        .body("detail", equalTo("PipelineRun \"r1\" has no step \"lint\""));
    asAdmin().get(path(ns, "pipelineruns/r9/steps/build/artifacts")).then().statusCode(404);
    asAdmin()
        .queryParam("presign", true)
        .get(path(ns, "pipelineruns/r1/steps/test/artifacts"))
        .then()
        .statusCode(404);
  }

  @Test
  void presignedUrlDownloadsTheWholeArchiveWithoutCredentials() throws Exception {
    var json =
        asAdmin()
            .queryParam("presign", true)
            .get(path(ns, "pipelineruns/r1/steps/build/artifacts"))
            .then()
            .statusCode(200)
            .body("url", containsString("/c8s-artifacts/" + ns + "/r1/build/artifacts.tar.gz"))
            .extract()
            .jsonPath();
    Instant expiry = Instant.parse(json.getString("expiresAt"));
    assertThat(expiry).isBetween(Instant.now(), Instant.now().plusSeconds(301));

    HttpResponse<byte[]> download =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(json.getString("url"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(archive);
  }
}
