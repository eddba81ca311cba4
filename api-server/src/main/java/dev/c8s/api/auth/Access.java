package dev.c8s.api.auth;

import dev.c8s.model.v1alpha1.C8s;

/**
 * One Kubernetes permission: a verb on a c8s resource (and subresource) in a namespace.
 *
 * @param verb for example {@code list}
 * @param resource for example {@code pipelineruns}
 * @param subresource for example {@code log}, or empty
 * @param namespace the namespace of the request
 * @param name the object's name, or empty for collection verbs
 */
public record Access(
    String verb, String resource, String subresource, String namespace, String name) {

  /** The resource as {@code kubectl auth can-i} spells it: {@code pipelineruns.c8s.dev/log}. */
  public String resourceDescription() {
    String qualified = resource + "." + C8s.GROUP;
    return subresource.isEmpty() ? qualified : qualified + "/" + subresource;
  }

  /** The sentence of a 403: {@code user "u" cannot list pipelineruns.c8s.dev in namespace "x"}. */
  public String denial(String username) {
    return "user \""
        + username
        + "\" cannot "
        + verb
        + " "
        + resourceDescription()
        + (name.isEmpty() ? "" : " \"" + name + "\"")
        + " in namespace \""
        + namespace
        + "\"";
  }
}
