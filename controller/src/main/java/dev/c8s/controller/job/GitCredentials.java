package dev.c8s.controller.job;

/**
 * Where the clone container finds Git credentials: the RepositoryConnection's {@code
 * authSecretRef}, read by key ({@code username}/{@code password} for https, {@code ssh-key} for
 * ssh); all keys optional so one Secret shape serves both.
 *
 * @param secretName the Secret's name in the run's namespace, or null for a public repository
 */
public record GitCredentials(String secretName) {
  /** An anonymous clone. */
  public static final GitCredentials NONE = new GitCredentials(null);
}
