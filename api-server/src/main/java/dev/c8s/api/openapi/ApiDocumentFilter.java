package dev.c8s.api.openapi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/** Completes the OpenAPI document: CRD schemas, problems, security and shared parameters. */
public class ApiDocumentFilter implements OASFilter {
  private static final String PROBLEM = "application/problem+json";
  private static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  private static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
  private static final Map<String, String> KINDS =
      Map.of(
          "PipelineConfig", "pipelineconfigs",
          "PipelineRun", "pipelineruns",
          "RepositoryConnection", "repositoryconnections");

  @Override
  public void filterOpenAPI(OpenAPI api) {
    Components components = api.getComponents();
    if (components == null) {
      components = OASFactory.createComponents();
      api.setComponents(components);
    }
    components.addSchema("ObjectMeta", CommonSchemas.objectMeta(DNS_SUBDOMAIN, DNS_LABEL));
    components.addSchema("ValidationError", CommonSchemas.validationError());
    components.addSchema("Problem", CommonSchemas.problem());
    components.addSchema("TriggerRequest", CommonSchemas.triggerRequest());
    KINDS.forEach(
        (kind, plural) -> {
          Schema crd = CrdSchemas.toSchema(CrdSchemas.openApiV3Schema(plural));
          api.getComponents().addSchema(kind, CommonSchemas.resource(kind, crd));
          api.getComponents().addSchema(kind + "List", CommonSchemas.list(kind));
        });
    components.addSecurityScheme(
        "bearer",
        OASFactory.createSecurityScheme()
            .type(SecurityScheme.Type.HTTP)
            .scheme("bearer")
            .description(
                "A Kubernetes token (for example `kubectl create token <service-account>`),"
                    + " checked with TokenReview; permissions are the caller's Kubernetes RBAC."));
    if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
      return;
    }
    api.getPaths()
        .getPathItems()
        .forEach(
            (path, item) -> {
              if (path.startsWith("/api/")) {
                constrain(item.getParameters());
                item.getOperations().values().forEach(operation -> decorate(path, operation));
              }
            });
  }

  /**
   * The answers every operation of its kind gives, declared here once: 400, 401 and 403 for all,
   * 404 for one named object (an operation that can say more declares its own), 410 for lists that
   * page, 415 for those with a body.
   */
  private static void decorate(String path, Operation operation) {
    SecurityRequirement bearer = OASFactory.createSecurityRequirement().addScheme("bearer");
    operation.setSecurity(List.of(bearer));
    constrain(operation.getParameters());
    kindNamedIn(path).ifPresent(kind -> addProblem(operation, "404", "No such " + kind, null));
    if (operation.getRequestBody() != null) {
      addProblem(operation, "415", "The body is not application/json", null);
    }
    addProblem(
        operation,
        "400",
        "Malformed request: an invalid name in the path, query parameter or JSON body",
        null);
    addProblem(
        operation,
        "401",
        "No bearer token, or one the Kubernetes API server does not accept",
        OASFactory.createHeader()
            .description("Bearer challenge")
            .schema(OASFactory.createSchema().addType(SchemaType.STRING)));
    addProblem(
        operation,
        "403",
        "The caller's RBAC does not grant the operation's permission; detail names it",
        null);
    if (operation.getParameters() != null
        && operation.getParameters().stream().anyMatch(p -> "continue".equals(p.getName()))) {
      addProblem(
          operation,
          "410",
          "The continue token expired (Kubernetes compacted its version); list again from the"
              + " start",
          null);
    }
  }

  /** The kind of the one object a path names ({@code .../pipelineruns/{name}...}), if any. */
  private static Optional<String> kindNamedIn(String path) {
    return KINDS.entrySet().stream()
        .filter(kind -> path.contains("/" + kind.getValue() + "/{name}"))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  private static void addProblem(
      Operation operation, String code, String description, Header challenge) {
    APIResponse existing = operation.getResponses().getAPIResponse(code);
    // SmallRye adds a bare 400 to operations with a body; give it the problem content too.
    if (existing != null && existing.getContent() != null) {
      return;
    }
    APIResponse response =
        OASFactory.createAPIResponse()
            .description(description)
            .content(
                OASFactory.createContent()
                    .addMediaType(
                        PROBLEM,
                        OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("Problem"))));
    if (challenge != null) {
      response.addHeader("WWW-Authenticate", challenge);
    }
    operation.getResponses().addAPIResponse(code, response);
  }

  private static void constrain(List<Parameter> parameters) {
    if (parameters == null) {
      return;
    }
    for (Parameter parameter : parameters) {
      Schema schema = parameter.getSchema();
      if (schema == null) {
        schema = OASFactory.createSchema().addType(SchemaType.STRING);
        parameter.setSchema(schema);
      }
      switch (parameter.getName()) {
        case "namespace" -> {
          parameter.setDescription("Kubernetes namespace");
          parameter.setExample("team-a");
          schema.pattern(DNS_LABEL).maxLength(63);
        }
        case "name" -> {
          if (parameter.getIn() == Parameter.In.PATH) {
            parameter.setDescription("Object name");
            parameter.setExample("webapp");
            schema.pattern(DNS_SUBDOMAIN).maxLength(253);
          }
        }
        case "step" -> {
          parameter.setDescription("Step name, as in the pipeline spec");
          parameter.setExample("build");
          schema.pattern(DNS_LABEL).maxLength(63);
        }
        case "limit" -> {
          parameter.setDescription("Most items per page (1 to 500)");
          parameter.setSchema(
              OASFactory.createSchema()
                  .addType(SchemaType.INTEGER)
                  .minimum(java.math.BigDecimal.ONE)
                  .maximum(java.math.BigDecimal.valueOf(500))
                  .defaultValue(100));
        }
        case "continue" -> {
          parameter.setDescription("metadata.continue of the previous page, to read the next one");
          schema.pattern("^[A-Za-z0-9+/=_.-]*$");
        }
        case "pipelineConfig" -> schema.pattern(DNS_SUBDOMAIN).maxLength(253);
        default -> {
          // other parameters are documented where they are declared
        }
      }
      if (parameter.getIn() == Parameter.In.PATH) {
        parameter.setRequired(true);
      }
    }
  }
}
