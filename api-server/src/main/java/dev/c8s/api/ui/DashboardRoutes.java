package dev.c8s.api.ui;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code /ui} leads to the web dashboard at {@code /ui/}, whose static files Quarkus serves from
 * META-INF/resources/ui (decision 0069; their headers are set in application.properties).
 */
@ApplicationScoped
public class DashboardRoutes {
  // A plain Vert.x route keeps the dashboard out of the REST API and its OpenAPI document.

  void routes(@Observes Router router) {
    // Vert.x matches "/ui/" to this route as well: that one is the static index page. The
    // Location is relative, so a non-root quarkus.http.root-path still lands on the dashboard.
    router
        .get("/ui")
        .handler(
            rc -> {
              if (rc.request().path().endsWith("/")) {
                rc.next();
              } else {
                rc.response().setStatusCode(302).putHeader("Location", "ui/").end();
              }
            });
  }
}
