package dev.c8s.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The webhook's certificates as cert-controller accepts them: a CA named {@code kueue-ca} (also its
 * DNS SAN, which cert-controller verifies) with a PKCS#1 key, and a serving certificate it signed
 * for the Service's DNS name (what cert-controller checks) and 127.0.0.1 (what the API server
 * dials). Both stay valid beyond cert-controller's 90-day look-ahead, so it keeps them.
 */
record KueuePki(String caPem, String caKeyPem, String servingPem, String servingKeyPem) {
  static KueuePki generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair ca = generator.generateKeyPair();
      KeyPair serving = generator.generateKeyPair();
      Instant now = Instant.now();
      Date notBefore = Date.from(now.minus(Duration.ofHours(1)));
      Date notAfter = Date.from(now.plus(Duration.ofDays(3650)));
      X500Name caName = new X500Name("O=kueue,CN=kueue-ca");
      X509v3CertificateBuilder caCert =
          new JcaX509v3CertificateBuilder(
                  caName, BigInteger.ONE, notBefore, notAfter, caName, ca.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(
                      KeyUsage.keyCertSign | KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(new GeneralName(GeneralName.dNSName, "kueue-ca")));
      String dnsName = KueueInstallation.SERVICE + "." + KueueServer.NAMESPACE + ".svc";
      X509v3CertificateBuilder servingCert =
          new JcaX509v3CertificateBuilder(
                  caName,
                  BigInteger.TWO,
                  notBefore,
                  notAfter,
                  new X500Name("CN=" + dnsName),
                  serving.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(
                      new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, dnsName),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                      }));
      var signer = new JcaContentSignerBuilder("SHA256withRSA").build(ca.getPrivate());
      return new KueuePki(
          pem("CERTIFICATE", caCert.build(signer).getEncoded()),
          pkcs1(ca.getPrivate()),
          pem("CERTIFICATE", servingCert.build(signer).getEncoded()),
          pkcs1(serving.getPrivate()));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot make Kueue's webhook certificates", e);
    }
  }

  /** cert-controller parses the CA key with Go's x509.ParsePKCS1PrivateKey. */
  private static String pkcs1(PrivateKey key) throws IOException {
    return pem(
        "RSA PRIVATE KEY",
        PrivateKeyInfo.getInstance(key.getEncoded())
            .parsePrivateKey()
            .toASN1Primitive()
            .getEncoded());
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
