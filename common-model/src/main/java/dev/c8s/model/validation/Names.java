package dev.c8s.model.validation;

import java.util.Locale;
import java.util.regex.Pattern;

/** Kubernetes object and key names and environment variable names, as several rules need them. */
public final class Names {
  /** Longest DNS-1123 label, the limit for step names. */
  public static final int DNS_LABEL_MAX = 63;

  /** Longest DNS-1123 subdomain, the limit for object names and Secret keys. */
  public static final int DNS_SUBDOMAIN_MAX = 253;

  static final String OBJECT_NAME_FORM =
      "Kubernetes object name (DNS-1123 subdomain) such as my-app-ci";
  static final String ENV_VAR_FORM = "environment variable name such as GO_VERSION";

  private static final String LABEL_PART = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern DNS_LABEL = Pattern.compile(LABEL_PART);
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile(LABEL_PART + "(\\." + LABEL_PART + ")*");
  private static final Pattern ENV_VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

  private Names() {}

  /** A DNS-1123 label: lowercase alphanumerics and '-', at most 63 characters. */
  public static boolean isDnsLabel(String value) {
    return value != null && value.length() <= DNS_LABEL_MAX && DNS_LABEL.matcher(value).matches();
  }

  /** A DNS-1123 subdomain, the form Kubernetes requires of Secret and custom resource names. */
  public static boolean isDnsSubdomain(String value) {
    return value != null
        && value.length() <= DNS_SUBDOMAIN_MAX
        && DNS_SUBDOMAIN.matcher(value).matches();
  }

  /** A name a POSIX shell accepts for an environment variable. */
  public static boolean isEnvVarName(String value) {
    return value != null && ENV_VAR.matcher(value).matches();
  }

  /** A key Kubernetes accepts in a Secret's data. */
  public static boolean isSecretKey(String value) {
    return value != null
        && value.length() <= DNS_SUBDOMAIN_MAX
        && SECRET_KEY.matcher(value).matches()
        && !value.equals(".")
        && !value.startsWith("..");
  }

  /** A DNS label close to {@code value}, to suggest in a message. */
  static String toDnsLabel(String value) {
    String label =
        value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    label = label.length() > DNS_LABEL_MAX ? label.substring(0, DNS_LABEL_MAX) : label;
    return label.replaceAll("-+$", "");
  }

  /** An environment variable name close to {@code value}, to suggest in a message. */
  static String toEnvVarName(String value) {
    String name = value.replaceAll("[^A-Za-z0-9_]", "_");
    return name.isEmpty() || Character.isDigit(name.charAt(0)) ? "_" + name : name;
  }

  /**
   * Reports a reference to an object named {@code value} of {@code kind} that is missing (when
   * required) or could not be the name of any such object.
   */
  static void checkObjectName(
      Problems problems, String path, String value, String kind, boolean required) {
    if (value == null) {
      if (required) {
        problems.error(
            path,
            "the name of a "
                + kind
                + " is required; set it to the name of a "
                + kind
                + " in the same namespace",
            OBJECT_NAME_FORM,
            null);
      }
      return;
    }
    if (isDnsSubdomain(value)) {
      return;
    }
    String hint =
        value.isBlank() || toDnsLabel(value).isEmpty()
            ? ""
            : " (did you mean " + Texts.quote(toDnsLabel(value)) + "?)";
    problems.error(
        path,
        Texts.quote(value)
            + " cannot be the name of a "
            + kind
            + ": names use lowercase letters, digits, '-' and '.', start and end with a letter or"
            + " digit and have at most 253 characters"
            + hint,
        OBJECT_NAME_FORM,
        value);
  }
}
