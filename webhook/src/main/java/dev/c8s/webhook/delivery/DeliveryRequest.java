package dev.c8s.webhook.delivery;

import java.util.Map;
import java.util.TreeMap;

/** One webhook delivery as it arrived: its headers (names case-insensitive) and raw body. */
public record DeliveryRequest(Map<String, String> headers, byte[] body) {

  public DeliveryRequest {
    Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    headers = copy;
  }

  /** The value of header {@code name}, or null when it was not sent. */
  public String header(String name) {
    return headers.get(name);
  }
}
