package dev.c8s.api.openapi;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/** The hand-written schemas of the API document: envelope, metadata, lists and problems. */
final class CommonSchemas {
  private static final String COMMIT = "^[a-f0-9]{7,40}$";

  private CommonSchemas() {}

  /** A custom resource: apiVersion, kind, metadata, then spec and status from its CRD. */
  static Schema resource(String kind, Schema crd) {
    Schema status = crd.getProperties().get("status");
    if (status != null) {
      status.setReadOnly(true);
      status.setDescription(status.getDescription() + " (read-only: ignored in requests)");
    }
    return object()
        .description("c8s.dev/v1alpha1 " + kind + " custom resource, as stored in Kubernetes")
        .addProperty("apiVersion", string().enumeration(List.of("c8s.dev/v1alpha1")))
        .addProperty("kind", string().enumeration(List.of(kind)))
        .addProperty("metadata", ref("ObjectMeta"))
        .addProperty("spec", crd.getProperties().get("spec"))
        .addProperty("status", status)
        .required(List.of("metadata", "spec"))
        .additionalPropertiesBoolean(false);
  }

  /** A list of {@code kind} with its continue token. */
  static Schema list(String kind) {
    return object()
        .description("A page of " + kind + " objects")
        .addProperty("apiVersion", string().enumeration(List.of("c8s.dev/v1alpha1")))
        .addProperty("kind", string().enumeration(List.of(kind + "List")))
        .addProperty(
            "metadata",
            object()
                .addProperty(
                    "continue",
                    string()
                        .description(
                            "Pass as ?continue= to read the next page; absent on"
                                + " the last page")))
        .addProperty("items", OASFactory.createSchema().addType(SchemaType.ARRAY).items(ref(kind)))
        .required(List.of("apiVersion", "kind", "metadata", "items"));
  }

  /** The part of Kubernetes' ObjectMeta clients set or read. */
  static Schema objectMeta(String subdomain, String label) {
    Schema stringMap =
        object().additionalPropertiesSchema(string()).description("string keys and values");
    return object()
        .description("Kubernetes object metadata (other ObjectMeta fields may appear in responses)")
        .addProperty(
            "name",
            string()
                .pattern(subdomain)
                .maxLength(253)
                .description("Object name, unique in the namespace"))
        .addProperty(
            "namespace",
            string().pattern(label).maxLength(63).description("Must equal the path's namespace"))
        .addProperty("labels", stringMap)
        .addProperty("annotations", stringMap)
        .addProperty(
            "resourceVersion",
            string().description("Version for optimistic concurrency on replace"))
        .addProperty("generateName", string().readOnly(true))
        .addProperty("uid", string().readOnly(true))
        .addProperty(
            "generation", OASFactory.createSchema().addType(SchemaType.INTEGER).readOnly(true))
        .addProperty("creationTimestamp", string().format("date-time").readOnly(true))
        .required(List.of("name"));
  }

  /** One field-level problem (common-model's ValidationError). */
  static Schema validationError() {
    return object()
        .description("One problem with one field")
        .addProperty(
            "field", string().description("Field path, for example spec.steps[2].dependsOn[0]"))
        .addProperty("message", string().description("What is wrong and how to fix it"))
        .addProperty("expectedType", string().description("The expected type or form"))
        .addProperty("actualValue", string().description("The value found, when safe to echo"))
        .required(List.of("field", "message"));
  }

  /** RFC 9457 problem details with validation errors. */
  static Schema problem() {
    return object()
        .description("RFC 9457 problem details")
        .addProperty("type", string().format("uri").description("Kind of problem"))
        .addProperty("title", string().description("Short summary of the kind of problem"))
        .addProperty(
            "status",
            OASFactory.createSchema().addType(SchemaType.INTEGER).description("HTTP status"))
        .addProperty("detail", string().description("What went wrong, for a person to read"))
        .addProperty("instance", string().description("The request path"))
        .addProperty(
            "errors",
            OASFactory.createSchema()
                .addType(SchemaType.ARRAY)
                .items(ref("ValidationError"))
                .description("Field-level validation errors (422 only)"))
        .required(List.of("type", "title", "status", "detail"));
  }

  /** Body of a trigger. */
  static Schema triggerRequest() {
    Schema combination =
        object()
            .additionalPropertiesSchema(string())
            .description("One matrix combination: every dimension name to its value");
    return object()
        .description("Which commit to build, and optionally which matrix combinations")
        .addProperty(
            "commit",
            string().pattern(COMMIT).description("Commit SHA, 7 to 40 lowercase hex characters"))
        .addProperty("branch", string().description("Branch of the commit, for branch conditions"))
        .addProperty(
            "matrix",
            OASFactory.createSchema()
                .addType(SchemaType.ARRAY)
                .items(combination)
                .description("Combinations to run; all of the config's when absent or empty"))
        .required(List.of("commit"))
        .additionalPropertiesBoolean(false);
  }

  private static Schema object() {
    return OASFactory.createSchema().addType(SchemaType.OBJECT);
  }

  private static Schema string() {
    return OASFactory.createSchema().addType(SchemaType.STRING);
  }

  private static Schema ref(String name) {
    return OASFactory.createSchema().ref(name);
  }
}
