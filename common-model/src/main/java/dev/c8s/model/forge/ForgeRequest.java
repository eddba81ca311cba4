package dev.c8s.model.forge;

import java.net.URI;
import java.util.Map;

/** One HTTP request to a provider's API, built without sending it. */
public record ForgeRequest(String method, URI uri, Map<String, String> headers, String body) {}
