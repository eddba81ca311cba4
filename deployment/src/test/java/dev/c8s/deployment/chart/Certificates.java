package dev.c8s.deployment.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.internal.CertUtils;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** The PEM material of a webhook TLS Secret, parsed so tests can check what the API server will. */
record Certificates(
    String servingPem, X509Certificate ca, X509Certificate serving, PrivateKey key) {

  static Certificates of(Secret secret) throws Exception {
    String caPem = decode(secret.getData().get("ca.crt"));
    String servingPem = decode(secret.getData().get("tls.crt"));
    String keyPem = decode(secret.getData().get("tls.key"));
    char[] password = "test".toCharArray();
    // fabric8's loader reads the PKCS#1 "RSA PRIVATE KEY" PEM that Helm's genSignedCert writes
    KeyStore store =
        CertUtils.createKeyStore(
            stream(servingPem), stream(keyPem), "RSA", password, null, password);
    String alias = store.aliases().nextElement();
    return new Certificates(
        servingPem, x509(caPem), x509(servingPem), (PrivateKey) store.getKey(alias, password));
  }

  /** Asserts what the API server checks: a CA-signed serving certificate for these names. */
  void assertServesAndIsSignedByCa(String... dnsNames) throws Exception {
    assertThat(ca.getBasicConstraints()).as("CA certificate is a CA").isGreaterThanOrEqualTo(0);
    assertThat(serving.getBasicConstraints()).as("serving certificate is no CA").isEqualTo(-1);
    serving.verify(ca.getPublicKey());
    serving.checkValidity();
    List<String> names =
        serving.getSubjectAlternativeNames().stream()
            .filter(san -> (Integer) san.get(0) == 2)
            .map(san -> (String) san.get(1))
            .toList();
    assertThat(names).contains(dnsNames);
    // the private key in the Secret belongs to the certificate the webhook presents
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(key);
    signer.update("c8s".getBytes(StandardCharsets.UTF_8));
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(serving.getPublicKey());
    verifier.update("c8s".getBytes(StandardCharsets.UTF_8));
    assertThat(verifier.verify(signature)).isTrue();
  }

  Instant notAfter() {
    return serving.getNotAfter().toInstant();
  }

  /** What the chart's {@code sha256sum} of the serving certificate PEM yields. */
  String certificateSha256() throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256")
                .digest(servingPem.getBytes(StandardCharsets.UTF_8)));
  }

  static X509Certificate x509(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(stream(pem));
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
