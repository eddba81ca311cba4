package dev.c8s.cli.kubeconfig;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * One context of a kubeconfig with what c8s takes from it.
 *
 * @param name the context's name
 * @param userName the name of its user entry
 * @param user the user entry's {@code user} object (token, tokenFile, exec, client certificates)
 * @param namespace the context's namespace, or null
 * @param directory the kubeconfig's directory: relative paths in it are relative to this
 */
public record KubeContext(
    String name, String userName, JsonNode user, String namespace, Path directory) {}
