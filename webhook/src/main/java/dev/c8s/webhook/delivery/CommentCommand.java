package dev.c8s.webhook.delivery;

import java.util.Locale;
import java.util.Optional;

/** The commands a pull request comment may give c8s, one per line as the line's first word. */
public enum CommentCommand {
  /** Approve the held runs of the pull request's head (a fork's), or run the head with secrets. */
  OK_TO_TEST("/ok-to-test"),
  /** Run the pull request's head again. */
  RETEST("/retest"),
  /** Cancel the pull request's runs that have not ended. */
  CANCEL("/cancel");

  private final String word;

  CommentCommand(String word) {
    this.word = word;
  }

  /** The word as typed in the comment. */
  public String word() {
    return word;
  }

  /**
   * The first command of {@code comment}: a line whose first word is one of the commands (so that a
   * quoted "> /retest" or a sentence mentioning /retest is not one).
   */
  public static Optional<CommentCommand> in(String comment) {
    if (comment == null) {
      return Optional.empty();
    }
    for (String line : comment.split("\\R")) {
      String first = line.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
      for (CommentCommand command : values()) {
        if (command.word.equals(first)) {
          return Optional.of(command);
        }
      }
    }
    return Optional.empty();
  }
}
