package dev.c8s.model.v1alpha1;

/** What c8s does with a pull request whose commits come from a fork of the repository. */
public enum ForkPolicy {
  /** The run is created but held Pending until a user with write access comments /ok-to-test. */
  ApprovalRequired,
  /** The run starts at once without the steps' secrets; /ok-to-test runs it again with them. */
  WithoutSecrets,
  /** Forks are trusted like branches of the repository: the run starts with its secrets. */
  Trusted
}
