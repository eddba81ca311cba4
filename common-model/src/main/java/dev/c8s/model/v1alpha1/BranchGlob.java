package dev.c8s.model.v1alpha1;

import java.util.regex.Pattern;

/**
 * Branch filters: {@code *} matches any characters including {@code /}, {@code ?} one character;
 * everything else is literal.
 */
public final class BranchGlob {
  private BranchGlob() {}

  /** Whether {@code branch} matches {@code glob}; a null branch matches nothing. */
  public static boolean matches(String glob, String branch) {
    if (glob == null || branch == null) {
      return false;
    }
    return toRegex(glob).matcher(branch).matches();
  }

  private static Pattern toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*' || c == '?') {
        if (!literal.isEmpty()) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
