package dev.c8s.api.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The RBAC permission a REST operation needs in the request's namespace. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresAccess {
  /** Kubernetes verb: get, list, create, update, delete. */
  String verb();

  /** Resource of group c8s.dev, for example {@code pipelineruns}. */
  String resource();

  /** Subresource, for example {@code log}; empty for none. */
  String subresource() default "";

  /**
   * Path parameter holding the object's name, passed as the review's resource name so that RBAC
   * rules with {@code resourceNames} apply; empty for collection verbs.
   */
  String nameParam() default "";
}
