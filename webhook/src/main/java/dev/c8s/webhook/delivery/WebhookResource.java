package dev.c8s.webhook.delivery;

import dev.c8s.webhook.http.WebhookBodyLimit;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The receivers Git providers deliver to: one path per provider, the raw body untouched. */
@Path("/webhooks")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {
  private final DeliveryHandler handler;
  private final GitHubProtocol github;
  private final GitLabProtocol gitlab;
  private final BitbucketProtocol bitbucket;

  public WebhookResource(
      DeliveryHandler handler,
      GitHubProtocol github,
      GitLabProtocol gitlab,
      BitbucketProtocol bitbucket) {
    this.handler = handler;
    this.github = github;
    this.gitlab = gitlab;
    this.bitbucket = bitbucket;
  }

  @POST
  @Path("/github")
  public Response github(@Context RoutingContext context, @Context HttpHeaders headers) {
    return handle(github, context, headers);
  }

  @POST
  @Path("/gitlab")
  public Response gitlab(@Context RoutingContext context, @Context HttpHeaders headers) {
    return handle(gitlab, context, headers);
  }

  @POST
  @Path("/bitbucket")
  public Response bitbucket(@Context RoutingContext context, @Context HttpHeaders headers) {
    return handle(bitbucket, context, headers);
  }

  /** The body was read, within the size limit, by {@link WebhookBodyLimit}. */
  private Response handle(ProviderProtocol protocol, RoutingContext context, HttpHeaders headers) {
    Buffer read = context.get(WebhookBodyLimit.BODY);
    byte[] body = read == null ? new byte[0] : read.getBytes();
    Map<String, String> first = new HashMap<>();
    headers
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              List<String> present = values == null ? List.of() : values;
              if (!present.isEmpty()) {
                first.put(name, present.get(0));
              }
            });
    DeliveryHandler.Answer answer = handler.handle(protocol, new DeliveryRequest(first, body));
    return Response.status(answer.status())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(answer.body())
        .build();
  }
}
