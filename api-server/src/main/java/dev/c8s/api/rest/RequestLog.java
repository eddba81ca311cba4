package dev.c8s.api.rest;

import dev.c8s.api.auth.Caller;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every API request an id, which its log lines carry ({@code mdc.request_id} in JSON logs)
 * and its answer echoes in {@code X-Request-Id}, and logs one line per answered request. A client's
 * own {@code X-Request-Id} is kept when it is a plain token, so its logs and ours correlate.
 */
public class RequestLog {
  /** The header that carries the id both ways. */
  public static final String HEADER = "X-Request-Id";

  /** The MDC field of the id. */
  public static final String REQUEST_ID = "request_id";

  private static final Logger LOG = Logger.getLogger(RequestLog.class);
  private static final Pattern USABLE = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");
  private static final String STARTED = RequestLog.class.getName() + ".started";

  /** Before authentication, so that its refusals are logged with the id too. */
  @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 100)
  public void identify(ContainerRequestContext request) {
    String id =
        Optional.ofNullable(request.getHeaderString(HEADER))
            .filter(value -> USABLE.matcher(value).matches())
            .orElseGet(() -> UUID.randomUUID().toString());
    request.setProperty(HEADER, id);
    request.setProperty(STARTED, System.nanoTime());
    MDC.put(REQUEST_ID, id);
  }

  @ServerResponseFilter
  public void answered(ContainerRequestContext request, ContainerResponseContext response) {
    Object id = request.getProperty(HEADER);
    if (id == null) {
      return;
    }
    response.getHeaders().putSingle(HEADER, id);
    MDC.put(REQUEST_ID, id.toString());
    long ms = (System.nanoTime() - (long) request.getProperty(STARTED)) / 1_000_000;
    Object caller = request.getProperty(Caller.PROPERTY);
    LOG.infof(
        "%s %s answered %d in %d ms for %s",
        request.getMethod(),
        request.getUriInfo().getPath(),
        response.getStatus(),
        ms,
        caller instanceof Caller c ? c.username() : "(not authenticated)");
    MDC.remove(REQUEST_ID);
  }
}
