package dev.c8s.webhook.tls;

import dev.c8s.webhook.ControlPlaneResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/** The shared control plane plus HTTPS from a generated certificate, configured as deployed. */
public class TlsControlPlaneResource implements QuarkusTestResourceLifecycleManager {
  private static SelfSignedCertificate certificate;

  /** The certificate the server under test presents. */
  static synchronized SelfSignedCertificate certificate() {
    if (certificate == null) {
      certificate = SelfSignedCertificate.generate();
    }
    return certificate;
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> properties = new HashMap<>(ControlPlaneResource.webhookClientProperties());
    properties.put("quarkus.http.ssl.certificate.files", certificate().certFile().toString());
    properties.put("quarkus.http.ssl.certificate.key-files", certificate().keyFile().toString());
    properties.put("quarkus.http.test-ssl-port", "0");
    return properties;
  }

  @Override
  public void stop() {
    // The control plane is shared by the whole test JVM; the files go with the temp directory.
  }
}
