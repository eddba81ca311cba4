package dev.c8s.api.testing;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** Requests to the api-server under test, recorded for the OpenAPI coverage check. */
public final class Api {
  private Api() {}

  /** A request with the cluster-admin ServiceAccount's token. */
  public static RequestSpecification asAdmin() {
    return as(Identities.admin());
  }

  /** A request with {@code token}. */
  public static RequestSpecification as(String token) {
    return anonymous().header("Authorization", "Bearer " + token);
  }

  /** A request without credentials. */
  public static RequestSpecification anonymous() {
    return given().filter(ApiCoverage.RECORDER);
  }

  /** {@code /api/v1/namespaces/<namespace>/<rest>}. */
  public static String path(String namespace, String rest) {
    return "/api/v1/namespaces/" + namespace + "/" + rest;
  }
}
