package dev.c8s.model.validation;

import java.util.Optional;

/** Git's rules for branch names (git check-ref-format), with a message saying how to fix one. */
public final class GitBranches {
  /** The form the messages ask for. */
  public static final String EXPECTED = "git branch name such as main or feature/login";

  private static final String HEADS = "refs/heads/";
  private static final String FORBIDDEN = "~^:?*[\\";

  private GitBranches() {}

  /** What is wrong with {@code branch}, or empty when git would accept it as a branch name. */
  public static Optional<String> problem(String branch) {
    String quoted = Texts.quote(branch);
    if (branch.isEmpty()) {
      return Optional.of("branch name is empty; set the branch or leave the field out");
    }
    if (branch.startsWith(HEADS)) {
      return Optional.of(
          "branch "
              + quoted
              + " is a full ref; drop the refs/heads/ prefix and write "
              + Texts.quote(branch.substring(HEADS.length())));
    }
    for (char c : branch.toCharArray()) {
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        return Optional.of(
            "branch "
                + quoted
                + " contains whitespace or a control character, which git does"
                + " not allow in branch names; remove it");
      }
      if (FORBIDDEN.indexOf(c) >= 0) {
        return Optional.of(
            "branch "
                + quoted
                + " contains '"
                + c
                + "'; git branch names cannot contain any of"
                + " ~ ^ : ? * [ \\");
      }
    }
    if (branch.contains("..") || branch.contains("@{") || branch.equals("@")) {
      return Optional.of(
          "branch "
              + quoted
              + " contains '..' or '@{' or is '@', which git does not allow;"
              + " rename the branch");
    }
    if (branch.startsWith("/") || branch.endsWith("/") || branch.contains("//")) {
      return Optional.of(
          "branch "
              + quoted
              + " has an empty path component (a leading, trailing or double"
              + " '/'); remove the extra '/'");
    }
    if (branch.startsWith("-")) {
      return Optional.of("branch " + quoted + " starts with '-', which git does not allow");
    }
    if (branch.endsWith(".lock") || branch.endsWith(".")) {
      return Optional.of(
          "branch " + quoted + " ends with '.lock' or '.', which git does not allow");
    }
    for (String part : branch.split("/")) {
      if (part.startsWith(".")) {
        return Optional.of(
            "branch "
                + quoted
                + " has a path component starting with '.', which git does not"
                + " allow");
      }
    }
    return Optional.empty();
  }
}
